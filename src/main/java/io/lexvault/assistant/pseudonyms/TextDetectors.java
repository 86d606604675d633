package io.lexvault.assistant.pseudonyms;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.lexvault.assistant.pseudonyms.DigitReach.DigitAnchored;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Identifiers written in words and punctuation: e-mail addresses, phone numbers (libphonenumber, over
 * the regions LexVault's firms work in), dates of birth (a date after a birth cue word, or right after
 * a known name), and street addresses (a number and a street word in the main languages, or a postcode
 * with its town).
 */
final class TextDetectors {

    private TextDetectors() {}

    /** The regions whose national formats are tried; numbers written with + are found in all of them. */
    static final List<String> PHONE_REGIONS = List.of("SE", "NO", "DK", "FI", "DE", "FR", "NL", "PL", "GB", "US");

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final String PHONE_CUES =
            "tel|telefon|telephone|phone|mobil|mobile|mob|gsm|tlf|puh|puhelin|fax|handy"
                    + "|tél|téléphone|portable|tfn|nr tel|telefonnummer|desk|office|cell|direct|direkt|mobiltelefon|komórka"
                    + "|tel\\. kom";

    /**
     * A phone number announced by its label, for formats libphonenumber does not validate. Its first
     * digit is at most the label, a dot, three separators and "+(" from its start.
     */
    static final DigitAnchored CUED_PHONE = DigitAnchored.near(
            "(?iu)(?<!\\p{L})(?:" + PHONE_CUES + ")\\.?[\\s:.]{0,3}(\\+?\\(?\\d(?:[\\s.\\-/()]?\\d){5,14})",
            DigitReach.longest(PHONE_CUES) + 1 + 3 + 2);

    /** Where a phone cue can start: CUED_PHONE is tried only there. */
    static final PositionSearch.FirstLetters PHONE_CUE_STARTS = new PositionSearch.FirstLetters(PHONE_CUES);

    private static final String MONTHS = "(?:january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januari|februari|mars|maj|juni"
            + "|juli|augusti|oktober|januar|februar|märz|maerz|mai|dezember|janvier|février|fevrier|avril|juin"
            + "|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|desember|marts|januar|stycznia"
            + "|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|wrzesnia|października|pazdziernika"
            + "|listopada|grudnia|tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta"
            + "|elokuuta|syyskuuta|lokakuuta|marraskuuta|joulukuuta|januari|februari|maart|mei|augustus)";

    /** A date: starts with its day or year, or with a month name (and a dot) that whitespace and the day follow. */
    static final DigitAnchored DATE = DigitAnchored.wordBeforeNumber(
            "(?iu)(?<![\\p{L}\\p{N}])(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}\\s?[./-]\\s?\\d{1,2}\\s?[./-]\\s?(?:\\d{4}|\\d{2})"
                    + "|\\d{1,2}(?:\\.|er|st|nd|rd|th)?\\s*(?:of\\s+)?" + MONTHS + "\\.?,?\\s*\\d{4}"
                    + "|" + MONTHS + "\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})(?![\\p{L}\\p{N}])",
            MONTHS.substring(3, MONTHS.length() - 1),
            true);

    private static final Pattern BIRTH_CUE = Pattern.compile(
            "(?iu)(?<!\\p{L})(?:born|b\\.|date of birth|birth date|birthdate|dob|d\\.o\\.b\\.?|född|fodd|födelsedatum"
                    + "|fodelsedatum|født|fodt|fødselsdato|fodselsdato|fødd|geboren|geb\\.|geburtsdatum|geburtstag|né|née"
                    + "|nee|date de naissance|geboren op|geboortedatum|syntynyt|syntymäaika|syntymaaika|urodzony|urodzona"
                    + "|urodzon[ya]|ur\\.|data urodzenia)(?!\\p{L})");

    private static final String STREET_WORDS_AFTER = "(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|court|ct"
            + "|boulevard|blvd|way|place|pl|square|sq|terrace|close|crescent|gardens|row|parkway|highway|hwy)";

    /** English and American style: 221B Baker Street, 10 Downing St. */
    static final DigitAnchored ADDRESS_NUMBER_FIRST = DigitAnchored.atNumberStart(
            "(?u)(?<![\\p{L}\\p{N}])\\d{1,5}[A-Za-z]?,?\\s+(?:[\\p{Lu}][\\p{L}'.-]*\\s+){1,4}" + "(?i:"
                    + STREET_WORDS_AFTER
                    + ")\\.?(?![\\p{L}])(?:,?\\s+(?i:apt|apartment|suite|unit|flat|ste)\\.?\\s*#?\\w+)?");

    /** French style: 12 bis rue de la Paix, 5, avenue Foch. */
    static final DigitAnchored ADDRESS_FRENCH = DigitAnchored.atNumberStart(
            "(?iu)(?<![\\p{L}\\p{N}])\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|place|allée|allee"
                    + "|impasse|chemin|quai|cours|route|square)\\s+(?:(?:de|du|des|la|le|l'|d')\\s*)*[\\p{L}'-]+(?:\\s+[\\p{Lu}][\\p{L}'-]+){0,3}");

    /**
     * Street name first: the street word ends a word (Storgatan 1, Hauptstraße 12a) or follows a
     * capitalised word (Karl Johans gate 5, Rue … is French, below). Found by the street word and the
     * number after it, then widened to the left, because a pattern starting at every word was slow.
     */
    private static final String STREET_WORDS_BEFORE = "gatan|gata|vägen|vagen|väg|gränd|grand|torget|torg|stigen|allén"
            + "|allen|backe|backen|plan|gate|gaten|veien|vegen|vei|veg|vej|vejen|gade|gaden|allé|straße|strasse|str\\."
            + "|weg|allee|platz|gasse|ring|damm|ufer|chaussee|straat|laan|gracht|plein|kade|singel|dijk|katu|tie|polku"
            + "|kuja|väylä|vayla|tori|rinne";

    static final DigitAnchored STREET_WORD_NUMBER = DigitAnchored.wordBeforeNumber(
            "(?iu)(?:" + STREET_WORDS_BEFORE + ")"
                    + "(?![\\p{L}])\\.?\\s+\\d{1,4}(?:\\s?[A-Za-z](?![\\p{L}]))?(?:[-/]\\d{1,4})?"
                    + "(?:\\s+(?:lgh|lägenhet|tr|st)\\.?\\s*\\d{1,4})?(?![\\p{N}])",
            STREET_WORDS_BEFORE,
            false);

    private static final Pattern CAPITALISED_WORD_BEFORE = Pattern.compile("(?u)[\\p{Lu}][\\p{L}.'-]*\\s+$");

    /** Start of a name-first address ending in the street word at {@code wordStart}, or -1. */
    private static int nameFirstStart(String text, int wordStart) {
        int start = wordStart;
        boolean suffix = false;
        while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '-')) {
            start--;
            suffix = true;
        }
        // Up to three capitalised words before it: "Karl Johans gate", "Unter den Linden" is not covered.
        int words = 0;
        while (words < 3) {
            Matcher m = CAPITALISED_WORD_BEFORE.matcher(text);
            m.region(Math.max(0, start - 40), start);
            if (!m.find()) {
                break;
            }
            if (m.start() > 0 && Character.isLetterOrDigit(text.charAt(m.start() - 1))) {
                break;
            }
            start = m.start();
            words++;
        }
        return suffix || words > 0 ? start : -1;
    }

    /**
     * Polish style: ul. Długa 5/7, al. Jerozolimskie 100 lok. 3. The street name may be long: tried
     * wherever a digit follows at all.
     */
    static final DigitAnchored ADDRESS_POLISH = DigitAnchored.near(
            "(?iu)(?<![\\p{L}\\p{N}])(?:ul\\.|ulica|al\\.|aleja|pl\\.|plac|os\\.|osiedle)\\s*(?:[\\p{L}.'-]+\\s+){1,4}?\\d{1,4}[A-Za-z]?"
                    + "(?:\\s?/\\s?\\d{1,4}|\\s+(?:m\\.|lok\\.|lokal|mieszkanie)\\s*\\d{1,4})?",
            DigitReach.ANY_DISTANCE);

    /** A postcode followed by its town: 114 55 Stockholm, 0150 Oslo, 00-950 Warszawa, 75008 Paris, 1012 AB Amsterdam. */
    static final DigitAnchored POSTCODE_TOWN = DigitAnchored.near(
            "(?u)(?<![\\p{L}\\p{N}])(?:(?:SE|S|NO|N|DK|FI|D|DE|F|FR|NL|PL)-\\s?)?(?:\\d{3}\\s\\d{2}|\\d{2}-\\d{3}|\\d{4}\\s?[A-Z]{2}|\\d{4,5})"
                    + "\\s+[\\p{Lu}][\\p{L}-]+(?:[\\s-][\\p{Lu}][\\p{L}-]+)?",
            3);

    /** UK postcodes are distinctive enough on their own. */
    static final DigitAnchored UK_POSTCODE = DigitAnchored.near(
            "(?<![\\p{L}\\p{N}])(?:[A-Z]{1,2}\\d[A-Z\\d]?|GIR) ?\\d[ABD-HJLNP-UW-Z]{2}(?![\\p{L}\\p{N}])", 4);

    /** What may stand between a street and its postcode. */
    private static final Pattern SEPARATOR = Pattern.compile("\\G[\\s,]{1,3}");

    /** A Polish postcode with a dash (00-950) is a postcode wherever it stands. */
    static final DigitAnchored POLISH_POSTCODE =
            DigitAnchored.atNumberStart("(?<![\\p{L}\\p{N}-])\\d{2}-\\d{3}(?![\\p{N}-])");

    static List<Finding> emails(String text) {
        var found = new ArrayList<Finding>();
        if (text.indexOf('@') < 0) {
            return found;
        }
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            found.add(new Finding(
                    m.start(),
                    m.end(),
                    IdentifierType.EMAIL,
                    "email:" + m.group().toLowerCase(Locale.ROOT)));
        }
        return found;
    }

    /**
     * Where a phone number may stand: a run of at least six digits with the separators numbers are
     * written with. libphonenumber's findNumbers then reads each such window in every region; running it
     * over the whole text ten times cost ~15 times as much for the same result.
     */
    static final DigitAnchored PHONE_WINDOW = DigitAnchored.near(
            "(?<![\\p{L}\\p{N}/.-])(?:\\+|00)?\\(?\\d(?:(?:[ .\\-/]|\\) ?| \\(|[ .\\-]{2})?\\d){5,17}"
                    + "(?:\\s?(?:x|ext\\.?|extension)\\s?\\d{1,5})?",
            2);

    /** A sum of money ("2 400 000 kronor", "EUR 12 500") is not a phone number. */
    private static final Pattern CURRENCY_AFTER = Pattern.compile(
            "(?iu)\\G\\s?(?:kr|kronor|kroner|sek|nok|dkk|eur|euro|euros|€|\\$|£|pln|zł|zl|złotych|usd|gbp|chf|mio|mln"
                    + "|million|millions|miljoner|millionen|tkr|tsd|ksek|keur|,-|:-)(?!\\p{L})");

    private static final Pattern CURRENCY_BEFORE =
            Pattern.compile("(?iu)(?:sek|nok|dkk|eur|€|\\$|£|pln|usd|gbp|chf|kr\\.?)\\s?$");

    private static boolean isAmount(String text, int start, int end) {
        Matcher after = CURRENCY_AFTER.matcher(text);
        after.region(end, Math.min(text.length(), end + 12));
        if (after.find()) {
            return true;
        }
        Matcher before = CURRENCY_BEFORE.matcher(text);
        before.region(Math.max(0, start - 5), start);
        return before.find();
    }

    /** A date is not a phone number, even where its digits would dial somewhere. */
    private static final Pattern DATE_SHAPE =
            Pattern.compile("\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}|\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}");

    private static @Nullable Finding wholeNumber(String candidate, int from) {
        for (String region : PHONE_REGIONS) {
            try {
                var number = PHONES.parse(candidate, region);
                // A number written with + and a country code is a phone number even in a range not yet
                // allocated (or made up for a document): possible is enough.
                boolean international = candidate.startsWith("+") || candidate.startsWith("00");
                if (PHONES.isValidNumber(number) || (international && PHONES.isPossibleNumber(number))) {
                    return phone(number, from, from + candidate.length());
                }
            } catch (NumberParseException e) {
                return null;
            }
            if (candidate.startsWith("+")) {
                return null;
            }
        }
        return null;
    }

    private static Finding phone(Phonenumber.PhoneNumber number, int start, int end) {
        return new Finding(
                start,
                end,
                IdentifierType.PHONE,
                "phone:" + PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    static List<Finding> phones(String text) {
        var found = new ArrayList<Finding>();
        var reach = DigitReach.of(text);
        var windows = reach.search(PHONE_WINDOW);
        while (windows.find()) {
            Matcher window = windows.matcher();
            int from = window.start();
            String candidate = window.group();
            if (DATE_SHAPE.matcher(candidate).matches() || isAmount(text, window.start(), window.end())) {
                continue;
            }
            // Most windows are one number: parsing it whole is cheap; findNumbers reads windows that
            // hold a number among other digits.
            Finding whole = wholeNumber(candidate, from);
            if (whole != null) {
                found.add(whole);
                continue;
            }
            for (String region : PHONE_REGIONS) {
                for (PhoneNumberMatch match :
                        PHONES.findNumbers(candidate, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
                    found.add(phone(match.number(), from + match.start(), from + match.end()));
                }
                if (candidate.startsWith("+")) {
                    break; // an international number reads the same in every region
                }
            }
        }
        var cued = reach.search(CUED_PHONE, PHONE_CUE_STARTS);
        while (cued.find()) {
            Matcher m = cued.matcher();
            found.add(new Finding(
                    m.start(1),
                    m.end(1),
                    IdentifierType.PHONE,
                    "phone:" + m.group(1).replaceAll("\\D", "")));
        }
        return found;
    }

    /**
     * Dates of birth: a date with a birth cue word in the 40 characters before it, or right after a
     * known name ("Anna Virtanen, 12.3.1985", "Anna Virtanen (born …)").
     */
    static List<Finding> datesOfBirth(String text, List<Finding> names) {
        var found = new ArrayList<Finding>();
        var dates = DigitReach.of(text).search(DATE);
        Matcher cue = BIRTH_CUE.matcher(text);
        while (dates.find()) {
            Matcher m = dates.matcher();
            int from = Math.max(0, m.start() - 40);
            cue.region(from, m.start());
            boolean cued = cue.find();
            boolean afterName = !cued
                    && names.stream()
                            .anyMatch(n -> n.type() != IdentifierType.CLIENT
                                    && n.end() <= m.start()
                                    && m.start() - n.end() <= 3
                                    && text.substring(n.end(), m.start()).matches("[\\s,(]*"));
            if (cued || afterName) {
                String key = m.group().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
                found.add(new Finding(m.start(), m.end(), IdentifierType.DATE_OF_BIRTH, "dob:" + key));
            }
        }
        return found;
    }

    static List<Finding> addresses(String text) {
        var found = new ArrayList<Finding>();
        var reach = DigitReach.of(text);
        for (DigitAnchored p : List.of(ADDRESS_NUMBER_FIRST, ADDRESS_FRENCH, STREET_WORD_NUMBER, ADDRESS_POLISH)) {
            var search = reach.search(p);
            while (search.find()) {
                Matcher m = search.matcher();
                int begin = m.start();
                if (p == STREET_WORD_NUMBER) {
                    begin = nameFirstStart(text, m.start());
                    if (begin < 0) {
                        continue;
                    }
                }
                int end = m.end();
                // ", 114 55 Stockholm" after the street belongs to the address.
                Matcher town = POSTCODE_TOWN.pattern().matcher(text);
                town.region(end, Math.min(text.length(), end + 60));
                town.useTransparentBounds(true);
                if (town.lookingAt()) {
                    end = town.end();
                } else {
                    Matcher after = SEPARATOR.matcher(text);
                    after.region(end, text.length());
                    if (after.find()) {
                        town.region(after.end(), Math.min(text.length(), after.end() + 60));
                        if (town.lookingAt()) {
                            end = town.end();
                        }
                    }
                }
                found.add(address(text, begin, end));
            }
        }
        for (DigitAnchored p : List.of(POSTCODE_TOWN, UK_POSTCODE, POLISH_POSTCODE)) {
            var search = reach.search(p);
            while (search.find()) {
                Matcher m = search.matcher();
                if (p == POSTCODE_TOWN && !looksLikePostcodeTown(m.group())) {
                    continue;
                }
                found.add(address(text, m.start(), m.end()));
            }
        }
        return found;
    }

    /**
     * A bare "2024 Stockholm" or "12345 Words" is no address: five digits or a Nordic 3+2 postcode, a
     * Dutch 4+2 letters, a Polish 2-3, or four digits with a country prefix.
     */
    private static boolean looksLikePostcodeTown(String s) {
        if (s.matches("(?s)(?:SE|S|NO|N|DK|FI|D|DE|F|FR|NL|PL)-.*")) {
            return true;
        }
        if (s.matches("(?s)\\d{3}\\s\\d{2}\\s.*|\\d{2}-\\d{3}\\s.*|\\d{4}\\s?[A-Z]{2}\\s.*")) {
            return true;
        }
        // "75008 Paris", "10115 Berlin", "00100 Helsinki": five digits, not a year-like four.
        return s.matches("(?s)\\d{5}\\s.*");
    }

    private static Finding address(String text, int start, int end) {
        String value = text.substring(start, end).replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return new Finding(start, end, IdentifierType.ADDRESS, "address:" + value);
    }
}
