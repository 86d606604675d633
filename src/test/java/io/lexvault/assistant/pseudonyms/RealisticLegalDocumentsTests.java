package io.lexvault.assistant.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The target: on realistic legal documents, no identifier of the kinds the pseudonymiser
 * covers leaves. A Swedish contract, an English e-mail and a German letter (made up; every number has
 * a valid check digit) hold each kind; after pseudonymisation none of them is left, in any spelling,
 * and restoring gives the documents back.
 */
class RealisticLegalDocumentsTests {

    private static final List<KnownName> NAMES = List.of(
            new KnownName("Nordbygg Fastigheter AB", "client"),
            new KnownName("Anna Virtanen", "party"),
            new KnownName("Jürgen Müller", "party"),
            new KnownName("Lars Andersson", "person"),
            new KnownName("Emily Clarke", "person"));

    static final String SWEDISH_CONTRACT = """
            AKTIEÖVERLÅTELSEAVTAL

            Mellan Nordbygg Fastigheter AB, org.nr 556677-8899, Storgatan 12, 114 55 Stockholm ("Köparen"),
            företrätt av Lars Andersson (personnummer 811218-9876), och Anna Virtanen, född 1985-03-12,
            henkilötunnus 131052-308T, bosatt på Mannerheimintie 5 B, 00100 Helsinki ("Säljaren").

            1. Köpeskillingen om 2 400 000 kronor betalas till Säljarens konto
               SE45 5000 0000 0583 9825 7466 senast den 1 mars 2025.
            2. Virtasens åtaganden enligt punkt 1 gäller även Anna Virtanens närstående.
            3. Meddelanden skickas till anna.virtanen@example.fi eller per telefon 070-123 45 67.
            4. Andersson och Virtaselle lämnade garantier gäller i 24 månader.

            Samordningsnummer för Säljarens make: 701063-2342. Säljarens norska fødselsnummer: 15058543206.
            Säljarens danska CPR-nummer: 010190-1234.
            """;

    static final String ENGLISH_EMAIL = """
            From: Emily Clarke <emily.clarke@lawfirm.example.co.uk>
            To: Jürgen Müller <j.mueller@mueller-gmbh.example.de>
            Subject: Clarke's notes on the Müller settlement

            Dear Mr Mueller,

            Further to our call on +44 20 7946 0958, please find Ms Clarke's summary. Your client,
            Anna Virtanen (born 12 March 1985), lived at 221B Baker Street, London NW1 6XE. Her UK National
            Insurance number is AB 12 34 56 C and the refund went to card 4111 1111 1111 1111.
            The French employee's NIR is 1 85 05 78 006 084 91 and the Dutch adviser's BSN is 123456782.
            The Polish guarantor (PESEL 44051401359) lives at ul. Długa 5/7, 00-238 Warszawa.

            Kind regards,
            Emily Clarke, +44 7700 900123
            """;

    static final String GERMAN_LETTER = """
            Sehr geehrter Herr Müller,

            wir bestätigen den Eingang Ihres Schreibens. Herr Jürgen Müller, geboren am 4. Mai 1970,
            wohnhaft in der Hauptstraße 12a, 10115 Berlin, Steuer-ID 86095742719, hat die Zahlung auf das
            Konto DE89 3704 0044 0532 0130 00 veranlasst. Müllers Telefonnummer: 030 1234567.
            Frau Virtanen erreichen Sie unter +358 40 1234567. Die Kreditkarte 5555-5555-5555-4444 wurde gesperrt.
            """;

    /** Every identifier in the documents, as written. */
    static final List<String> IDENTIFIERS = List.of(
            "Nordbygg",
            "Virtanen",
            "Virtasens",
            "Virtaselle",
            "Anna",
            "Andersson",
            "Lars",
            "Müller",
            "Mueller",
            "Müllers",
            "Jürgen",
            "Clarke",
            "Emily",
            "811218-9876",
            "131052-308T",
            "701063-2342",
            "15058543206",
            "010190-1234",
            "AB 12 34 56 C",
            "1 85 05 78 006 084 91",
            "123456782",
            "44051401359",
            "86095742719",
            "SE45 5000 0000 0583 9825 7466",
            "DE89 3704 0044 0532 0130 00",
            "4111 1111 1111 1111",
            "5555-5555-5555-4444",
            "anna.virtanen@example.fi",
            "emily.clarke@lawfirm.example.co.uk",
            "j.mueller@mueller-gmbh.example.de",
            "070-123 45 67",
            "+44 20 7946 0958",
            "+44 7700 900123",
            "030 1234567",
            "+358 40 1234567",
            "1985-03-12",
            "12 March 1985",
            "4. Mai 1970",
            "Storgatan 12",
            "114 55 Stockholm",
            "Mannerheimintie 5 B",
            "221B Baker Street",
            "NW1 6XE",
            "ul. Długa 5/7",
            "00-238 Warszawa",
            "Hauptstraße 12a",
            "10115 Berlin");

    @Test
    void noIdentifierOfTheCoveredKindsIsLeftInAnyDocument() {
        var session = new PatternPseudonymiser().session(NAMES);
        for (String document : List.of(SWEDISH_CONTRACT, ENGLISH_EMAIL, GERMAN_LETTER)) {
            String sent = session.pseudonymise(document).text();
            String sentDigits = sent.replaceAll("\\[[A-Z_]+_\\d+\\]", "").replaceAll("\\D", "");
            for (String identifier : IDENTIFIERS) {
                assertThat(sent).as("sent text").doesNotContainIgnoringCase(identifier);
                String digits = identifier.replaceAll("\\D", "");
                if (digits.length() >= 6) {
                    assertThat(sentDigits).as("digits of %s", identifier).doesNotContain(digits);
                }
            }
        }
    }

    @Test
    void whatIsLeftIsStillTheDocument() {
        String sent = new PatternPseudonymiser()
                .session(NAMES)
                .pseudonymise(SWEDISH_CONTRACT)
                .text();
        assertThat(sent)
                .contains("AKTIEÖVERLÅTELSEAVTAL", "Köpeskillingen om 2 400 000 kronor", "senast den 1 mars 2025")
                .contains("gäller i 24 månader");
    }

    @Test
    void restoringTheSentTextGivesTheIdentifiersBack() {
        var session = new PatternPseudonymiser().session(NAMES);
        String sent = session.pseudonymise(ENGLISH_EMAIL).text();
        String restored = session.restore(sent);
        assertThat(restored)
                .contains(
                        "4111 1111 1111 1111", "AB 12 34 56 C", "emily.clarke@lawfirm.example.co.uk", "Anna Virtanen");
    }
}
