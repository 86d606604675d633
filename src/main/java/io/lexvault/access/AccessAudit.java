package io.lexvault.access;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.AuditOutcome;
import io.lexvault.audit.AuditRecord;
import io.lexvault.identity.RequestOrigin;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Audit events of teams, groups and walls, in the action's own transaction; ids only, never names or reasons. */
@Component
class AccessAudit {

    private final AuditLedger ledger;
    private final Callers callers;
    private final Clock clock;

    AccessAudit(AuditLedger ledger, Callers callers, Clock clock) {
        this.ledger = ledger;
        this.callers = callers;
        this.clock = clock;
    }

    void succeeded(
            AuditAction action,
            String targetType,
            UUID targetId,
            @Nullable UUID matterId,
            Map<String, String> details) {
        var origin = RequestOrigin.current();
        ledger.append(new AuditRecord(
                action,
                AuditOutcome.SUCCESS,
                clock.instant(),
                callers.actor(),
                targetType,
                targetId,
                matterId,
                origin.address(),
                origin.userAgent(),
                details));
    }
}
