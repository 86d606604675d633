package io.lexvault.testsupport;

import java.util.ArrayList;
import java.util.List;

/**
 * The one set of hostile text every human-entered field is tested with (see {@code HumanText}): what
 * must be refused, and what merely looks dangerous and must be kept exactly as typed.
 */
public final class HostileText {

    /** A value to send, what it is (for the test's name), and, for accepted ones, what must be stored. */
    public record Sample(String label, String sent, String stored) {

        @Override
        public String toString() {
            return label;
        }
    }

    private HostileText() {}

    /** Refused in every field, one-line or multi-line: hidden, direction-changing and control characters. */
    public static List<Sample> refusedEverywhere(int maxLength) {
        var samples = new ArrayList<Sample>();
        for (var hidden : List.of(
                new String[] {"U+202E right-to-left override", "\u202E"},
                new String[] {"U+202D left-to-right override", "\u202D"},
                new String[] {"U+2066 left-to-right isolate", "\u2066"},
                new String[] {"U+2067 right-to-left isolate", "\u2067"},
                new String[] {"U+2068 first strong isolate", "\u2068"},
                new String[] {"U+2069 pop directional isolate", "\u2069"},
                new String[] {"U+200B zero-width space", "\u200B"},
                new String[] {"U+200D zero-width joiner", "\u200D"},
                new String[] {"U+FEFF byte order mark", "\uFEFF"},
                new String[] {"U+0000 NUL", "\u0000"},
                new String[] {"U+0007 bell", "\u0007"},
                new String[] {"U+001B escape", "\u001B"},
                new String[] {"U+0085 next line", "\u0085"},
                new String[] {"U+2028 line separator", "\u2028"},
                new String[] {"lone surrogate U+D800", "\uD800"})) {
            samples.add(new Sample(hidden[0], "Invoice" + hidden[1] + "fdp.exe", ""));
        }
        samples.add(new Sample("one character too long", "x".repeat(maxLength + 1), ""));
        samples.add(new Sample("very long", "y".repeat(100_000), ""));
        return samples;
    }

    /** Refused in one-line fields only. */
    public static List<Sample> refusedInOneLine() {
        return List.of(
                new Sample("line feed in one line", "first\nsecond", ""),
                new Sample("carriage return in one line", "first\r\nsecond", ""),
                new Sample("tab in one line", "first\tsecond", ""));
    }

    /** Refused where the field is required; an optional field takes it as "none". */
    public static Sample onlyWhitespace() {
        return new Sample("only whitespace", " \t\u2003 ", "");
    }

    /** Accepted in every field and stored exactly as shown by {@link Sample#stored()}. */
    public static List<Sample> accepted(int maxLength) {
        return List.of(
                new Sample("script tag", "<script>alert('x')</script>", "<script>alert('x')</script>"),
                new Sample("SQL quote", "O'Brien'); DROP TABLE matters;--", "O'Brien'); DROP TABLE matters;--"),
                new Sample("leading and trailing whitespace", "  Smith & Partners \t", "Smith & Partners"),
                new Sample(
                        "letters of other scripts, emoji and a no-break space",
                        "Zoë Łukasiewicz 李 Ωmega\u00A0Ltd 😀",
                        "Zoë Łukasiewicz 李 Ωmega\u00A0Ltd 😀"),
                new Sample("exactly the maximum", "z".repeat(maxLength), "z".repeat(maxLength)));
    }

    /** Accepted in multi-line fields only. */
    public static List<Sample> acceptedInMultiLine() {
        return List.of(
                new Sample("lines and a tab", "first line\n\tsecond line", "first line\n\tsecond line"),
                new Sample("CR LF line ends", "first line\r\nsecond line", "first line\nsecond line"));
    }
}
