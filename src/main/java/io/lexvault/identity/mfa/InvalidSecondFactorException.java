package io.lexvault.identity.mfa;

/** The code given is not a current authenticator code or an unused backup code. */
class InvalidSecondFactorException extends RuntimeException {

    public InvalidSecondFactorException() {
        super("That code is not correct or has already been used.");
    }
}
