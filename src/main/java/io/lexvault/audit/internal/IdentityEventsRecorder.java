package io.lexvault.audit.internal;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.AuditOutcome;
import io.lexvault.audit.AuditRecord;
import io.lexvault.identity.SecurityEvent;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes identity's security events into the firm's audit log: inside the action's own transaction
 * when it has one (synchronous listener: a failure to record fails the action), else in a
 * transaction of its own. Events with no firm (a sign-in with an unknown address) go to the
 * server's own log.
 */
@Component
class IdentityEventsRecorder {

    private final AuditLedger ledger;
    private final TransactionTemplate transactions;
    private final CommitDurability durability;

    IdentityEventsRecorder(AuditLedger ledger, TransactionTemplate transactions, CommitDurability durability) {
        this.ledger = ledger;
        this.transactions = transactions;
        this.durability = durability;
    }

    @EventListener
    void record(SecurityEvent event) {
        var record = new AuditRecord(
                AuditAction.valueOf(event.type().name()),
                outcomeOf(event.type()),
                event.at(),
                event.actor() == null ? AuditRecord.Actor.ANONYMOUS : AuditRecord.Actor.user(event.actor()),
                event.subject() == null ? null : "user",
                event.subject(),
                null,
                null,
                event.origin().address(),
                event.origin().userAgent(),
                event.details());
        if (event.tenant() == null) {
            // Same work as a firm's refusal (a transaction, one insert, no wait for the disk), so
            // that the audit write does not tell a known address from an unknown one.
            transactions.executeWithoutResult(status -> {
                relaxDurability(record);
                ledger.appendWithoutFirm(record);
            });
            return;
        }
        var tenant = new TenantId(event.tenant());
        boolean inItsFirm = TenantContext.current()
                .map(binding -> binding.tenant().equals(tenant))
                .orElse(false);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            if (!inItsFirm) {
                throw new IllegalStateException("A security event of one firm raised inside another's transaction");
            }
            ledger.append(record);
        } else if (inItsFirm) {
            transactions.executeWithoutResult(status -> appendOnItsOwn(record));
        } else {
            TenantContext.runAs(
                    tenant, event.actor(), () -> transactions.executeWithoutResult(status -> appendOnItsOwn(record)));
        }
    }

    /**
     * An event with no action transaction of its own is a refusal or a sign-out. A refused sign-in
     * must not answer more slowly for a known address than for an unknown one (which has no firm log
     * to write to): such a write does not wait for the disk, like the attempt it records.
     */
    private void appendOnItsOwn(AuditRecord record) {
        relaxDurability(record);
        ledger.append(record);
    }

    private void relaxDurability(AuditRecord record) {
        if (record.outcome() != AuditOutcome.SUCCESS) {
            durability.relaxForThisTransaction();
        }
    }

    private static AuditOutcome outcomeOf(SecurityEventType type) {
        return switch (type) {
            case SIGN_IN_FAILED, SECOND_FACTOR_FAILED, ACCOUNT_LOCKED -> AuditOutcome.FAILURE;
            case SIGN_IN_THROTTLED, API_KEY_REFUSED -> AuditOutcome.DENIED;
            default -> AuditOutcome.SUCCESS;
        };
    }
}
