package io.lexvault.identity;

/** The reset link is unknown, already used, or expired. */
public class InvalidResetLinkException extends RuntimeException {

    public InvalidResetLinkException() {
        super("This link does not work any more. Ask for a new one.");
    }
}
