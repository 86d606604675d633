package io.lexvault.assistant.answers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline answer quotes the best sentences word for word, cites them, and passes the check. */
class ExtractiveAnswererTests {

    final ExtractiveAnswerer answerer = new ExtractiveAnswerer();

    @Test
    void quotesAndCitesTheBestMatchingSentencesUnderAnExtractsHeading() {
        var passages = List.of(
                new ExtractiveAnswerer.Numbered(
                        1,
                        "Recitals. The parties met in Bergen. The notice period for"
                                + " termination is three months, starting at the end of a month."),
                new ExtractiveAnswerer.Numbered(
                        2, "Payment is due within 30 days of the invoice [sic]. *Late* payment" + " bears interest."));
        var deltas = new ArrayList<String>();
        var answer = answerer.answer("What is the notice period for termination?", passages, deltas::add);

        assertThat(answer.text()).startsWith(ExtractiveAnswerer.HEADING);
        assertThat(answer.text())
                .contains("\u201cThe notice period for termination is three months,"
                        + " starting at the end of a month.\u201d [1]");
        assertThat(answer.provider()).isEqualTo("offline");
        assertThat(String.join("", deltas)).isEqualTo(answer.text());

        var rendered = AnswerRendering.render(
                answer.text(),
                Map.of(1, passages.get(0).text(), 2, passages.get(1).text()),
                n -> null);
        assertThat(rendered.verification().allVerified()).isTrue();
        assertThat(rendered.verification().verifiedNumbers()).contains(1);
    }

    @Test
    void markdownInAPassageStaysTextAndItsQuotationStillVerifies() {
        var passages = List.of(new ExtractiveAnswerer.Numbered(
                1, "Payment is due within 30 days of the invoice [2] and *late* <b>payment</b> & interest apply."));
        var answer = answerer.answer("payment invoice", passages, d -> {});
        var rendered =
                AnswerRendering.render(answer.text(), Map.of(1, passages.get(0).text()), n -> null);
        assertThat(rendered.html()).doesNotContain("<em>").doesNotContain("<b>").contains("&lt;b&gt;");
        assertThat(rendered.verification().allVerified()).isTrue();
    }

    @Test
    void withoutPassagesItSaysSo() {
        var answer = answerer.answer("anything", List.of(), d -> {});
        assertThat(answer.text()).isEqualTo(ExtractiveAnswerer.NOTHING);
    }

    @Test
    void aLongSentenceIsCutWithAnEllipsisTheCheckAccepts() {
        String text = "Termination " + "clause words ".repeat(60) + "end.";
        var answer = answerer.answer("termination", List.of(new ExtractiveAnswerer.Numbered(1, text)), d -> {});
        assertThat(answer.text()).contains("\u2026\u201d [1]");
        var rendered = AnswerRendering.render(answer.text(), Map.of(1, text), n -> null);
        assertThat(rendered.verification().allVerified()).isTrue();
    }
}
