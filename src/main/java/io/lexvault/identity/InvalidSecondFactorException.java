package io.lexvault.identity;

/** The code given is not a current authenticator code or an unused backup code. */
public class InvalidSecondFactorException extends RuntimeException {

    public InvalidSecondFactorException() {
        super("That code is not correct or has already been used.");
    }
}
