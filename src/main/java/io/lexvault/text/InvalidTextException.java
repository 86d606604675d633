package io.lexvault.text;

/**
 * Text a person typed that {@link HumanText} refuses. The message is a fixed sentence built from the
 * field's label, the reason and the limit: it never quotes what was typed, so every edge may show it.
 *
 * <p>It is an {@link IllegalArgumentException} because that is what it is, and because the edges that
 * already answer malformed input with a 400 or a form error keep doing so without a mapping of their own.
 */
public class InvalidTextException extends IllegalArgumentException {

    /** Why the text is refused; each has one sentence. */
    public enum Reason {
        /** Nothing but whitespace where something is required. */
        REQUIRED,
        /** More characters (code points, after normalisation) than the field holds. */
        TOO_LONG,
        /** A line break or tab in a one-line field. */
        LINE_BREAK,
        /** A control character (NUL, bell, escape, NEL, the Unicode line and paragraph separators, ...). */
        CONTROL,
        /**
         * A character that is not visible text: format characters (bidi overrides and isolates, zero-width
         * space and joiners, byte order mark, soft hyphen, tags), lone surrogates, private-use and
         * unassigned code points.
         */
        INVISIBLE
    }

    private final String field;
    private final Reason reason;

    InvalidTextException(String field, Reason reason, int maxLength) {
        super(sentence(field, reason, maxLength));
        this.field = field;
        this.reason = reason;
    }

    /** The label of the field as the caller named it (e.g. {@code title}, {@code A group's name}). */
    public String field() {
        return field;
    }

    public Reason reason() {
        return reason;
    }

    private static String sentence(String field, Reason reason, int maxLength) {
        return switch (reason) {
            case REQUIRED -> field + " is required (1 to " + maxLength + " characters).";
            case TOO_LONG -> field + " has at most " + maxLength + " characters.";
            case LINE_BREAK -> field + " is one line, without line breaks or tabs.";
            case CONTROL -> field + " must not contain control characters.";
            case INVISIBLE ->
                field + " must not contain invisible or direction-changing characters"
                        + " (such as bidi overrides or zero-width spaces).";
        };
    }
}
