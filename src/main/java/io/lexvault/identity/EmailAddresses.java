package io.lexvault.identity;

import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One spelling per address: trimmed and lower-cased, so "Ann@Firm.example" and "ann@firm.example"
 * are the same account (and cannot be registered twice to confuse sign-in or invitations).
 */
public final class EmailAddresses {

    /** Deliberately simple: one @, no spaces or control characters, a dot in the domain. */
    private static final Pattern SHAPE =
            Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private EmailAddresses() {}

    /**
     * @throws IllegalArgumentException when the text is not an e-mail address
     */
    public static String normalize(String address) {
        try {
            // The one text rule (HumanText): no hidden or direction-changing characters, which would let
            // an address look like another one in invitations, member lists and the audit trail. Only the
            // check: the address keeps its spelling, so existing accounts are found as before.
            HumanText.line("An e-mail address", address, 254);
        } catch (InvalidTextException e) {
            throw new IllegalArgumentException("Enter an e-mail address such as name@firm.example");
        }
        String normalized = address.strip().toLowerCase(Locale.ROOT);
        if (normalized.length() > 254 || !SHAPE.matcher(normalized).matches()) {
            throw new IllegalArgumentException("Enter an e-mail address such as name@firm.example");
        }
        return normalized;
    }

    public static boolean isWellFormed(String address) {
        try {
            normalize(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
