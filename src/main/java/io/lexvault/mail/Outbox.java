package io.lexvault.mail;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues e-mail for the bound firm in the caller's transaction: it is sent only if that transaction
 * commits, and retried until the mail server takes it.
 */
@Service
public class Outbox {

    private final OutboxRepository rows;
    private final Clock clock;

    Outbox(OutboxRepository rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    /**
     * Queues a message to an address that belongs to no firm yet (a sign-up confirmation). Anything
     * about an existing firm or account goes through {@link #enqueue} instead.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueueWithoutFirm(String recipient, String subject, String body) {
        var id = UUID.randomUUID();
        rows.insertWithoutFirm(id, recipient, subject, body, clock.instant());
        return id;
    }

    /** Queues a plain-text message; returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(String recipient, String subject, String body) {
        var id = UUID.randomUUID();
        rows.insertForBoundFirm(id, recipient, subject, body, clock.instant());
        return id;
    }
}
