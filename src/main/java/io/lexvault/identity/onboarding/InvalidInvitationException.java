package io.lexvault.identity.onboarding;

/** The invitation link is unknown, used, revoked or expired. */
class InvalidInvitationException extends RuntimeException {

    public InvalidInvitationException() {
        super("This invitation does not work any more. Ask your firm's administrator for a new one.");
    }
}
