package io.lexvault.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A question retrieves passages as plain words: the search box's syntax means nothing in it. */
class PassageQuestionTests {

    @Test
    void quotesExclusionsAndPrefixesBecomePlainWords() {
        assertThat(DocumentSearch.plainWords("What does \"notice period\" mean -draft title:lease?"))
                .isEqualTo("What does notice period mean draft title lease?");
    }

    @Test
    void aBlankQuestionHasNoWords() {
        assertThat(DocumentSearch.plainWords("  \" - : ")).isEmpty();
    }
}
