package io.lexvault.matters.clients;

import io.lexvault.web.Refusal;

/** No such client for the caller: another firm's, behind a wall that screens them, or none (answered 404). */
class ClientNotFoundException extends Refusal {

    public ClientNotFoundException() {
        // Answered with the fixed sentence for the status: nothing tells this apart from others.
        super(Reason.NOT_FOUND, "Client not found", null);
    }
}
