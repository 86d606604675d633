package io.lexvault.assistant.pseudonyms;

import java.util.function.IntPredicate;
import java.util.regex.Pattern;

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
     * spacedGap[p]: characters from p to the first whitespace run at or after p that follows a letter
     * or a dot and is followed by a digit (where a word that a number follows ends); NONE when there is
     * none.
     */
    private final int[] spacedGap;

    private DigitReach(String text) {
        this.text = text;
        int n = text.length();
        gap = new int[n + 1];
        spacedGap = new int[n + 1];
        gap[n] = NONE;
        spacedGap[n] = NONE;
        var runBeforeDigit = new boolean[n + 1];
        int digitReachStart = NONE; // where the next digit's preceding whitespace run starts
        for (int p = n - 1; p >= 0; p--) {
            if (isDigit(text.charAt(p))) {
                int j = p;
                while (j > 0 && isRegexSpace(text.charAt(j - 1))) {
                    j--;
                }
                digitReachStart = j;
                runBeforeDigit[j] = j < p && j > 0 && endsWord(text.charAt(j - 1));
            }
            gap[p] = digitReachStart == NONE ? NONE : Math.max(0, digitReachStart - p);
        }
        int nextRun = NONE;
        for (int p = n - 1; p >= 0; p--) {
            if (runBeforeDigit[p]) {
                nextRun = p;
            }
            spacedGap[p] = nextRun == NONE ? NONE : nextRun - p;
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
     * {@code wordBeforeNumber}, it is a digit or it is at most {@code reach} characters before a
     * whitespace run that a digit follows, and the character before that run is a letter or a dot (a
     * word, maybe abbreviated, the whitespace, then the number).
     */
    record DigitAnchored(Pattern pattern, int reach, boolean wordBeforeNumber) {

        /** Matches whose first digit is at most {@code reach} characters from their start. */
        static DigitAnchored near(String regex, int reach) {
            return new DigitAnchored(Pattern.compile(regex), reach, false);
        }

        /**
         * Matches that start with a digit or with a word of at most {@code longestWord} characters,
         * ending in a letter or a dot, followed by whitespace and a digit.
         */
        static DigitAnchored wordBeforeNumber(String regex, int longestWord) {
            return new DigitAnchored(Pattern.compile(regex), longestWord, true);
        }
    }

    /** The matches of the pattern in the text, tried only where one can start. */
    PositionSearch search(DigitAnchored anchored) {
        if (anchored.reach() >= ANY_DISTANCE) {
            // Nearly every position qualifies: the engine's own scan is cheaper than one call each.
            return new PositionSearch(anchored.pattern(), text, null);
        }
        return new PositionSearch(anchored.pattern(), text, p -> candidate(p, anchored));
    }

    /** As {@link #search(DigitAnchored)}, where {@code andAlso} too says a match can start. */
    PositionSearch search(DigitAnchored anchored, IntPredicate andAlso) {
        return new PositionSearch(anchored.pattern(), text, p -> candidate(p, anchored) && andAlso.test(p));
    }

    private boolean candidate(int p, DigitAnchored anchored) {
        if (anchored.wordBeforeNumber()) {
            return isDigit(text.charAt(p)) || (spacedGap[p] >= 1 && spacedGap[p] <= anchored.reach());
        }
        return gap[p] <= anchored.reach();
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
