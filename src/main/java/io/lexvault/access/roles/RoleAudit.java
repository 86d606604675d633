package io.lexvault.access.roles;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditRecord;
import io.lexvault.audit.RequestAudit;
import io.lexvault.identity.UserId;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Writes role changes to the firm's audit log in the transaction that makes them, so a change that
 * cannot be recorded is not made. Details hold keys and ids only: a role's key and permission keys,
 * never its title or description (names are looked up when the log is shown).
 */
@Component
class RoleAudit {

    private final RequestAudit audit;

    RoleAudit(RequestAudit audit) {
        this.audit = audit;
    }

    /** {@code role.created}, {@code role.changed} or {@code role.deleted}, about the role itself. */
    void roleEvent(AuditAction action, AuditRecord.Actor actor, String role, Map<String, String> details) {
        append(action, actor, null, withRole(role, details));
    }

    /** {@code role.assigned} or {@code role.removed}, about the user who got or lost it. */
    void assignmentEvent(
            AuditAction action, AuditRecord.Actor actor, UserId user, String role, Map<String, String> details) {
        append(action, actor, user, withRole(role, details));
    }

    private void append(
            AuditAction action, AuditRecord.Actor actor, @Nullable UserId user, Map<String, String> details) {
        audit.succeededInTransaction(
                actor, action, user == null ? "role" : "user", user == null ? null : user.value(), null, null, details);
    }

    private static Map<String, String> withRole(String role, Map<String, String> details) {
        var all = new TreeMap<>(details);
        all.put("role", role);
        return all;
    }
}
