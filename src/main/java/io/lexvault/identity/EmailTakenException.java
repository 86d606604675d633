package io.lexvault.identity;

/** The address already belongs to an account (in this firm or another). */
public class EmailTakenException extends RuntimeException {

    public EmailTakenException() {
        super("An account with this e-mail address already exists");
    }
}
