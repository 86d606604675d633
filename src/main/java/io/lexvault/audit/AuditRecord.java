package io.lexvault.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event as a module hands it to the ledger. Ids only (names are resolved when the log is
 * shown), short machine-readable details, never content or secrets.
 */
public record AuditRecord(
        AuditAction action,
        AuditOutcome outcome,
        Instant occurredAt,
        Actor actor,
        @Nullable String targetType,
        @Nullable UUID targetId,
        @Nullable UUID matterId,
        @Nullable String sourceIp,
        @Nullable String userAgent,
        Map<String, String> details) {

    public AuditRecord {
        details = Map.copyOf(details);
    }

    /** A successful action of LexVault itself (a scheduled job, retention), with no target or request. */
    public static AuditRecord bySystem(AuditAction action, Instant occurredAt, Map<String, String> details) {
        return new AuditRecord(
                action, AuditOutcome.SUCCESS, occurredAt, Actor.SYSTEM, null, null, null, null, null, details);
    }

    /** Who acted: a user, an API key (its id), the system, or someone not signed in. */
    public record Actor(String type, @Nullable UUID id) {
        public static Actor user(UUID id) {
            return new Actor("user", id);
        }

        public static Actor apiKey(UUID id) {
            return new Actor("api_key", id);
        }

        public static final Actor SYSTEM = new Actor("system", null);
        public static final Actor ANONYMOUS = new Actor("anonymous", null);
    }
}
