package io.lexvault.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.testsupport.HostileText;
import io.lexvault.testsupport.HostileText.Sample;
import io.lexvault.text.InvalidTextException.Reason;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HumanTextTests {

    private static final int MAX = 50;

    static Stream<Sample> refusedEverywhere() {
        return HostileText.refusedEverywhere(MAX).stream();
    }

    static Stream<Sample> refusedInOneLine() {
        return Stream.concat(refusedEverywhere(), HostileText.refusedInOneLine().stream());
    }

    static Stream<Sample> accepted() {
        return HostileText.accepted(MAX).stream();
    }

    static Stream<Sample> acceptedInMultiLine() {
        return Stream.concat(accepted(), HostileText.acceptedInMultiLine().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedInOneLine")
    void oneLineFieldsRefuseHiddenControlAndOverlongText(Sample sample) {
        assertThatThrownBy(() -> HumanText.line("title", sample.sent(), MAX))
                .isInstanceOf(InvalidTextException.class)
                .hasMessageStartingWith("title ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Invoice", "fdp", "first", "xx"));
        assertThatThrownBy(() -> HumanText.optionalLine("title", sample.sent(), MAX))
                .isInstanceOf(InvalidTextException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedEverywhere")
    void multiLineFieldsRefuseHiddenControlAndOverlongText(Sample sample) {
        assertThatThrownBy(() -> HumanText.lines("notes", sample.sent(), MAX)).isInstanceOf(InvalidTextException.class);
        assertThatThrownBy(() -> HumanText.optionalLines("notes", sample.sent(), MAX))
                .isInstanceOf(InvalidTextException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void oneLineFieldsKeepScaryLookingTextAsTyped(Sample sample) {
        assertThat(HumanText.line("title", sample.sent(), MAX)).isEqualTo(sample.stored());
        assertThat(HumanText.optionalLine("title", sample.sent(), MAX)).isEqualTo(sample.stored());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedInMultiLine")
    void multiLineFieldsKeepScaryLookingTextAndLineBreaks(Sample sample) {
        assertThat(HumanText.lines("notes", sample.sent(), MAX)).isEqualTo(sample.stored());
        assertThat(HumanText.optionalLines("notes", sample.sent(), MAX)).isEqualTo(sample.stored());
    }

    @Test
    void blankIsRefusedWhereRequiredAndNoneWhereOptional() {
        for (String blank : List.of("", HostileText.onlyWhitespace().sent(), "\r\n\n")) {
            assertThatThrownBy(() -> HumanText.line("A group's name", blank, 100))
                    .isInstanceOf(InvalidTextException.class)
                    .hasMessage("A group's name is required (1 to 100 characters).")
                    .extracting(e -> ((InvalidTextException) e).reason())
                    .isEqualTo(Reason.REQUIRED);
            assertThatThrownBy(() -> HumanText.lines("A wall's reason", blank, 1000))
                    .isInstanceOf(InvalidTextException.class);
            assertThat(HumanText.optionalLine("practiceArea", blank, 100)).isNull();
            assertThat(HumanText.optionalLines("notes", blank, 100)).isNull();
        }
        assertThat(HumanText.optionalLine("practiceArea", null, 100)).isNull();
        assertThatThrownBy(() -> HumanText.line("title", null, 200)).isInstanceOf(InvalidTextException.class);
    }

    @Test
    void eachReasonHasItsOwnSentence() {
        assertThat(reasonFor("Invoice\u202Efdp.exe")).isEqualTo(Reason.INVISIBLE);
        assertThat(reasonFor("soft\u00ADhyphen")).isEqualTo(Reason.INVISIBLE);
        assertThat(reasonFor("tag\uDB40\uDC41")).isEqualTo(Reason.INVISIBLE);
        assertThat(reasonFor("private\uE000use")).isEqualTo(Reason.INVISIBLE);
        assertThat(reasonFor("non\uFFFEcharacter")).isEqualTo(Reason.INVISIBLE);
        assertThat(reasonFor("lone\uDC00low")).isEqualTo(Reason.INVISIBLE);
        assertThat(reasonFor("bell\u0007")).isEqualTo(Reason.CONTROL);
        assertThat(reasonFor("delete\u007F")).isEqualTo(Reason.CONTROL);
        assertThat(reasonFor("two\nlines")).isEqualTo(Reason.LINE_BREAK);
        assertThat(reasonFor("two\u2029paragraphs")).isEqualTo(Reason.LINE_BREAK);
        assertThat(reasonFor("w".repeat(MAX + 1))).isEqualTo(Reason.TOO_LONG);
        assertThatThrownBy(() -> HumanText.lines("A wall's reason", "paragraph\u2029separator", MAX))
                .isInstanceOf(InvalidTextException.class)
                .hasMessage("A wall's reason must not contain control characters.");
        assertThatThrownBy(() -> HumanText.line("title", "Invoice\u202Efdp.exe", 200))
                .hasMessage("title must not contain invisible or direction-changing characters"
                        + " (such as bidi overrides or zero-width spaces).");
        assertThatThrownBy(() -> HumanText.line("title", "two\nlines", 200))
                .hasMessage("title is one line, without line breaks or tabs.");
        assertThatThrownBy(() -> HumanText.line("title", "t".repeat(201), 200))
                .hasMessage("title has at most 200 characters.");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(MAX);
        assertThat(HumanText.line("title", emoji, MAX)).isEqualTo(emoji);
        assertThatThrownBy(() -> HumanText.line("title", emoji + "😀", MAX)).isInstanceOf(InvalidTextException.class);
    }

    @Test
    void textIsStoredInComposedForm() {
        String decomposed = "Mu\u0308ller";
        assertThat(HumanText.line("name", decomposed, MAX)).isEqualTo("M\u00FCller");
    }

    @Test
    void combiningMarksVariationSelectorsAndInnerSpacesAreText() {
        for (String text : List.of("e\u0301\u0302 stacked", "\u2764\uFE0F heart", "thin\u2009space", "a\u00A0b")) {
            assertThat(HumanText.line("name", text, MAX)).isNotEmpty();
        }
    }

    private static Reason reasonFor(String text) {
        try {
            HumanText.line("field", text, MAX);
        } catch (InvalidTextException e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + text.codePoints().count() + " code points");
    }
}
