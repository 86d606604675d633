package io.lexvault.assistant.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.assistant.pseudonyms.DigitReach.DigitAnchored;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The detectors try their patterns only where a match can start ({@link PositionSearch}, {@link
 * DigitReach}, a name's first letters); these tests hold that this never hides a match: on the
 * realistic documents and on generated texts full of street words, month names, cue words, digits and
 * separators in every case, each pattern finds exactly what {@code while (matcher.find())} over the
 * whole text finds.
 */
class PositionSearchTests {

    /** Every pattern searched by position, with the search the detectors make for it. */
    private static final Map<String, Searcher> SEARCHES = new LinkedHashMap<>();

    interface Searcher {
        Pattern pattern();

        PositionSearch search(String text);
    }

    static {
        anchored("IBAN", NumberDetectors.IBAN);
        anchored("CHUNK", NumberDetectors.CHUNK);
        anchored("HETU", NumberDetectors.HETU);
        anchored("NIR", NumberDetectors.NIR);
        anchored("NINO", NumberDetectors.NINO);
        anchored("DATE", TextDetectors.DATE);
        anchored("ADDRESS_NUMBER_FIRST", TextDetectors.ADDRESS_NUMBER_FIRST);
        anchored("ADDRESS_FRENCH", TextDetectors.ADDRESS_FRENCH);
        anchored("STREET_WORD_NUMBER", TextDetectors.STREET_WORD_NUMBER);
        anchored("ADDRESS_POLISH", TextDetectors.ADDRESS_POLISH);
        anchored("POSTCODE_TOWN", TextDetectors.POSTCODE_TOWN);
        anchored("UK_POSTCODE", TextDetectors.UK_POSTCODE);
        anchored("POLISH_POSTCODE", TextDetectors.POLISH_POSTCODE);
        anchored("PHONE_WINDOW", TextDetectors.PHONE_WINDOW);
        SEARCHES.put(
                "CUED_PHONE",
                searcher(
                        TextDetectors.CUED_PHONE.pattern(),
                        text -> DigitReach.of(text).search(TextDetectors.CUED_PHONE, TextDetectors.PHONE_CUE_STARTS)));
        SEARCHES.put(
                "ID_CUE",
                searcher(
                        NumberDetectors.ID_CUE,
                        text -> new PositionSearch(
                                NumberDetectors.ID_CUE, text, from -> NumberDetectors.ID_CUE_STARTS.next(text, from))));
    }

    private static void anchored(String name, DigitAnchored anchored) {
        SEARCHES.put(
                name, searcher(anchored.pattern(), text -> DigitReach.of(text).search(anchored)));
    }

    private static Searcher searcher(Pattern pattern, Function<String, PositionSearch> search) {
        return new Searcher() {
            @Override
            public Pattern pattern() {
                return pattern;
            }

            @Override
            public PositionSearch search(String text) {
                return search.apply(text);
            }
        };
    }

    private static final List<String> WORDS = List.of(
            // street words, after and before the number, in their languages and cases
            "Storgatan",
            "gatan",
            "GATAN",
            "Gata",
            "vägen",
            "VÄGEN",
            "väg",
            "Drottninggatan",
            "Karl",
            "Johans",
            "gate",
            "veien",
            "vej",
            "gade",
            "Hauptstraße",
            "STRASSE",
            "Strasse",
            "str.",
            "Str.",
            "weg",
            "Allee",
            "platz",
            "gasse",
            "chaussee",
            "CHAUSSEE",
            "straat",
            "gracht",
            "katu",
            "tie",
            "väylä",
            "rinne",
            "Baker",
            "Street",
            "St",
            "Road",
            "Rd.",
            "Avenue",
            "Downing",
            "Apt",
            "rue",
            "bis",
            "de",
            "la",
            "avenue",
            "ul.",
            "UL.",
            "al.",
            "ulica",
            "aleja",
            "osiedle",
            "lok.",
            "m.",
            "Długa",
            "Jerozolimskie",
            // months and birth cues
            "januari",
            "März",
            "MÄRZ",
            "maerz",
            "mars",
            "października",
            "PAŹDZIERNIKA",
            "września",
            "joulukuuta",
            "kesäkuuta",
            "December",
            "dec",
            "Sept",
            "of",
            "st",
            "th",
            "er",
            "born",
            "född",
            "geboren",
            "ur.",
            // cue words
            "Tel",
            "tel.",
            "telefon",
            "Telefonnummer",
            "TELEFONNUMMER",
            "mobiltelefon",
            "komórka",
            "fax",
            "tél",
            "nr",
            "personnummer",
            "Personnummer",
            "PESEL",
            "pesel",
            "BSN",
            "NIR",
            "n°",
            "sécurité",
            "sociale",
            "National",
            "Insurance",
            "number",
            "CPR-nr",
            "cpr",
            "steuer-id",
            "hetu",
            "SSN",
            // postcodes, towns, prefixes
            "SE-",
            "NL",
            "DK-",
            "GIR",
            "Stockholm",
            "Warszawa",
            "Helsinki",
            "AB",
            "NW1",
            "6XE",
            "SW1A",
            // look-alikes the engine folds: Kelvin sign, long s, dotted capital I
            "\u212Aatu",
            "\u017Fsn",
            "\u0130d",
            "Ärende",
            "Łódź",
            // ordinary words and letters
            "and",
            "the",
            "och",
            "Anna",
            "Virtanen",
            "X",
            "x",
            "a",
            "ab",
            "EUR",
            "kr",
            "zł");

    private static final List<String> SEPARATORS =
            List.of(" ", " ", " ", "  ", "\n", "\t", ".", ",", ", ", "-", "/", ":", ": ", "+", "(", ")", " .", "");

    /** A text of words, numbers and separators, numbers often right after a word. */
    private static String generated(Random random) {
        var sb = new StringBuilder();
        int tokens = 5 + random.nextInt(30);
        for (int t = 0; t < tokens; t++) {
            if (random.nextInt(5) < 2) {
                int digits = 1 + random.nextInt(random.nextBoolean() ? 4 : 14);
                for (int d = 0; d < digits; d++) {
                    sb.append((char) ('0' + random.nextInt(10)));
                    if (random.nextInt(6) == 0) {
                        sb.append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
                    }
                }
                if (random.nextInt(4) == 0) {
                    sb.append((char) ('A' + random.nextInt(26)));
                }
            } else {
                sb.append(WORDS.get(random.nextInt(WORDS.size())));
            }
            sb.append(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
        }
        return sb.toString();
    }

    private static List<String> texts() {
        var texts = new ArrayList<String>(List.of(
                RealisticLegalDocumentsTests.SWEDISH_CONTRACT,
                RealisticLegalDocumentsTests.ENGLISH_EMAIL,
                RealisticLegalDocumentsTests.GERMAN_LETTER,
                String.join("\n", RealisticLegalDocumentsTests.IDENTIFIERS),
                "Storgatan   12, 114 55 Stockholm; Hauptstraße\n\t7a; 15. März\n1980; Tel.:  +46 (0)70-123 45 67",
                ""));
        var random = new Random(16);
        for (int i = 0; i < 4000; i++) {
            texts.add(generated(random));
        }
        return texts;
    }

    private static List<String> fullScan(Pattern pattern, String text) {
        var out = new ArrayList<String>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.start() + "-" + m.end() + ":" + m.group());
        }
        return out;
    }

    private static List<String> searched(PositionSearch search) {
        var out = new ArrayList<String>();
        while (search.find()) {
            Matcher m = search.matcher();
            out.add(m.start() + "-" + m.end() + ":" + m.group());
        }
        return out;
    }

    @Test
    void everyPositionSearchFindsWhatAFullScanFinds() {
        var texts = texts();
        int matches = 0;
        for (var e : SEARCHES.entrySet()) {
            int found = 0;
            for (String text : texts) {
                var expected = fullScan(e.getValue().pattern(), text);
                assertThat(searched(e.getValue().search(text)))
                        .as("%s in %s", e.getKey(), text)
                        .isEqualTo(expected);
                found += expected.size();
            }
            // The generated texts must hold matches of each pattern, or the comparison proves nothing.
            assertThat(found).as("matches of %s", e.getKey()).isPositive();
            matches += found;
        }
        assertThat(matches).isGreaterThan(1000);
    }

    @Test
    void aWordListShorterThanThePatternsIsCaughtByTheComparison() {
        // The check above can fail: told of "gata" and "vägen" only, the search misses "Storgatan 12".
        var tooShort = DigitAnchored.wordBeforeNumber(
                TextDetectors.STREET_WORD_NUMBER.pattern().pattern(), "gata|vägen", false);
        long differing = texts().stream()
                .filter(text ->
                        !searched(DigitReach.of(text).search(tooShort)).equals(fullScan(tooShort.pattern(), text)))
                .count();
        assertThat(differing).isPositive();
    }

    @Test
    void namesAreFoundAsAFullScanFindsThem() {
        var names = NameMatcher.of(List.of(
                new KnownName("Nordbygg Fastigheter AB", "client"),
                new KnownName("Anna Virtanen", "party"),
                new KnownName("Jürgen Müller", "party"),
                new KnownName("Łukasz Wróbel", "person"),
                new KnownName("Émile O'Brien", "person"),
                new KnownName("Ødegård", "person")));
        var texts = new ArrayList<>(texts());
        texts.add("Virtasen, ANNA VIRTANEN, Annalle; Juergen Mueller's, MÜLLERS; łukasza Wróbla, Wróblem; "
                + "emile o'brien; ODEGARDS, Ødegårds; Nordbygg-Fastigheter");
        int matches = 0;
        for (String text : texts) {
            var folded = FoldedText.of(text);
            var expected = fullScan(names.pattern(), folded.text);
            assertThat(names.find(text, folded)).as(text).hasSize(expected.size());
            matches += expected.size();
        }
        assertThat(matches).isGreaterThan(10);
    }

    @Test
    void aRestartSeesNothingBeforeItAsARegionWould() {
        Pattern afterNoLetter = Pattern.compile("(?<![a-z])ab\\d");
        var search = new PositionSearch(afterNoLetter, "zab1 ab2", null);
        assertThat(searched(search)).containsExactly("5-8:ab2");

        var restarted = new PositionSearch(afterNoLetter, "zab1 ab2", from -> from);
        restarted.restartAt(1);
        Matcher region = afterNoLetter.matcher("zab1 ab2").region(1, 8);
        assertThat(region.find()).isTrue();
        assertThat(searched(restarted)).containsExactly("1-4:ab1", "5-8:ab2");
    }

    @Test
    void firstLettersFoldAsTheRegexEngineFolds() {
        var letters = new PositionSearch.FirstLetters("katu|ssn|id(?:nr|-nummer)");
        // The Kelvin sign, the long s and the dotted capital I match k, s and i under (?iu).
        String text = "\u212Aatu \u017Fsn \u0130d xatu";
        assertThat(Pattern.compile("(?iu)katu").matcher(text).lookingAt()).isTrue();
        assertThat(letters.startsAt(text, 0)).isTrue();
        assertThat(letters.startsAt(text, 5)).isTrue();
        assertThat(letters.startsAt(text, 9)).isTrue();
        assertThat(letters.startsAt(text, 12)).isFalse();
        assertThatThrownBy(() -> new PositionSearch.FirstLetters("tel|\\+46"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alternativesAreSplitAtTheTopLevelOnly() {
        assertThat(PositionSearch.alternatives("a|b(?:c|d)|[|]|e\\|f"))
                .containsExactly("a", "b(?:c|d)", "[|]", "e\\|f");
        assertThat(DigitReach.longest("gata|str\\.|chaussee")).isEqualTo(8);
        assertThatThrownBy(() -> new DigitReach.Words("gata|str\\.?")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigitReach.longest("cpr(?:-nr|-nummer)")).isInstanceOf(IllegalArgumentException.class);
    }
}
