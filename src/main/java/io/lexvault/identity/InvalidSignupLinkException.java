package io.lexvault.identity;

/** The sign-up confirmation link is unknown, used or expired. */
public class InvalidSignupLinkException extends RuntimeException {

    public InvalidSignupLinkException() {
        super("This link does not work any more. Sign up again.");
    }
}
