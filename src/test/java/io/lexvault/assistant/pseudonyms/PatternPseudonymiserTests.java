package io.lexvault.assistant.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatternPseudonymiserTests {

    private final Pseudonymiser pseudonymiser = new PatternPseudonymiser();

    private String pseudonymised(String text, KnownName... names) {
        return pseudonymiser.session(List.of(names)).pseudonymise(text).text();
    }

    // Known names

    @Test
    void knownNameIsReplacedWithItsKind() {
        var session = pseudonymiser.session(
                List.of(new KnownName("Anna Virtanen", "person"), new KnownName("Nordbygg AB", "client")));
        var result = session.pseudonymise("Anna Virtanen signed for Nordbygg AB.");
        assertThat(result.text()).isEqualTo("[PERSON_1] signed for [CLIENT_1].");
        assertThat(result.originals())
                .containsEntry("[PERSON_1]", "Anna Virtanen")
                .containsEntry("[CLIENT_1]", "Nordbygg AB");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Virtasen",
                "Virtaselle",
                "Virtasella",
                "Virtasesta",
                "Virtasta",
                "virtanen",
                "VIRTANEN",
                "Virtanen's",
                "Virtanens",
                "Anna",
                "Annalle",
                "Annan",
                "Anna's"
            })
    void finnishCaseFormsAndPartsOfTheNameAreReplaced(String form) {
        assertThat(pseudonymised("Sopimus " + form + " kanssa.", new KnownName("Anna Virtanen", "person")))
                .isEqualTo("Sopimus [PERSON_1] kanssa.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Müller", "Muller", "Mueller", "MÜLLER", "Müllers", "Müller's"})
    void germanSpellingsAndGenitivesOfOneNameAreTheSameName(String form) {
        assertThat(pseudonymised("Herr " + form + " unterschreibt.", new KnownName("Jürgen Müller", "party")))
                .isEqualTo("Herr [PARTY_1] unterschreibt.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Anderssons", "Andersson", "Andersson's", "Lars Anderssons", "Lars"})
    void swedishAndEnglishPossessivesAreReplaced(String form) {
        assertThat(pseudonymised("Enligt " + form + " avtal.", new KnownName("Lars Andersson", "person")))
                .isEqualTo("Enligt [PERSON_1] avtal.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jana Kowalskiego", "Kowalskiemu", "Janowi", "Kowalskim"})
    void polishDeclensionIsReplaced(String form) {
        assertThat(pseudonymised("Pismo do " + form + " z dnia.", new KnownName("Jan Kowalski", "person")))
                .isEqualTo("Pismo do [PERSON_1] z dnia.");
    }

    @Test
    void legalFormsAndWordsInsideOtherWordsAreNotNames() {
        assertThat(pseudonymised("Ett annat AB. Annars inte. Annanas.", new KnownName("Anna Berg AB", "client")))
                .isEqualTo("Ett annat AB. Annars inte. Annanas.");
    }

    @Test
    void aWordSharedByTwoNamesGetsItsOwnPlaceholder() {
        var session = pseudonymiser.session(
                List.of(new KnownName("Anna Berg", "person"), new KnownName("Anna Lund", "person")));
        assertThat(session.pseudonymise("Anna Berg, Anna Lund and Anna.").text())
                .isEqualTo("[PERSON_1], [PERSON_2] and [PERSON_3].");
    }

    // E-mail and phone

    @Test
    void emailAddressesAreReplaced() {
        assertThat(pseudonymised("Write to anna.virtanen+case@example-law.fi or Jörg@bücher.de."))
                .isEqualTo("Write to [EMAIL_1] or [EMAIL_2].");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+46 70 123 45 67", "070-123 45 67", "+47 912 34 567", "+45 32 12 34 56", "+358 40 1234567",
                "030 1234567", "+33 1 42 68 53 00", "06 12345678", "+48 510 070 890", "510-070-889",
                "020 7946 0958", "(212) 555-0123"
            })
    void phoneNumbersOfTheFirmsRegionsAreReplaced(String phone) {
        assertThat(pseudonymised("Ring " + phone + " idag.")).isEqualTo("Ring [PHONE_1] idag.");
    }

    @Test
    void theSameNumberWrittenTwoWaysGetsOnePlaceholder() {
        assertThat(pseudonymised("+46 70 123 45 67 or 070-123 45 67")).isEqualTo("[PHONE_1] or [PHONE_1]");
    }

    // IBAN and cards

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SE45 5000 0000 0583 9825 7466",
                "DE89 3704 0044 0532 0130 00",
                "GB82 WEST 1234 5698 7654 32",
                "FI2112345600000785",
                "NO93 8601 1117 947",
                "DK50 0040 0440 1162 43",
                "NL91ABNA0417164300",
                "PL61 1090 1014 0000 0712 1981 2874",
                "FR14 2004 1010 0505 0001 3M02 606"
            })
    void ibansWithAValidCheckAreReplaced(String iban) {
        assertThat(pseudonymised("Konto " + iban + " EUR.")).isEqualTo("Konto [IBAN_1] EUR.");
    }

    @Test
    void anIbanWithAWrongCheckIsNotAnIban() {
        assertThat(pseudonymised("Ref SE46 5000 0000 0583 9825 7466")).doesNotContain("[IBAN_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "5555-5555-5555-4444", "4001659556476210", "3782 822463 10005"})
    void cardNumbersPassingLuhnAreReplaced(String card) {
        assertThat(pseudonymised("Card " + card + " expires.")).isEqualTo("Card [CARD_1] expires.");
    }

    @Test
    void aCardNumberFailingLuhnIsNotACard() {
        assertThat(pseudonymised("Order 4111 1111 1111 1112 shipped")).doesNotContain("[CARD_");
    }

    // National identifiers: valid check digit replaced, wrong one without a cue left, with a cue replaced.

    @ParameterizedTest
    @ValueSource(
            strings = {
                "811218-9876",
                "19811218-9876",
                "8112189876",
                "701063-2342", // SE personnummer, samordningsnummer
                "15058543206", // NO fødselsnummer
                "010190-1234", // DK CPR
                "131052-308T",
                "010594-924R", // FI HETU
                "86095742719", // DE steuerliche IdNr
                "1 85 05 78 006 084 91",
                "185057800608491", // FR NIR
                "123456782", // NL BSN
                "44051401359",
                "4 4 0 5 1 4 0 1 3 5 9", // PL PESEL
                "AB 12 34 56 C",
                "AB123456C" // UK NINO
            })
    void nationalIdentifiersWithValidCheckDigitsAreReplaced(String id) {
        assertThat(pseudonymised("The number " + id + " belongs to him."))
                .isEqualTo("The number [NATIONAL_ID_1] belongs to him.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "811218-9875",
                "15058543207",
                "131052-308A",
                "86095742718",
                "185057800608492",
                "123456783",
                "44051401358",
                "BG123456A",
                "QQ123456C"
            })
    void aWrongCheckDigitWithoutACueIsNotANationalIdentifier(String id) {
        assertThat(pseudonymised("The number " + id + " belongs to him.")).doesNotContain("[NATIONAL_ID_");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "personnummer 811218-9875",
                "PESEL: 44051401358",
                "BSN 123456783",
                "Steuer-ID: 86095742718",
                "fødselsnummer 15058543207",
                "NIR 185057800608492",
                "PESEL 78ll0264825"
            })
    void aNumberAfterACueWordIsReplacedWhateverItsCheckDigit(String text) {
        assertThat(pseudonymised(text + " here.")).contains("[NATIONAL_ID_1]").doesNotContainPattern("\\d{5}");
    }

    @Test
    void aPhoneNumberNextToAPersonnummerDoesNotHideIt() {
        assertThat(pseudonymised("Tel 070-123 45 67 811218-9876"))
                .doesNotContain("811218")
                .doesNotContain("45 67");
    }

    // Dates of birth and addresses

    @ParameterizedTest
    @ValueSource(
            strings = {
                "born 12 March 1985",
                "född 1985-03-12",
                "født 12.03.1985",
                "geboren am 12. März 1985",
                "née le 12 mars 1985",
                "date of birth: 03/12/1985",
                "urodzony 12 marca 1985"
            })
    void datesAfterABirthCueAreReplaced(String text) {
        assertThat(pseudonymised("He was " + text + "."))
                .contains("[DATE_OF_BIRTH_1]")
                .doesNotContain("1985");
    }

    @Test
    void aDateRightAfterAKnownNameIsADateOfBirthButAContractDateIsNot() {
        assertThat(pseudonymised(
                        "Anna Virtanen (12.3.1985) signed on 1 March 2024.", new KnownName("Anna Virtanen", "person")))
                .isEqualTo("[PERSON_1] ([DATE_OF_BIRTH_1]) signed on 1 March 2024.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Storgatan 12, 114 55 Stockholm", "Karl Johans gate 5, 0154 Oslo", "Vesterbrogade 10",
                        "Hauptstraße 12a",
                "Mannerheimintie 5 B", "221B Baker Street", "12 rue de la Paix", "Keizersgracht 123",
                "ul. Długa 5/7, 00-238 Warszawa", "1600 Pennsylvania Avenue", "Sveavägen 44"
            })
    void streetAddressesAreReplaced(String address) {
        String out = pseudonymised("Adress: " + address + ". Slut.");
        assertThat(out).contains("[ADDRESS_1]");
        assertThat(out.replace("[ADDRESS_1]", "")).doesNotContainPattern("\\d");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Section 4.2 of the Agreement dated 1 March 2024 applies; the fee is EUR 12,500 per year, "
                + "payable within 30 days. See clause 12 and Article 6(1)(b) GDPR.";
        assertThat(pseudonymised(text)).isEqualTo(text);
    }

    // Restore

    @Test
    void restorePutsBackOriginalsAlsoWhenTheModelRewritesThePlaceholder() {
        var session = pseudonymiser.session(List.of(new KnownName("Anna Virtanen", "person")));
        session.pseudonymise("Anna Virtanen, anna@example.fi");
        assertThat(session.restore(
                        "[PERSON_1] wrote from [EMAIL_1]; PERSON_1 and [person 1] and PERSON\\_1 and [ PERSON_1 ]."))
                .isEqualTo(
                        "Anna Virtanen wrote from anna@example.fi; Anna Virtanen and Anna Virtanen and Anna Virtanen and Anna Virtanen.");
    }

    @Test
    void restoreLeavesUnknownPlaceholdersAndPlainProseAlone() {
        var session = pseudonymiser.session(List.of(new KnownName("Anna Virtanen", "person")));
        session.pseudonymise("Anna Virtanen");
        assertThat(session.restore("[PERSON_2] and Person 1 and party 1"))
                .isEqualTo("[PERSON_2] and Person 1 and party 1");
    }

    @Test
    void placeholdersAreStableAcrossTheTextsOfOneSession() {
        var session = pseudonymiser.session(List.of(new KnownName("Anna Virtanen", "person")));
        var question = session.pseudonymise("What did Anna Virtanen promise at anna@example.fi?");
        var passage = session.pseudonymise("anna@example.fi: Virtasen lupaus; bob@example.com");
        assertThat(question.text()).isEqualTo("What did [PERSON_1] promise at [EMAIL_1]?");
        assertThat(passage.text()).isEqualTo("[EMAIL_1]: [PERSON_1] lupaus; [EMAIL_2]");
        assertThat(session.originals()).hasSize(3);
    }
}
