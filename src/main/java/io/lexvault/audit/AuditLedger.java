package io.lexvault.audit;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends events to the bound firm's audit log, in the caller's transaction (it must have one):
 * the action and its event commit together or not at all, so an action that cannot be audited does
 * not happen.
 */
@Service
public class AuditLedger {

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLedger(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * Appends an event that belongs to no firm (what an anonymous visitor did: a sign-in with an
     * unknown address, throttling) to the server's own log.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID appendWithoutFirm(AuditRecord record) {
        var id = EventIds.next(clock);
        events.insertServerEvent(id, record);
        return id;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public UUID append(AuditRecord record) {
        var id = EventIds.next(clock);
        append(id, record);
        return id;
    }

    /**
     * Appends an event whose id the caller chose beforehand: retention records an expiry under the
     * id of the event that reports it, in the same transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void append(UUID id, AuditRecord record) {
        events.insertForBoundFirm(id, record);
    }
}
