package io.lexvault.audit;

import io.lexvault.identity.ApiKeyAuthentication;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SignedInUser;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what the caller of the current request did, with who they are (the user, or the API key
 * they used) and where they came from filled in. For reads that must leave a trace, such as
 * viewing the audit log itself; an action that cannot be recorded fails.
 */
@Component
public class RequestAudit {

    private final AuditLedger ledger;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RequestAudit(AuditLedger ledger, TransactionTemplate transactions, Clock clock) {
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Records a successful action of the signed-in caller in their firm's log, in a transaction of its own. */
    public void succeeded(
            AuditAction action, @Nullable String targetType, @Nullable UUID targetId, Map<String, String> details) {
        record(action, AuditOutcome.SUCCESS, targetType, targetId, null, null, details);
    }

    /**
     * Records a successful action of the signed-in caller about a matter or client (see {@link
     * AuditRecord} for what to name), in a transaction of its own.
     */
    public void succeeded(
            AuditAction action,
            @Nullable String targetType,
            @Nullable UUID targetId,
            @Nullable UUID matterId,
            @Nullable UUID clientId,
            Map<String, String> details) {
        record(action, AuditOutcome.SUCCESS, targetType, targetId, matterId, clientId, details);
    }

    /**
     * Appends a successful action of {@code actor} to the bound firm's log inside the caller's own
     * transaction (it must have one: the action and its event commit together or not at all), with
     * the time and the request's origin filled in. The usual way for a module to audit a change.
     */
    public void succeededInTransaction(
            AuditRecord.Actor actor,
            AuditAction action,
            @Nullable String targetType,
            @Nullable UUID targetId,
            @Nullable UUID matterId,
            @Nullable UUID clientId,
            Map<String, String> details) {
        var origin = RequestOrigin.current();
        ledger.append(new AuditRecord(
                action,
                AuditOutcome.SUCCESS,
                clock.instant(),
                actor,
                targetType,
                targetId,
                matterId,
                clientId,
                origin.address(),
                origin.userAgent(),
                details));
    }

    /** Records an attempt of the signed-in caller that was refused, in a transaction of its own. */
    public void denied(AuditAction action, Map<String, String> details) {
        record(action, AuditOutcome.DENIED, null, null, null, null, details);
    }

    /** Records a refused attempt on one object of a matter (or the matter itself), naming the matter's client too. */
    public void deniedOn(
            AuditAction action,
            String targetType,
            UUID targetId,
            @Nullable UUID matterId,
            @Nullable UUID clientId,
            Map<String, String> details) {
        record(action, AuditOutcome.DENIED, targetType, targetId, matterId, clientId, details);
    }

    /** Records an attempt on one object that failed (e.g. a download whose content did not verify). */
    public void failedOn(
            AuditAction action,
            String targetType,
            UUID targetId,
            @Nullable UUID matterId,
            @Nullable UUID clientId,
            Map<String, String> details) {
        record(action, AuditOutcome.FAILURE, targetType, targetId, matterId, clientId, details);
    }

    private void record(
            AuditAction action,
            AuditOutcome outcome,
            @Nullable String targetType,
            @Nullable UUID targetId,
            @Nullable UUID matterId,
            @Nullable UUID clientId,
            Map<String, String> details) {
        var origin = RequestOrigin.current();
        var record = new AuditRecord(
                action,
                outcome,
                clock.instant(),
                currentActor(),
                targetType,
                targetId,
                matterId,
                clientId,
                origin.address(),
                origin.userAgent(),
                details);
        transactions.executeWithoutResult(status -> ledger.append(record));
    }

    /**
     * Who is calling in the current request: the user, or the API key they used.
     *
     * @throws IllegalStateException outside a signed-in request
     */
    public AuditRecord.Actor caller() {
        return currentActor();
    }

    private static AuditRecord.Actor currentActor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication byKey) {
            return AuditRecord.Actor.apiKey(byKey.keyId());
        }
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return AuditRecord.Actor.user(user.user());
        }
        throw new IllegalStateException("No signed-in caller to record an action of");
    }
}
