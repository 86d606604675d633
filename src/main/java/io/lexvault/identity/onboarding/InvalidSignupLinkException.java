package io.lexvault.identity.onboarding;

/** The sign-up confirmation link is unknown, used or expired. */
class InvalidSignupLinkException extends RuntimeException {

    public InvalidSignupLinkException() {
        super("This link does not work any more. Sign up again.");
    }
}
