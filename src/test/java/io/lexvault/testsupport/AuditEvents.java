package io.lexvault.testsupport;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.AuditRecord;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts events in a firm's audit log the way the application does: each in its own transaction with
 * the firm bound, then (where asked) sequenced into leaves and a checkpoint. {@link FirmTest} builds
 * one for its subclasses.
 */
public final class AuditEvents {

    private final AuditLedger ledger;
    private final AuditSequencer sequencer;
    private final TransactionTemplate transactions;

    public AuditEvents(AuditLedger ledger, AuditSequencer sequencer, TransactionTemplate transactions) {
        this.ledger = ledger;
        this.sequencer = sequencer;
        this.transactions = transactions;
    }

    /** Appends the record in the firm's context; it stays pending until sequenced. */
    public void append(TenantId firm, AuditRecord record) {
        TenantContext.runAs(firm, null, () -> transactions.executeWithoutResult(status -> ledger.append(record)));
    }

    /** A system event {@code matter.changed} with detail {@code n}, left pending. */
    public void appendNumbered(TenantId firm, String n) {
        append(firm, AuditRecord.bySystem(AuditAction.MATTER_CHANGED, Instant.now(), Map.of("n", n)));
    }

    /** {@code count} numbered events (0, 1, …), then sequenced, so the log's size grows by {@code count}. */
    public void appendSequenced(TenantId firm, int count) {
        for (int i = 0; i < count; i++) {
            appendNumbered(firm, "" + i);
        }
        sequencer.sequencePending();
    }

    /**
     * {@code count} numbered events (0, 1, …) dated by the clock, each sequenced (and so checkpointed)
     * on its own as soon as it is appended.
     */
    public void appendEachSequenced(TenantId firm, int count, InstantSource clock) {
        for (int i = 0; i < count; i++) {
            append(firm, AuditRecord.bySystem(AuditAction.MATTER_CHANGED, clock.instant(), Map.of("n", "" + i)));
            sequencer.sequencePending();
        }
    }

    /** As {@link #appendEachSequenced(TenantId, int, InstantSource)}, dated now. */
    public void appendEachSequenced(TenantId firm, int count) {
        appendEachSequenced(firm, count, InstantSource.system());
    }
}
