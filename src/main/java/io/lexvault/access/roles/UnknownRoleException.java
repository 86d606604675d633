package io.lexvault.access.roles;

/** No such role in the bound firm: never there, deleted, or another firm's (which is not confirmed). */
public class UnknownRoleException extends RuntimeException {

    public UnknownRoleException() {
        super("There is no such role in your firm.");
    }
}
