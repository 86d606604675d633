package io.lexvault.access.roles;

import io.lexvault.web.Refusal;

/** No such person in the bound firm; another firm's user is answered the same way. */
public class UnknownUserException extends Refusal {

    public UnknownUserException() {
        // Answered with the fixed sentence for the status: nothing tells this apart from others.
        super(Reason.NOT_FOUND, "There is no such person in your firm.", null);
    }
}
