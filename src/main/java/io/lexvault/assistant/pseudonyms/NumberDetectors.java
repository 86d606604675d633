package io.lexvault.assistant.pseudonyms;

import io.lexvault.assistant.pseudonyms.DigitReach.DigitAnchored;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifiers made of digits (and a few letters): IBANs (mod 97), payment cards (Luhn, 13-19 digits),
 * and national identifiers by their check digits: SE personnummer/samordningsnummer, NO fødselsnummer,
 * DK CPR, FI HETU, DE steuerliche IdNr, FR NIR, NL BSN, PL PESEL, UK NINO. Numbers are read through
 * spaces, dots and dashes between digits ("7 8 0 4 2 2 6 1 0 0 4", "4001-6595-5647-6210"), so that a
 * number split for layout or to dodge a filter is still found.
 *
 * <p>When a cue word names the identifier ("personnummer", "PESEL", "BSN", "NIR" …), the number after
 * it is replaced whatever its check digit says: a mistyped identifier still identifies its owner, and
 * a false positive costs less than a leak.
 */
final class NumberDetectors {

    private NumberDetectors() {}

    /** Country code, then the check digits: the first digit is at most three characters in. */
    static final DigitAnchored IBAN = DigitAnchored.near(
            "(?<![\\p{L}\\p{N}])[A-Za-z]{2}[ .\\n]?\\d[ .\\n]?\\d(?:[ .\\-\\n]?[A-Za-z0-9]){11,32}", 3);

    /** Digit runs with single separators between digits; windows of them are tested below. */
    static final DigitAnchored CHUNK =
            DigitAnchored.atNumberStart("(?<![\\p{L}\\p{N}])\\d(?:[.\\-+/]?\\d)*(?![\\p{L}\\p{N}])");

    static final DigitAnchored HETU =
            DigitAnchored.atNumberStart("(?<![\\p{L}\\p{N}])\\d{6}[-+A-FU-Ya-fu-y]\\d{3}[0-9A-Ya-y](?![\\p{L}\\p{N}])");

    static final DigitAnchored NIR =
            DigitAnchored.atNumberStart("(?<![\\p{L}\\p{N}])[1278][ .]?\\d{2}[ .]?\\d{2}[ .]?(?:\\d{2}|2[AaBb])"
                    + "[ .]?\\d{3}[ .]?\\d{3}[ .]?\\d{2}(?![\\p{L}\\p{N}])");

    static final DigitAnchored NINO =
            DigitAnchored.near("(?<![\\p{L}\\p{N}])[A-Za-z]{2} ?\\d{2} ?\\d{2} ?\\d{2} ?[A-Da-d](?![\\p{L}\\p{N}])", 3);

    /** Words that announce a national identifier, in the languages of the identifiers themselves. */
    private static final String ID_CUES = "personnummer|personnr|pers\\.?\\s?nr|samordningsnummer|fødselsnummer"
            + "|fødselsnr|fodselsnummer|f\\.?nr|personnummeret|cpr(?:-nr|-nummer|\\s?nr)?|henkilötunnus|henkilotunnus"
            + "|hetu|sotu|steuer-?id(?:entifikationsnummer)?|steuer-?idnr|idnr|identifikationsnummer"
            + "|steuernummer|nir|n° de sécurité sociale|numéro de sécurité sociale|sécurité sociale"
            + "|securite sociale|insee|bsn|burgerservicenummer|sofinummer|sofi-nummer|pesel|nino"
            + "|national insurance(?: number| no\\.?)?|ni number|ssn|social security(?: number| no\\.?)?"
            + "|national id(?:entity)?(?: number| no\\.?)?|id number|identity number";

    static final Pattern ID_CUE = Pattern.compile("(?iu)(?<![\\p{L}])(?:" + ID_CUES + ")(?![\\p{L}])");

    /** Where a cue can start: tried only there (PositionSearch). */
    static final PositionSearch.FirstLetters ID_CUE_STARTS = new PositionSearch.FirstLetters(ID_CUES);

    /** The identifier after a cue: digits, OCR look-alikes (l, I, O) and separators, at least 6 digits. */
    private static final Pattern CUED_NUMBER =
            Pattern.compile("\\G[\\s:#.=-]{0,4}(?:(?i:nr|no|number|nummer|numer)\\.?[\\s:#.-]{0,3})?"
                    + "([0-9lIO|](?:[ .\\-+/]?[0-9A-Za-z|]){5,16})(?![\\p{L}\\p{N}])");

    /**
     * The text with OCR's look-alikes of digits read as digits where they touch a digit ("78ll0264825",
     * "1979-O3-O8"), same length, so that positions stay those of the original.
     */
    static String digitised(String text) {
        char[] c = text.toCharArray();
        boolean changed = false;
        for (int i = 0; i < c.length; i++) {
            char d = switch (c[i]) {
                case 'l', 'I', '|' -> '1';
                case 'O', 'o' -> '0';
                default -> 0;
            };
            if (d == 0) {
                continue;
            }
            boolean before = i > 0 && Character.isDigit(c[i - 1]);
            boolean after = i + 1 < c.length && Character.isDigit(c[i + 1]);
            boolean inWordBefore = i > 0 && Character.isLetter(c[i - 1]);
            boolean inWordAfter = i + 1 < c.length && Character.isLetter(c[i + 1]) && !isLookAlike(c[i + 1]);
            if ((before || after) && !inWordBefore && !inWordAfter) {
                c[i] = d;
                changed = true;
            }
        }
        return changed ? new String(c) : text;
    }

    private static boolean isLookAlike(char c) {
        return c == 'l' || c == 'I' || c == 'O' || c == 'o' || c == '|';
    }

    static List<Finding> find(String text) {
        var found = new ArrayList<Finding>();
        var reach = DigitReach.of(text);
        iban(text, reach, found);
        cued(text, found);
        patterned(reach, HETU, found, s -> CheckDigits.finnishHetu(s), "fi:", false);
        patterned(reach, NIR, found, s -> CheckDigits.frenchNir(s), "fr:", true);
        patterned(reach, NINO, found, s -> CheckDigits.ukNino(s), "uk:", true);
        digitWindows(text, reach, found);
        return found;
    }

    private static void iban(String text, DigitReach reach, List<Finding> found) {
        var search = reach.search(IBAN);
        while (search.find()) {
            Matcher m = search.matcher();
            String raw = m.group();
            // The run may carry on into the next word ("... 1924 EUR"): shorten until the check holds.
            for (int end = raw.length(); end >= 15; end--) {
                char last = raw.charAt(end - 1);
                if (!Character.isLetterOrDigit(last)) {
                    continue;
                }
                String compact = compact(raw.substring(0, end)).toUpperCase(Locale.ROOT);
                if (compact.length() >= 15 && CheckDigits.iban(compact)) {
                    found.add(new Finding(m.start(), m.start() + end, IdentifierType.IBAN, "iban:" + compact));
                    search.restartAt(m.start() + end);
                    break;
                }
            }
        }
    }

    private static void cued(String text, List<Finding> found) {
        var cues = new PositionSearch(ID_CUE, text, from -> ID_CUE_STARTS.next(text, from));
        while (cues.find()) {
            Matcher cue = cues.matcher();
            Matcher m = CUED_NUMBER.matcher(text);
            m.region(cue.end(), Math.min(text.length(), cue.end() + 60));
            m.useTransparentBounds(true);
            if (m.find()) {
                String raw = m.group(1);
                String digits = raw.replaceAll("[^0-9lIO|]", "");
                long realDigits = raw.chars().filter(Character::isDigit).count();
                if (realDigits >= 5) {
                    found.add(new Finding(m.start(1), m.end(1), IdentifierType.NATIONAL_ID, "id:" + digits));
                }
            }
        }
    }

    private interface Check {
        boolean valid(String compact);
    }

    private static void patterned(
            DigitReach reach,
            DigitAnchored pattern,
            List<Finding> found,
            Check check,
            String prefix,
            boolean compacted) {
        var search = reach.search(pattern);
        while (search.find()) {
            Matcher m = search.matcher();
            // A HETU's sign (-, +, A) is part of it; other identifiers lose their spacing.
            String compact = (compacted ? compact(m.group()) : m.group()).toUpperCase(Locale.ROOT);
            if (check.valid(compact)) {
                found.add(new Finding(m.start(), m.end(), IdentifierType.NATIONAL_ID, "id:" + prefix + compact));
            }
        }
    }

    private record Chunk(int start, int end, String digits, String raw) {}

    /**
     * Cards and the all-digit national identifiers. Runs of digits separated by single spaces are
     * grouped, and every window of consecutive runs is tested, longest first, so that a phone number
     * written next to a personnummer does not hide it.
     */
    private static void digitWindows(String text, DigitReach reach, List<Finding> found) {
        var chunks = new ArrayList<Chunk>();
        var search = reach.search(CHUNK);
        while (search.find()) {
            Matcher m = search.matcher();
            chunks.add(new Chunk(m.start(), m.end(), m.group().replaceAll("\\D", ""), m.group()));
        }
        int i = 0;
        while (i < chunks.size()) {
            int groupEnd = i + 1;
            while (groupEnd < chunks.size() && isSpaceBetween(text, chunks.get(groupEnd - 1), chunks.get(groupEnd))) {
                groupEnd++;
            }
            testGroup(text, chunks.subList(i, groupEnd), found);
            i = groupEnd;
        }
    }

    private static boolean isSpaceBetween(String text, Chunk a, Chunk b) {
        // One space, or one line break: a number wrapped at the end of a line is still one number.
        return b.start() - a.end() == 1 && (text.charAt(a.end()) == ' ' || text.charAt(a.end()) == '\n');
    }

    private static void testGroup(String text, List<Chunk> group, List<Finding> found) {
        int from = 0;
        while (from < group.size()) {
            Finding best = null;
            int bestTo = from;
            var digits = new StringBuilder();
            for (int to = from; to < group.size() && digits.length() <= 19; to++) {
                digits.append(group.get(to).digits());
                IdentifierType type = classify(digits.toString(), rawOf(group, from, to));
                if (type != null) {
                    best = new Finding(
                            group.get(from).start(),
                            group.get(to).end(),
                            type,
                            (type == IdentifierType.CARD ? "card:" : "id:") + digits);
                    bestTo = to;
                }
            }
            if (best != null) {
                found.add(best);
                from = bestTo + 1;
            } else {
                from++;
            }
        }
    }

    private static String rawOf(List<Chunk> group, int from, int to) {
        var sb = new StringBuilder();
        for (int k = from; k <= to; k++) {
            sb.append(k > from ? " " : "").append(group.get(k).raw());
        }
        return sb.toString();
    }

    /** What an all-digit number is by its length and check digits, or null. */
    static IdentifierType classify(String digits, String raw) {
        int n = digits.length();
        if (n >= 13 && n <= 19) {
            return CheckDigits.luhn(digits) ? IdentifierType.CARD : null;
        }
        boolean id = switch (n) {
            case 9 -> CheckDigits.dutchBsn(digits);
            case 10 ->
                (shaped(raw, 6, 4) && CheckDigits.swedishPersonnummer(digits))
                        // CPR has had no check digit since 2007: only the written form DDMMYY-SSSS.
                        || (raw.matches("\\d{6}[-\\s]\\d{4}") && CheckDigits.danishCpr(digits));
            case 11 ->
                CheckDigits.norwegianFodselsnummer(digits)
                        || CheckDigits.polishPesel(digits)
                        || CheckDigits.germanTaxId(digits);
            case 12 ->
                (digits.startsWith("19") || digits.startsWith("20"))
                        && shaped(raw, 8, 4)
                        && CheckDigits.swedishPersonnummer(digits);
            default -> false;
        };
        return id ? IdentifierType.NATIONAL_ID : null;
    }

    /**
     * Whether a number is written as its identifier is (a personnummer as 790308-1234 or 7903081234),
     * or digit by digit; a phone number such as 070-123 45 67 is not, even when its digits pass Luhn.
     */
    private static boolean shaped(String raw, int first, int second) {
        String[] groups = raw.split("[\\s.\\-/+]");
        if (groups.length == 1) {
            return true;
        }
        if (groups.length == 2) {
            return groups[0].length() == first && groups[1].length() == second;
        }
        for (String g : groups) {
            if (g.length() != 1) {
                return false;
            }
        }
        return true;
    }

    static String compact(String raw) {
        return raw.replaceAll("[\\s.\\-/+]", "");
    }
}
