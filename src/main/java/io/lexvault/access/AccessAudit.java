package io.lexvault.access;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Audit events of teams, groups and walls, in the action's own transaction; ids only, never names or
 * reasons. An event about a matter's team or a wall names the matter and its client, or the client of
 * a client-wide wall, so that the audit views hide it from those the wall screens.
 */
@Component
class AccessAudit {

    private final RequestAudit audit;
    private final Callers callers;

    AccessAudit(RequestAudit audit, Callers callers) {
        this.audit = audit;
        this.callers = callers;
    }

    void succeeded(
            AuditAction action,
            String targetType,
            UUID targetId,
            @Nullable UUID matterId,
            @Nullable UUID clientId,
            Map<String, String> details) {
        audit.succeededInTransaction(callers.actor(), action, targetType, targetId, matterId, clientId, details);
    }
}
