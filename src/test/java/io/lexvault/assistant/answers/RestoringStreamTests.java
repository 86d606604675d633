package io.lexvault.assistant.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The user's stream never shows a placeholder, even one that arrives in pieces. */
class RestoringStreamTests {

    @Test
    void aPlaceholderSplitAcrossDeltasIsRestoredWhole() {
        var out = new ArrayList<String>();
        var stream = new RestoringStream(t -> t.replace("[PERSON_1]", "Anna Müller"), out::add);
        stream.accept("The buyer [PER");
        stream.accept("SON_1] pays [1");
        stream.accept("].");
        stream.finish();
        assertThat(String.join("", out)).isEqualTo("The buyer Anna Müller pays [1].");
        assertThat(out).noneMatch(d -> d.contains("PERSON"));
    }
}
