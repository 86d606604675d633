package io.lexvault.assistant.pseudonyms;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where in a text a match of a digit-bearing pattern can start, so that the pattern is tried only
 * there ({@link PositionSearch}): near the next ASCII digit, or (for "Storgatan 12", "März 1980") a
 * word's length before a whitespace run that is followed by a digit.
 *
 * <p>Why: Java's regex engine tries a pattern at every position of the text, and a pattern that starts
 * with a case-insensitive alternation of street words or month names ("gatan|vägen|straße|…") paid
 * for every alternative at each of a passage's characters (more than half of pseudonymisation's time on
 * a 20-passage prompt). Every match of those patterns has a digit within a few characters of its
 * start (the house number, the day, the account number), and in legal prose most positions have none.
 *
 * <p>A position that is no candidate cannot start a match, so skipping it changes nothing, provided
 * the {@link DigitAnchored} given for a pattern is true of it (PositionSearchTests checks each against a
 * full scan).
 */
final class DigitReach {

    private static final int NONE = Integer.MAX_VALUE;

    /** A reach for a pattern that needs a digit somewhere after its start, however far. */
    static final int ANY_DISTANCE = NONE - 1;

    private final String text;

    /**
     * gap[p]: characters from p to the first digit at or after p, not counting the whitespace run right
     * before that digit ("Tel.   12…" is as near the 1 as "Tel. 12…", since {@code \s+} may be any
     * length); NONE when no digit follows.
     */
    private final int[] gap;

    /**
     * The starts of the whitespace runs that follow a letter or a dot and that a digit follows: where a
     * word that a number follows ends.
     */
    private final BitSet runBeforeDigit;

    /**
     * Digits that begin a number: no letter or digit right before them, as the patterns that start
     * with {@code (?<![\\p{L}\\p{N}])\\d} require (a letter or decimal digit is in both classes).
     */
    private final BitSet numberStarts;

    private DigitReach(String text) {
        this.text = text;
        int n = text.length();
        gap = new int[n + 1];
        gap[n] = NONE;
        runBeforeDigit = new BitSet(n);
        numberStarts = new BitSet(n);
        int digitReachStart = NONE; // where the next digit's preceding whitespace run starts
        for (int p = n - 1; p >= 0; p--) {
            if (isDigit(text.charAt(p))) {
                if (p == 0 || !Character.isLetterOrDigit(text.charAt(p - 1))) {
                    numberStarts.set(p);
                }
                int j = p;
                while (j > 0 && isRegexSpace(text.charAt(j - 1))) {
                    j--;
                }
                digitReachStart = j;
                if (j < p && j > 0 && endsWord(text.charAt(j - 1))) {
                    runBeforeDigit.set(j);
                }
            }
            gap[p] = digitReachStart == NONE ? NONE : Math.max(0, digitReachStart - p);
        }
    }

    static DigitReach of(String text) {
        return new DigitReach(text);
    }

    /**
     * The length of the longest alternative of {@code a|b|c}: an upper bound of what one alternative
     * matches, as long as none has a group or a repeating quantifier (an escape such as {@code \.} or
     * an optional {@code ?} only makes the text of the alternative longer than what it matches).
     */
    static int longest(String alternation) {
        int longest = 0;
        for (String alternative : PositionSearch.alternatives(alternation)) {
            if (alternative.matches(".*[*+{(\\[].*")) {
                throw new IllegalArgumentException("not a plain alternative: " + alternative);
            }
            longest = Math.max(longest, alternative.length());
        }
        return longest;
    }

    /**
     * A pattern and what is true of the start of each of its matches: its first digit is at most
     * {@code reach} characters on (the whitespace right before that digit not counted); or, with
     * {@code words}, it is one of those words, which whitespace and a digit follow (maybe after a
     * dot); or it is a digit that begins a number (with {@code orNumberStart}, or without words).
     */
    record DigitAnchored(
            Pattern pattern, int reach, @Nullable Words words, boolean orNumberStart) {

        /** Matches whose first digit is at most {@code reach} characters from their start. */
        static DigitAnchored near(String regex, int reach) {
            return new DigitAnchored(Pattern.compile(regex), reach, null, false);
        }

        /**
         * Matches that start with a digit that no letter or digit precedes: the pattern starts with
         * {@code (?<![\\p{L}\\p{N}])} and a digit.
         */
        static DigitAnchored atNumberStart(String regex) {
            return new DigitAnchored(Pattern.compile(regex), 0, null, true);
        }

        /**
         * Matches that start with one of {@code words} (an alternation of plain words, compared as
         * {@code (?iu)} compares) followed by an optional dot, whitespace and a digit, or, with {@code
         * orNumberStart}, with a digit that no letter or digit precedes.
         */
        static DigitAnchored wordBeforeNumber(String regex, String words, boolean orNumberStart) {
            return new DigitAnchored(Pattern.compile(regex), 0, new Words(words), orNumberStart);
        }
    }

    /** Plain words, case-folded as {@code (?iu)} folds, looked up by their last character. */
    static final class Words {

        private final Map<Character, List<char[]>> byLast = new HashMap<>();

        Words(String alternation) {
            for (String alternative : PositionSearch.alternatives(alternation)) {
                String word = alternative.replace("\\.", ".");
                if (word.isEmpty() || word.matches(".*[\\\\\\[\\](){}?*+|^$].*")) {
                    throw new IllegalArgumentException("not a plain word: " + alternative);
                }
                char[] folded = new char[word.length()];
                for (int i = 0; i < folded.length; i++) {
                    folded[i] = PositionSearch.FirstLetters.caseFold(word.charAt(i));
                }
                byLast.computeIfAbsent(folded[folded.length - 1], c -> new ArrayList<>())
                        .add(folded);
            }
        }

        /** Marks the start of every word of the set that ends at {@code end} in the text. */
        void markEndingAt(String text, int end, BitSet starts) {
            if (end <= 0) {
                return;
            }
            List<char[]> candidates = byLast.get(PositionSearch.FirstLetters.caseFold(text.charAt(end - 1)));
            if (candidates == null) {
                return;
            }
            for (char[] word : candidates) {
                int start = end - word.length;
                if (start < 0) {
                    continue;
                }
                int i = word.length - 2;
                while (i >= 0 && PositionSearch.FirstLetters.caseFold(text.charAt(start + i)) == word[i]) {
                    i--;
                }
                if (i < 0) {
                    starts.set(start);
                }
            }
        }
    }

    /** The matches of the pattern in the text, tried only where one can start. */
    PositionSearch search(DigitAnchored anchored) {
        if (anchored.words() != null || anchored.orNumberStart()) {
            BitSet starts =
                    anchored.words() == null ? numberStarts : wordStarts(anchored.words(), anchored.orNumberStart());
            return new PositionSearch(anchored.pattern(), text, from -> {
                int p = starts.nextSetBit(from);
                return p < 0 ? text.length() : p;
            });
        }
        if (anchored.reach() >= ANY_DISTANCE) {
            // Nearly every position qualifies: the engine's own scan is cheaper than one call each.
            return new PositionSearch(anchored.pattern(), text, null);
        }
        return new PositionSearch(anchored.pattern(), text, from -> nextNear(from, anchored.reach()));
    }

    /** As {@link #search(DigitAnchored)} for a pattern near a digit that also starts with one of {@code letters}. */
    PositionSearch search(DigitAnchored anchored, PositionSearch.FirstLetters letters) {
        return new PositionSearch(anchored.pattern(), text, from -> {
            int p = nextNear(from, anchored.reach());
            while (p < text.length() && !letters.startsAt(text, p)) {
                p = nextNear(p + 1, anchored.reach());
            }
            return p;
        });
    }

    private int nextNear(int from, int reach) {
        int n = text.length();
        int p = from;
        while (p < n && gap[p] > reach) {
            p++;
        }
        return p;
    }

    private BitSet wordStarts(Words words, boolean orNumberStart) {
        int n = text.length();
        var starts = new BitSet(n);
        for (int j = runBeforeDigit.nextSetBit(0); j >= 0; j = runBeforeDigit.nextSetBit(j + 1)) {
            words.markEndingAt(text, j, starts);
            if (text.charAt(j - 1) == '.') {
                words.markEndingAt(text, j - 1, starts);
            }
        }
        if (orNumberStart) {
            starts.or(numberStarts);
        }
        return starts;
    }

    /**
     * The last character of a word the patterns name: a letter (a pattern's letter matches only letters,
     * case-insensitively too: K, the Kelvin sign, ſ for s) or the dot of an abbreviation.
     */
    private static boolean endsWord(char c) {
        return Character.isLetter(c) || c == '.';
    }

    /** What {@code \d} matches without UNICODE_CHARACTER_CLASS, as in every pattern here. */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** What {@code \s} matches without UNICODE_CHARACTER_CLASS. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
