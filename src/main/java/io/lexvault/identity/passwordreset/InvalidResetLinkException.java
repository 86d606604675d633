package io.lexvault.identity.passwordreset;

/** The reset link is unknown, already used, or expired. */
class InvalidResetLinkException extends RuntimeException {

    public InvalidResetLinkException() {
        super("This link does not work any more. Ask for a new one.");
    }
}
