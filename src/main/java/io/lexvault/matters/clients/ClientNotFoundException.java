package io.lexvault.matters.clients;

/** No such client for the caller: another firm's, behind a wall that screens them, or none (answered 404). */
class ClientNotFoundException extends RuntimeException {

    public ClientNotFoundException() {
        super("Client not found");
    }
}
