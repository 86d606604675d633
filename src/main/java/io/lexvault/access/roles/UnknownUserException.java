package io.lexvault.access.roles;

/** No such person in the bound firm; another firm's user is answered the same way. */
public class UnknownUserException extends RuntimeException {

    public UnknownUserException() {
        super("There is no such person in your firm.");
    }
}
