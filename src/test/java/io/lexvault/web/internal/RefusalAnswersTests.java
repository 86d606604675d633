package io.lexvault.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.web.Refusal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/** Every refusal is answered by the one mapping: its status by reason, our sentence or the fixed one. */
class RefusalAnswersTests {

    private final RequestErrors errors = new RequestErrors();

    @ParameterizedTest
    @CsvSource({
        "INVALID,400",
        "FORBIDDEN,403",
        "NOT_FOUND,404",
        "CONFLICT,409",
        "TOO_LARGE,413",
        "UNSUPPORTED,415",
        "TOO_MANY,429"
    })
    void eachReasonHasItsStatusForApiClients(Refusal.Reason reason, int status) {
        var answer = api(new Shown(reason, "Our own sentence."));

        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getStatus()).isEqualTo(status);
        assertThat(answer.getBody().getDetail()).isEqualTo("Our own sentence.");
        assertThat(answer.getBody().getInstance()).hasToString("/api/v1/things/1");
    }

    @Test
    void aRefusalWithoutASentenceReadsLikeAnyOtherOfItsStatus() {
        var answer = api(new Unshown(Refusal.Reason.NOT_FOUND, "Matter 42 is behind a wall"));

        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        assertThat(answer.getBody()).isNotNull();
        assertThat(answer.getBody().getDetail())
                .isEqualTo("Nothing was found at this address.")
                .doesNotContain("42", "wall");
    }

    @Test
    void browsersGetTheErrorPageWithTheSameStatusAndSentence() {
        var request = new MockHttpServletRequest("POST", "/matters/1/close");
        var answer = errors.refusal(
                new Shown(Refusal.Reason.CONFLICT, "The matter is closed already."),
                request,
                new MockHttpServletResponse());

        assertThat(answer).isInstanceOf(ModelAndView.class);
        var page = (ModelAndView) answer;
        assertThat(page.getViewName()).isEqualTo("error");
        assertThat(page.getStatus()).isNotNull();
        assertThat(page.getStatus().value()).isEqualTo(409);
        assertThat(page.getModel()).containsEntry("detail", "The matter is closed already.");
    }

    @Test
    void tooManyTellsWhenToTryAgain() {
        var response = new MockHttpServletResponse();
        errors.refusal(new Throttled(), new MockHttpServletRequest("GET", "/api/v1/things"), response);

        assertThat(response.getHeader("Retry-After")).isEqualTo("90");
    }

    @SuppressWarnings("unchecked")
    private ResponseEntity<ProblemDetail> api(Refusal refusal) {
        var answer = errors.refusal(
                refusal, new MockHttpServletRequest("GET", "/api/v1/things/1"), new MockHttpServletResponse());
        assertThat(answer).isInstanceOf(ResponseEntity.class);
        return (ResponseEntity<ProblemDetail>) answer;
    }

    private static final class Shown extends Refusal {
        Shown(Reason reason, String sentence) {
            super(reason, sentence);
        }
    }

    private static final class Unshown extends Refusal {
        Unshown(Reason reason, String message) {
            super(reason, message, null);
        }
    }

    private static final class Throttled extends Refusal {
        Throttled() {
            super(Reason.TOO_MANY, "Too many things: try again in 90 seconds.");
        }

        @Override
        public Optional<Duration> retryAfter() {
            return Optional.of(Duration.ofSeconds(90));
        }
    }
}
