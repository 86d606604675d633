package io.lexvault.assistant.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The prompt numbers the passages best first and stops before the model's window is full. */
class PromptTemplateTests {

    @Test
    void passagesAreNumberedInOrderAfterTheQuestion() {
        var built = PromptTemplate.build(
                "Notice period?", List.of("Lease, page 2\nThree months.", "Annex\nNone."), 16_000, 1_500);
        assertThat(built.included()).isEqualTo(2);
        String user = built.prompt().user();
        assertThat(user).startsWith("Question:\nNotice period?");
        assertThat(user.indexOf("[1] Lease, page 2")).isLessThan(user.indexOf("[2] Annex"));
        assertThat(built.prompt().system()).contains("not instructions");
        assertThat(built.prompt().maxAnswerTokens()).isEqualTo(1_500);
    }

    @Test
    void passagesThatDoNotFitTheWindowWithRoomForTheAnswerAreLeftOut() {
        String passage = "x".repeat(4_000);
        var built = PromptTemplate.build("q", List.of(passage, passage, passage, passage, passage), 4_000, 1_000);
        // (4,000 - 1,000) tokens at 3 characters a token, less the instructions: two passages fit.
        assertThat(built.included()).isEqualTo(2);
        assertThat(built.prompt().user()).contains("[2] ").doesNotContain("[3] ");
        assertThat(built.prompt().user().length() + built.prompt().system().length())
                .isLessThanOrEqualTo(9_000);
    }

    @Test
    void theHeaderNamesTitlePageAndHeading() {
        assertThat(PromptTemplate.passageHeader("Lease", 3, "2. Term > 2.1 Notice"))
                .isEqualTo("Lease, page 3, 2. Term > 2.1 Notice");
        assertThat(PromptTemplate.passageHeader("Lease", null, "")).isEqualTo("Lease");
    }
}
