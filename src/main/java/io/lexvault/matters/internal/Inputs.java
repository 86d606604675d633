package io.lexvault.matters.internal;

import io.lexvault.matters.MatterRefusedException;
import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Checks of typed input, each failing with a sentence that says what a good value looks like. */
public final class Inputs {

    // Deliberately loose: one '@', something on each side, a dot in the domain. Real checking is
    // sending mail; this only catches typing slips.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,40}");
    private static final Pattern REGISTRATION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ./-]{0,49}");

    private Inputs() {}

    /** Required one-line text, as {@link HumanText#line} checks it. */
    public static String required(@Nullable String text, int max, String what) {
        try {
            return HumanText.line(what, text, max);
        } catch (InvalidTextException e) {
            throw refused(e);
        }
    }

    /** Optional one-line text, as {@link HumanText#optionalLine} checks it: blank is none. */
    public static @Nullable String optional(@Nullable String text, int max, String what) {
        try {
            return HumanText.optionalLine(what, text, max);
        } catch (InvalidTextException e) {
            throw refused(e);
        }
    }

    /** Optional text of several lines (address, notes), as {@link HumanText#optionalLines} checks it. */
    public static @Nullable String multiline(@Nullable String text, int max, String what) {
        try {
            return HumanText.optionalLines(what, text, max);
        } catch (InvalidTextException e) {
            throw refused(e);
        }
    }

    /**
     * The matters edges show a {@link MatterRefusedException}'s sentence (API detail, form error); the
     * checker's sentence names only the field and the limit, so it is passed on as it is.
     */
    private static MatterRefusedException refused(InvalidTextException e) {
        return MatterRefusedException.invalid(e.getMessage());
    }

    public static @Nullable String email(@Nullable String text) {
        String value = optional(text, 254, "email");
        if (value != null && !EMAIL.matcher(value).matches()) {
            throw MatterRefusedException.invalid("email looks like name@example.com.");
        }
        return value;
    }

    public static @Nullable String phone(@Nullable String text) {
        String value = optional(text, 40, "phone");
        if (value != null
                && (!PHONE.matcher(value).matches()
                        || value.chars().filter(Character::isDigit).count() < 3)) {
            throw MatterRefusedException.invalid(
                    "phone has digits, spaces and ( ) . / - only, optionally a leading +, at most 40 characters.");
        }
        return value;
    }

    public static @Nullable String registrationNumber(@Nullable String text) {
        String value = optional(text, 50, "registrationNumber");
        if (value != null && !REGISTRATION.matcher(value).matches()) {
            throw MatterRefusedException.invalid(
                    "registrationNumber has letters, digits, spaces, '.', '/' or '-', at most 50 characters.");
        }
        return value;
    }

    public static @Nullable LocalDate date(@Nullable String text, String what) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw MatterRefusedException.invalid(what + " is a date like 2026-01-31.");
        }
    }
}
