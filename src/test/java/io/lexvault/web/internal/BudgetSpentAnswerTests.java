package io.lexvault.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.assistant.providers.BudgetSpentException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** A spent token budget is answered by the one mapping: 429 with the sentence saying whose budget. */
class BudgetSpentAnswerTests {

    private final RequestErrors errors = new RequestErrors();

    @Test
    @SuppressWarnings("unchecked")
    void aSpentBudgetIsA429WithItsSentenceForApiClients() {
        var answer = (ResponseEntity<ProblemDetail>) errors.refusal(
                new BudgetSpentException("The firm's assistant budget for December 2026 is spent."),
                new MockHttpServletRequest("POST", "/api/v1/matters/1/assistant/questions"),
                new MockHttpServletResponse());

        assertThat(answer.getStatusCode().value()).isEqualTo(429);
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getDetail()).isEqualTo("The firm's assistant budget for December 2026 is spent.");
    }

    @Test
    void browsersGetTheErrorPageWith429() {
        var answer = (ModelAndView) errors.refusal(
                new BudgetSpentException("Your own assistant budget is spent."),
                new MockHttpServletRequest("POST", "/matters/1/ask"),
                new MockHttpServletResponse());

        assertThat(answer.getStatus()).isNotNull();
        assertThat(answer.getStatus().value()).isEqualTo(429);
        assertThat(answer.getModel()).containsEntry("detail", "Your own assistant budget is spent.");
    }
}
