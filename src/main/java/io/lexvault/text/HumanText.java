package io.lexvault.text;

import io.lexvault.text.InvalidTextException.Reason;
import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * The one checker for text a person types and LexVault keeps and shows again: names, titles, reasons,
 * notes, descriptions. Every module calls it, so every field refuses the same things in the same words.
 *
 * <p>The rule, in order:
 *
 * <ol>
 *   <li><b>Normalised.</b> Unicode NFC, so that "Müller" typed with a combining diaeresis and with a
 *       precomposed ü is the same name (conflict checks, duplicate titles). In multi-line text, CR LF and
 *       a lone CR become LF. Leading and trailing whitespace ({@link String#strip()}) is removed.
 *   <li><b>Present.</b> Nothing left is refused where the field is required, and is "none" (null) where
 *       it is optional.
 *   <li><b>Visible.</b> Refused anywhere in the text: every character of Unicode's "Other" category and
 *       the line and paragraph separators, which are
 *       <ul>
 *         <li>control characters (Cc: NUL, bell, escape, DEL, NEL, ...): they break terminals, logs, CSV
 *             exports and mail headers, and PostgreSQL refuses NUL;
 *         <li>format characters (Cf): the bidi overrides, embeddings and isolates (U+202A to U+202E,
 *             U+2066 to U+2069, U+200E, U+200F, U+061C) reorder what follows, so "Invoice&#x202E;fdp.exe"
 *             reads as an innocent name ("Trojan Source" spoofing); the zero-width space, joiners, word
 *             joiner, byte order mark, soft hyphen and tag characters are invisible, so two names that
 *             look the same differ, and a reviewer cannot see what a title really says;
 *         <li>lone surrogates (Cs), private-use (Co) and unassigned code points including the
 *             noncharacters (Cn): they are not text and render as nothing or as anything;
 *         <li>U+2028 and U+2029 (Zl, Zp): line breaks that many renderers do not show as such.
 *       </ul>
 *       A one-line field also refuses LF, CR and tab (and says "line break"); a multi-line field allows LF
 *       and tab and nothing else of the above.
 *   <li><b>Short enough.</b> At most the field's maximum, counted in code points after the steps above
 *       (as PostgreSQL's {@code char_length} counts), so an emoji is one character.
 * </ol>
 *
 * <p>Allowed: every letter, digit, punctuation mark and symbol (emoji included), combining marks and
 * variation selectors (accents, emoji presentation), and every space inside the text, including the
 * no-break space. The price of one simple rule: the zero-width joiner and non-joiner are format characters,
 * so emoji ZWJ sequences and the ZWNJ of Persian or Indic spelling are refused too. HTML and SQL
 * metacharacters ({@code <script>}, quotes) are ordinary text: accepted and stored as typed, because pages
 * escape on output and SQL binds parameters.
 *
 * <p>A refusal is an {@link InvalidTextException} whose sentence names the field and the reason, never
 * the text.
 */
public final class HumanText {

    private HumanText() {}

    /** Required one-line text (a name, a title): checked and normalised, never empty. */
    public static String line(String field, @Nullable String text, int maxLength) {
        return required(field, text, maxLength, false);
    }

    /** Optional one-line text: null or blank is none (null); otherwise as {@link #line}. */
    public static @Nullable String optionalLine(String field, @Nullable String text, int maxLength) {
        return checked(field, text, maxLength, false);
    }

    /** Required text of several lines (a reason): LF and tab allowed, otherwise as {@link #line}. */
    public static String lines(String field, @Nullable String text, int maxLength) {
        return required(field, text, maxLength, true);
    }

    /** Optional text of several lines (notes, an address, a description): null or blank is none (null). */
    public static @Nullable String optionalLines(String field, @Nullable String text, int maxLength) {
        return checked(field, text, maxLength, true);
    }

    private static String required(String field, @Nullable String text, int maxLength, boolean multiLine) {
        String value = checked(field, text, maxLength, multiLine);
        if (value == null) {
            throw new InvalidTextException(field, Reason.REQUIRED, maxLength);
        }
        return value;
    }

    private static @Nullable String checked(String field, @Nullable String text, int maxLength, boolean multiLine) {
        if (text == null) {
            return null;
        }
        String value = Normalizer.normalize(text, Normalizer.Form.NFC);
        if (multiLine) {
            value = value.replace("\r\n", "\n").replace('\r', '\n');
        }
        value = value.strip();
        if (value.isEmpty()) {
            return null;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            Reason refused = refusal(c, multiLine);
            if (refused != null) {
                throw new InvalidTextException(field, refused, maxLength);
            }
            i += Character.charCount(c);
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new InvalidTextException(field, Reason.TOO_LONG, maxLength);
        }
        return value;
    }

    /** Why the code point is refused in such a field, or null when it is fine there. */
    private static @Nullable Reason refusal(int c, boolean multiLine) {
        if (c == '\n' || c == '\t') {
            return multiLine ? null : Reason.LINE_BREAK;
        }
        if (c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029) {
            // Line breaks of other kinds: in one-line text they are line breaks like LF; multi-line text
            // has exactly one kind of line break (LF), so the rest are control characters there.
            return multiLine ? Reason.CONTROL : Reason.LINE_BREAK;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL -> Reason.CONTROL;
            case Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> Reason.INVISIBLE;
            default -> null;
        };
    }
}
