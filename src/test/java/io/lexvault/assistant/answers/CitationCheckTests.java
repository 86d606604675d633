package io.lexvault.assistant.answers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.assistant.answers.CitationCheck.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every citation must name a passage given, and every quotation must be in a passage it cites. */
class CitationCheckTests {

    static final Map<Integer, String> PASSAGES = Map.of(
            1, "The purchaser pays the price\n on completion. Completion takes place in Zürich.",
            2, "Either party may terminate the agreement with three months' notice.");

    @Test
    void aCitationOfAGivenPassageWithAQuotationFromItIsVerified() {
        var v = CitationCheck.verify("The price is due \"on completion\" [1].", PASSAGES);
        assertThat(v.sentences())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(Status.VERIFIED));
        assertThat(v.allVerified()).isTrue();
        assertThat(v.verifiedNumbers()).containsExactly(1);
    }

    @Test
    void aCitationOfAPassageNotGivenIsUnverified() {
        var v = CitationCheck.verify("Completion is in Zürich [3].", PASSAGES);
        var s = v.sentences().getFirst();
        assertThat(s.status()).isEqualTo(Status.UNVERIFIED);
        assertThat(s.problem()).contains("[3]");
        assertThat(v.allVerified()).isFalse();
    }

    @Test
    void aCitationNumberedZeroIsUnverified() {
        assertThat(CitationCheck.verify("Nothing [0].", PASSAGES).allVerified()).isFalse();
    }

    @Test
    void aQuotationNotInTheCitedPassageIsUnverifiedEvenIfAnotherPassageHoldsIt() {
        var v = CitationCheck.verify("It says \"three months' notice\" [1].", PASSAGES);
        assertThat(v.sentences().getFirst().status()).isEqualTo(Status.UNVERIFIED);
        assertThat(CitationCheck.verify("It says \"three months' notice\" [1, 2].", PASSAGES)
                        .allVerified())
                .isTrue();
    }

    @Test
    void aQuotationThatChangesAWordIsUnverified() {
        var v = CitationCheck.verify("\u201cThe buyer pays the price on completion.\u201d [1]", PASSAGES);
        assertThat(v.sentences().getFirst().status()).isEqualTo(Status.UNVERIFIED);
        assertThat(v.sentences().getFirst().problem()).contains("not in the cited passage");
    }

    @Test
    void whitespaceIsNormalisedLineBreaksNoBreakSpacesAndRuns() {
        assertThat(CitationCheck.verify("\"The purchaser   pays the\u00a0price on completion.\" [1]", PASSAGES)
                        .allVerified())
                .isTrue();
        assertThat(CitationCheck.verify("\u201cprice on  completion\u201d [1]", PASSAGES)
                        .allVerified())
                .isTrue();
    }

    @Test
    void typographicApostrophesMatchStraightOnes() {
        assertThat(CitationCheck.verify("\"three months\u2019 notice\" [2]", PASSAGES)
                        .allVerified())
                .isTrue();
    }

    @Test
    void anEllipsisSkipsWordsButThePartsMustOccurInOrder() {
        assertThat(CitationCheck.verify("\"The purchaser \u2026 on completion\" [1]", PASSAGES)
                        .allVerified())
                .isTrue();
        assertThat(CitationCheck.verify("\"on completion ... The purchaser\" [1]", PASSAGES)
                        .allVerified())
                .isFalse();
    }

    @Test
    void aQuotationWithoutCitationIsUnverified() {
        var v = CitationCheck.verify("The contract says \"on completion\".", PASSAGES);
        assertThat(v.sentences().getFirst().status()).isEqualTo(Status.UNVERIFIED);
        assertThat(v.sentences().getFirst().problem()).contains("without citing");
    }

    @Test
    void aSentenceWithoutCitationOrQuotationIsNotChecked() {
        var v = CitationCheck.verify("Here is what the documents say.", PASSAGES);
        assertThat(v.sentences().getFirst().status()).isEqualTo(Status.UNCITED);
        assertThat(v.allVerified()).isTrue();
    }

    @Test
    void eachSentenceIsJudgedOnItsOwnAndCitationsAfterTheFullStopBelongToIt() {
        var v = CitationCheck.verify(
                "The price is due on completion. [1] Termination needs notice [2]. Delivery is in Oslo [4].", PASSAGES);
        assertThat(v.sentences())
                .extracting(CitationCheck.Sentence::status)
                .containsExactly(Status.VERIFIED, Status.VERIFIED, Status.UNVERIFIED);
        assertThat(v.sentences().getFirst().citations()).hasSize(1);
    }

    @Test
    void aQuotationIsNeverCutIntoSentences() {
        var v = CitationCheck.verify(
                "\"The purchaser pays the price on completion. Completion takes place in Zürich.\" [1]", PASSAGES);
        assertThat(v.sentences())
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(Status.VERIFIED));
    }

    @Test
    void aLineBreakEndsASentence() {
        var v = CitationCheck.verify("First point [1]\nSecond point [9]", PASSAGES);
        assertThat(v.sentences())
                .extracting(CitationCheck.Sentence::status)
                .containsExactly(Status.VERIFIED, Status.UNVERIFIED);
    }

    @Test
    void aBracketedNumberInsideAQuotationIsTheDocumentsTextNotACitation() {
        var passages = Map.of(1, "See clause [4] of the annex.");
        var v = CitationCheck.verify("It refers to \"clause [4] of the annex\" [1].", passages);
        assertThat(v.sentences().getFirst().status()).isEqualTo(Status.VERIFIED);
        assertThat(v.citedNumbers()).containsExactly(1);
    }
}
