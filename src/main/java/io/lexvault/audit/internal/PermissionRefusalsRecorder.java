package io.lexvault.audit.internal;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.web.PermissionRefused;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes every 403 a signed-in caller got into their firm's log: which permission they lacked and
 * for which path. A pattern of refusals is often the first sign of an account in the wrong hands.
 */
@Component
class PermissionRefusalsRecorder {

    private final RequestAudit audit;

    PermissionRefusalsRecorder(RequestAudit audit) {
        this.audit = audit;
    }

    @EventListener
    void record(PermissionRefused refusal) {
        audit.denied(
                AuditAction.PERMISSION_DENIED,
                Map.of("permission", refusal.permission(), "method", refusal.method(), "path", refusal.path()));
    }
}
