package io.lexvault.assistant.pseudonyms;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds a matter's known names in a text: the whole name and each of its words alone (a first name or
 * a surname), case- and diacritics-insensitively ({@link FoldedText}), with the inflected and
 * possessive forms of the languages LexVault's firms write in: English 's, Scandinavian genitive -s,
 * German -s/-n, Finnish case endings (Virtanen → Virtasen, Virtaselle; Anna → Annalle) and Polish
 * declension (Kowalski → Kowalskiego, Anna → Annę). A word shared by two names gets its own
 * placeholder; words such as "AB", "GmbH", "and" never match alone.
 */
final class NameMatcher {

    /** Endings after the whole word: possessives, genitives, Finnish cases, Polish cases (folded). */
    private static final List<String> ENDINGS = List.of(
            "'s",
            "s'",
            "'",
            "s",
            "es",
            "n",
            "ns",
            "ens",
            "en",
            "er",
            "ern",
            "e",
            "a",
            "u",
            "y",
            "i",
            "o",
            // Finnish (on the nominative stem)
            "lle",
            "lla",
            "lta",
            "ssa",
            "sta",
            "na",
            "ksi",
            "han",
            "hen",
            "hin",
            "hon",
            "hun",
            "aan",
            "in",
            "ille",
            "illa",
            "ilta",
            "issa",
            "ista",
            "ia",
            "iksi",
            "ina",
            "ta",
            // Polish (consonant stems)
            "owi",
            "em",
            "iem",
            "ie",
            "ego",
            "emu",
            "om",
            "ami",
            "ach",
            "owie",
            "ow");

    /** Endings after a word without its last vowel (Kowalsk-iego, Ann-ę, Zalewsk-im). */
    private static final List<String> VOWEL_STEM_ENDINGS =
            List.of("y", "ie", "e", "a", "i", "o", "iej", "iego", "iemu", "im", "ich", "ej", "ego", "emu", "owi", "u");

    /** Finnish -nen surnames decline on -se-/-s- (Virtanen → Virtasen, Virtaselle, Virtasta). */
    private static final List<String> NEN_ENDINGS = List.of(
            "en",
            "elle",
            "ella",
            "elta",
            "essa",
            "esta",
            "een",
            "ena",
            "eksi",
            "ta",
            "et",
            "ten",
            "ille",
            "illa",
            "ilta",
            "issa",
            "ista",
            "iin",
            "ina",
            "iksi",
            "ia",
            "ien",
            "ten",
            "ineen",
            // a Finnish genitive taking a Swedish or English possessive on top (Virtasens, Virtasen's)
            "ens",
            "en's");

    /** Words that never stand for a name alone: legal forms, particles, generic business words. */
    private static final Set<String> NEVER_ALONE = Set.of(
            "ab",
            "publ",
            "aps",
            "a/s",
            "as",
            "asa",
            "oy",
            "oyj",
            "gmbh",
            "mbh",
            "ag",
            "kg",
            "ohg",
            "se",
            "ltd",
            "limited",
            "llc",
            "inc",
            "plc",
            "llp",
            "lp",
            "co",
            "corp",
            "company",
            "sa",
            "sas",
            "sarl",
            "bv",
            "nv",
            "sp",
            "z",
            "o",
            "oo",
            "o.o",
            "o.o.",
            "spolka",
            "akcyjna",
            "the",
            "and",
            "of",
            "och",
            "og",
            "und",
            "et",
            "de",
            "la",
            "le",
            "les",
            "van",
            "von",
            "der",
            "den",
            "del",
            "af",
            "av",
            "zu",
            "du",
            "di",
            "da",
            "dos",
            "group",
            "holding",
            "holdings",
            "bank",
            "services",
            "solutions",
            "partners",
            "consulting",
            "trading",
            "systems",
            "international",
            "global",
            "nordic",
            "europe",
            "invest",
            "capital",
            "management",
            "energy",
            "technology",
            "technologies",
            "fastigheter",
            "bygg",
            "mr",
            "mrs",
            "ms",
            "dr",
            "prof",
            "herr",
            "frau",
            "jr",
            "sr",
            "ii",
            "iii",
            "&");

    private final Pattern pattern;
    /** Group name → (type, session key, original text shown when restored). */
    private final Map<String, Entry> entries;

    /**
     * The folded first letter of every name and word the pattern looks for: every alternative starts
     * with one, literally, so a match can start nowhere else ({@link PositionSearch}).
     */
    private final BitSet firstLetters;

    record Entry(IdentifierType type, String key, String original) {}

    private NameMatcher(Pattern pattern, Map<String, Entry> entries, BitSet firstLetters) {
        this.pattern = pattern;
        this.entries = entries;
        this.firstLetters = firstLetters;
    }

    static NameMatcher of(Collection<KnownName> names) {
        var wholes = new LinkedHashMap<String, Entry>(); // folded whole name → entry
        var owners = new HashMap<String, List<Entry>>(); // folded word → the names it belongs to
        for (KnownName name : names) {
            String original = name.name().strip().replaceAll("\\s+", " ");
            List<String> words = words(FoldedText.fold(original));
            if (words.isEmpty()) {
                continue;
            }
            String folded = String.join(" ", words);
            var entry = new Entry(IdentifierType.ofNameKind(name.kind()), "name:" + folded, original);
            wholes.putIfAbsent(folded, entry);
            for (String word : words) {
                if (word.length() >= 2
                        && !NEVER_ALONE.contains(word)
                        && !word.chars().allMatch(Character::isDigit)) {
                    var list = owners.computeIfAbsent(word, w -> new ArrayList<>());
                    if (list.stream().noneMatch(e -> e.key().equals(entry.key()))) {
                        list.add(entry);
                    }
                }
            }
        }
        var entries = new LinkedHashMap<String, Entry>();
        var alternatives = new ArrayList<String>();
        var firstLetters = new BitSet();
        // Longest first: Java takes the first alternative that matches, and "Anna Virtanen" must win over "Anna".
        var wholeNames = new ArrayList<>(wholes.keySet());
        wholeNames.sort(Comparator.comparingInt(String::length).reversed());
        for (String folded : wholeNames) {
            List<String> words = words(folded);
            if (words.size() < 2 && owners.containsKey(folded)) {
                continue; // a one-word name is matched as a word below
            }
            String group = "g" + entries.size();
            entries.put(group, wholes.get(folded));
            firstLetters.set(words.get(0).charAt(0));
            alternatives.add("(?<" + group + ">"
                    + words.stream().map(NameMatcher::forms).collect(Collectors.joining("[\\s\\-]*")) + ")");
        }
        var singleWords = new ArrayList<>(owners.keySet());
        singleWords.sort(Comparator.comparingInt(String::length).reversed());
        for (String word : singleWords) {
            var list = owners.get(word);
            var first = list.get(0);
            // A word of one name stands for that name; a word shared by several stands for itself.
            var entry = list.size() == 1 ? first : new Entry(first.type(), "word:" + word, word);
            String group = "g" + entries.size();
            entries.put(group, entry);
            firstLetters.set(word.charAt(0));
            alternatives.add("(?<" + group + ">" + forms(word) + ")");
        }
        if (alternatives.isEmpty()) {
            return new NameMatcher(Pattern.compile("(?!)"), entries, firstLetters);
        }
        String regex = "(?<![\\p{L}\\p{N}])(?:" + String.join("|", alternatives) + ")(?![\\p{L}\\p{N}])";
        return new NameMatcher(Pattern.compile(regex), entries, firstLetters);
    }

    private static List<String> words(String folded) {
        var words = new ArrayList<String>();
        for (String w : folded.split("[\\s,;()\"]+|(?<=\\p{L})-(?=\\p{L})")) {
            String t = w.replaceAll("^[\\p{Punct}]+|[\\p{Punct}&&[^.]]+$", "");
            if (!t.isEmpty()) {
                words.add(t);
            }
        }
        return words;
    }

    // The endings' expressions, made once: folding and sorting them for every word of every session
    // was a tenth of pseudonymising a 20-passage prompt.
    private static final String ENDINGS_OPTIONAL = endings(ENDINGS);
    private static final String ENDINGS_REQUIRED = ENDINGS_OPTIONAL.replace(")?", ")");
    private static final String NEN_ENDINGS_REQUIRED = endings(NEN_ENDINGS).replace(")?", ")");
    private static final String VOWEL_STEM_ENDINGS_REQUIRED =
            endings(VOWEL_STEM_ENDINGS).replace(")?", ")");

    /** A word with its inflected forms, as a regular expression on folded text. */
    private static String forms(String word) {
        var options = new ArrayList<String>();
        options.add(Pattern.quote(word) + ENDINGS_OPTIONAL);
        if (word.length() >= 4 && word.endsWith("nen")) {
            options.add(Pattern.quote(word.substring(0, word.length() - 3) + "s") + NEN_ENDINGS_REQUIRED);
        }
        char last = word.charAt(word.length() - 1);
        if (word.length() >= 3 && "aeiouy".indexOf(last) >= 0) {
            options.add(Pattern.quote(word.substring(0, word.length() - 1)) + VOWEL_STEM_ENDINGS_REQUIRED);
        }
        // Polish mobile e: Marek → Marka, Wróbel → Wróbla, Wróblem
        if (word.length() >= 4 && (word.endsWith("ek") || word.endsWith("el") || word.endsWith("ec"))) {
            options.add(Pattern.quote(word.substring(0, word.length() - 2) + word.charAt(word.length() - 1))
                    + ENDINGS_REQUIRED);
        }
        return options.size() == 1 ? options.get(0) : "(?:" + String.join("|", options) + ")";
    }

    private static String endings(List<String> endings) {
        return endings.stream()
                .map(FoldedText::fold)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|", "(?:", ")?"));
    }

    /** The known names in the text, in original character positions. */
    List<Finding> find(String text, FoldedText folded) {
        var found = new ArrayList<Finding>();
        String t = folded.text;
        var search = new PositionSearch(pattern, t, from -> {
            int p = from;
            while (p < t.length() && !firstLetters.get(t.charAt(p))) {
                p++;
            }
            return p;
        });
        while (search.find()) {
            Matcher m = search.matcher();
            for (var e : entries.entrySet()) {
                if (m.start(e.getKey()) >= 0) {
                    int start = folded.originalStart(m.start());
                    int end = folded.originalEnd(m.end());
                    found.add(new Finding(
                            start, end, e.getValue().type(), e.getValue().key()));
                    break;
                }
            }
        }
        return found;
    }

    /** The pattern {@link #find} runs, for comparing its matches with a full scan (PositionSearchTests). */
    Pattern pattern() {
        return pattern;
    }

    /** What a key's placeholder restores to: the name as the database holds it. */
    String original(String key) {
        return entries.values().stream()
                .filter(e -> e.key().equals(key))
                .map(Entry::original)
                .findFirst()
                .orElse(key);
    }
}
