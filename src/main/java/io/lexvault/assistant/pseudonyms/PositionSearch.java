package io.lexvault.assistant.pseudonyms;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The matches of a pattern, one at a time, exactly as {@code while (matcher.find())} would give them,
 * but tried only at the positions where a match can start ({@link DigitReach}, a name's first
 * letters in {@link NameMatcher}, a cue's in {@link FirstLetters}).
 *
 * <p>Why: Java's regex engine has no literal-prefix search for a pattern that starts with an
 * alternation, so {@code find()} tries every alternative at every position; here {@link
 * Matcher#lookingAt()} runs at the candidate positions, in order, from the end of the previous match,
 * with transparent bounds so that look-behinds and look-aheads still see the text around. Skipping a
 * position where no match can start changes nothing; the caller's {@link Starts} must therefore never
 * skip one where a match can (PositionSearchTests compares each with a full scan).
 */
final class PositionSearch {

    private final String text;
    private final Matcher matcher;
    private final @Nullable Starts starts;
    private int from;

    /** Where {@link #restartAt} put the start: there, look-behinds see nothing before it. */
    private int opaqueAt = -1;

    /**
     * Where a match of a case-insensitive (Unicode) alternation can start: at a character that folds,
     * as the engine folds for {@code (?iu)}, to the first letter of an alternative.
     */
    static final class FirstLetters {

        private final BitSet letters = new BitSet();

        /** Each alternative of {@code alternation} must start with a letter written as itself. */
        FirstLetters(String alternation) {
            for (String alternative : alternatives(alternation)) {
                char first = alternative.isEmpty() ? 0 : alternative.charAt(0);
                if (!Character.isLetter(first)) {
                    throw new IllegalArgumentException("an alternative starts with no letter: " + alternative);
                }
                letters.set(caseFold(first));
            }
        }

        boolean startsAt(String text, int p) {
            return letters.get(caseFold(text.charAt(p)));
        }

        /** The first position at or after {@code from} where a match can start, or the text's length. */
        int next(String text, int from) {
            int p = from;
            while (p < text.length() && !startsAt(text, p)) {
                p++;
            }
            return p;
        }

        /** What {@code (?iu)} compares: java.util.regex's SingleU and SliceU fold both sides this way. */
        static char caseFold(char c) {
            return Character.toLowerCase(Character.toUpperCase(c));
        }
    }

    /** Where a match can start: the first such position at or after {@code from}, or the text's length. */
    interface Starts {
        int next(int from);
    }

    /** The top-level alternatives of {@code a|b(?:c|d)|[|]}: "a", "b(?:c|d)", "[|]". */
    static List<String> alternatives(String alternation) {
        var out = new ArrayList<String>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < alternation.length(); i++) {
            char c = alternation.charAt(i);
            if (c == '\\') {
                i++; // an escaped character is itself
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(alternation.substring(start, i));
                start = i + 1;
            }
        }
        out.add(alternation.substring(start));
        return out;
    }

    /** {@code starts} null: every position (the engine's own scan). */
    PositionSearch(Pattern pattern, String text, @Nullable Starts starts) {
        this.text = text;
        this.matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        this.starts = starts;
    }

    /** The next match, or false; the match is then read from {@link #matcher()}. */
    boolean find() {
        int n = text.length();
        if (from > n) {
            return false;
        }
        Starts at = starts;
        if (at == null) {
            matcher.useTransparentBounds(from != opaqueAt);
            matcher.region(from, n);
            return found(matcher.find());
        }
        for (int p = next(at, from); p < n; p = next(at, p + 1)) {
            matcher.useTransparentBounds(p != opaqueAt);
            matcher.region(p, n);
            if (matcher.lookingAt()) {
                return found(true);
            }
        }
        return found(false);
    }

    private int next(Starts at, int from) {
        int p = at.next(from);
        // Where a restart put the start, look-behinds are blind: a filter that reads the character
        // before may be wrong there, so that position is always tried.
        return opaqueAt >= from && opaqueAt < p ? opaqueAt : p;
    }

    private boolean found(boolean found) {
        // As find() does: the next search starts where this match ended (one further for an empty
        // match, so that it cannot be found again).
        from = !found ? text.length() : matcher.end() == matcher.start() ? matcher.end() + 1 : matcher.end();
        return found;
    }

    Matcher matcher() {
        return matcher;
    }

    /**
     * Go on from {@code position}, as {@code matcher.region(position, text.length())} followed by
     * find() would: a look-behind at that very position sees nothing before it.
     */
    void restartAt(int position) {
        from = position;
        opaqueAt = position;
    }
}
