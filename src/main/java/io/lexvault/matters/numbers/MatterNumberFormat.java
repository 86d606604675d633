package io.lexvault.matters.numbers;

import io.lexvault.matters.MatterRefusedException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A firm's pattern for matter numbers: letters, digits, '.', '/' and '-' as they are, {@code {YYYY}}
 * or {@code {YY}} for the year and exactly one {@code {SEQ:n}}, the sequence zero-padded to n digits
 * (1 to 9). The sequence counts per year when the pattern has a year, else for ever. Example:
 * {@code {YYYY}-{SEQ:4}} gives 2026-0001, 2026-0002, ...
 */
public record MatterNumberFormat(String pattern) {

    private static final Pattern TOKEN = Pattern.compile("\\{(YYYY|YY|SEQ:([1-9]))}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9./-]+");
    private static final int LONGEST_NUMBER = 40;

    // After the patterns: static fields are set in order, and the constructor uses them.
    public static final MatterNumberFormat DEFAULT = new MatterNumberFormat("{YYYY}-{SEQ:4}");

    public MatterNumberFormat {
        pattern = pattern.strip();
        checkPattern(pattern);
    }

    /** Reads a typed pattern; a malformed one is {@link MatterRefusedException} with what is wrong. */
    public static MatterNumberFormat parse(@Nullable String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw MatterRefusedException.invalid("format is required, e.g. {YYYY}-{SEQ:4}.");
        }
        return new MatterNumberFormat(pattern);
    }

    public boolean hasYear() {
        return pattern.contains("{YYYY}") || pattern.contains("{YY}");
    }

    /** The counter this format counts on in the given year: the year, or '-' when the format has none. */
    String scope(int year) {
        return hasYear() ? String.format("%04d", year) : "-";
    }

    /** The number for this year and sequence value. */
    public String render(int year, int sequence) {
        return render(pattern, year, sequence);
    }

    private static String render(String pattern, int year, int sequence) {
        var out = new StringBuilder();
        Matcher token = TOKEN.matcher(pattern);
        int at = 0;
        while (token.find()) {
            out.append(pattern, at, token.start());
            out.append(
                    switch (token.group(1)) {
                        case "YYYY" -> String.format("%04d", year);
                        case "YY" -> String.format("%02d", year % 100);
                        default -> String.format("%0" + token.group(2) + "d", sequence);
                    });
            at = token.end();
        }
        return out.append(pattern, at, pattern.length()).toString();
    }

    /**
     * This format's numbers of one year, split around the sequence: what comes before it, what comes
     * after it, and its least number of digits (e.g. "2026-", "", 4 for {YYYY}-{SEQ:4}). What the
     * database looks for when it finds the highest sequence already in use.
     */
    Shape shape(int year) {
        Matcher token = TOKEN.matcher(pattern);
        while (token.find()) {
            if (token.group(1).startsWith("SEQ")) {
                return new Shape(
                        render(pattern.substring(0, token.start()), year, 0),
                        render(pattern.substring(token.end()), year, 0),
                        Integer.parseInt(token.group(2)));
            }
        }
        throw new IllegalStateException("A checked format has one {SEQ:n}");
    }

    /** See {@link #shape(int)}. */
    record Shape(String prefix, String suffix, int digits) {}

    /** Whether a typed number has this format's shape (any year, any sequence of at least n digits). */
    public boolean matches(String number) {
        return regex().matcher(number).matches();
    }

    /**
     * The sequence value of a number of this shape, with the year it counts in, when the number fits the
     * format and the values are in range; empty otherwise.
     */
    OptionalInt sequenceOf(String number, int[] yearOut) {
        Matcher m = regex().matcher(number);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        String sequence = m.group("seq");
        if (sequence.length() > 9) {
            return OptionalInt.empty();
        }
        if (pattern.contains("{YYYY}")) {
            yearOut[0] = Integer.parseInt(m.group("year"));
        } else if (pattern.contains("{YY}")) {
            yearOut[0] = 2000 + Integer.parseInt(m.group("year"));
        }
        return OptionalInt.of(Integer.parseInt(sequence));
    }

    private Pattern regex() {
        var regex = new StringBuilder();
        Matcher token = TOKEN.matcher(pattern);
        int at = 0;
        boolean yearSeen = false;
        while (token.find()) {
            regex.append(Pattern.quote(pattern.substring(at, token.start())));
            String group = yearSeen ? "" : "?<year>";
            regex.append(
                    switch (token.group(1)) {
                        case "YYYY" -> "(" + group + "[0-9]{4})";
                        case "YY" -> "(" + group + "[0-9]{2})";
                        default -> "(?<seq>[0-9]{" + token.group(2) + ",})";
                    });
            if (!token.group(1).startsWith("SEQ")) {
                yearSeen = true;
            }
            at = token.end();
        }
        regex.append(Pattern.quote(pattern.substring(at)));
        return Pattern.compile(regex.toString());
    }

    private static void checkPattern(String pattern) {
        if (pattern.length() > 60) {
            throw MatterRefusedException.invalid("format has at most 60 characters.");
        }
        Matcher token = TOKEN.matcher(pattern);
        int at = 0;
        int sequences = 0;
        int years = 0;
        while (token.find()) {
            checkLiteral(pattern.substring(at, token.start()));
            if (token.group(1).startsWith("SEQ")) {
                sequences++;
            } else {
                years++;
            }
            at = token.end();
        }
        checkLiteral(pattern.substring(at));
        if (sequences != 1) {
            throw MatterRefusedException.invalid(
                    "format has exactly one {SEQ:n} (n from 1 to 9), e.g. {YYYY}-{SEQ:4}.");
        }
        if (years > 1) {
            throw MatterRefusedException.invalid("format has at most one year, {YYYY} or {YY}.");
        }
        if (!Character.isLetterOrDigit(render(pattern, 2026, 1).charAt(0))
                || render(pattern, 2026, 1).length() > LONGEST_NUMBER) {
            throw MatterRefusedException.invalid(
                    "format makes numbers that start with a letter or digit and have at most 40 characters.");
        }
    }

    private static void checkLiteral(String literal) {
        if (!literal.isEmpty() && !LITERAL.matcher(literal).matches()) {
            throw MatterRefusedException.invalid(
                    "format has letters, digits, '.', '/', '-' and the placeholders {YYYY}, {YY} and {SEQ:n} only.");
        }
    }
}
