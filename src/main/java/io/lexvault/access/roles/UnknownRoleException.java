package io.lexvault.access.roles;

import io.lexvault.web.Refusal;

/** No such role in the bound firm: never there, deleted, or another firm's (which is not confirmed). */
public class UnknownRoleException extends Refusal {

    public UnknownRoleException() {
        // Answered with the fixed sentence for the status: nothing tells this apart from others.
        super(Reason.NOT_FOUND, "There is no such role in your firm.", null);
    }
}
