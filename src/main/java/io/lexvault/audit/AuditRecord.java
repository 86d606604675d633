package io.lexvault.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event as a module hands it to the ledger. Ids only (names are resolved when the log is
 * shown), short machine-readable details, never content or secrets.
 *
 * <p>{@code matterId} and {@code clientId} say what the event is about, for ethical walls: the audit
 * views hide an event from everyone a wall around its matter or its client screens, and they look at
 * these two ids only, never into {@code details} (docs/security.md §1). So every event about a
 * matter, or about anything in one (a document, a party, a team, a wall, a conflict report), names the
 * matter and its client; an event about a client itself (or a client-wide wall) names the client.
 */
public record AuditRecord(
        AuditAction action,
        AuditOutcome outcome,
        Instant occurredAt,
        Actor actor,
        @Nullable String targetType,
        @Nullable UUID targetId,
        @Nullable UUID matterId,
        @Nullable UUID clientId,
        @Nullable String sourceIp,
        @Nullable String userAgent,
        Map<String, String> details) {

    public AuditRecord {
        details = Map.copyOf(details);
        // Every recorder of a matter's event knows the matter's client: one that leaves it out has not
        // thought about client-wide walls, and is refused here rather than found by a reader later.
        if (matterId != null && clientId == null) {
            throw new IllegalArgumentException(action.key() + " names a matter but not its client");
        }
    }

    /** A successful action of LexVault itself (a scheduled job, retention), with no target or request. */
    public static AuditRecord bySystem(AuditAction action, Instant occurredAt, Map<String, String> details) {
        return new AuditRecord(
                action, AuditOutcome.SUCCESS, occurredAt, Actor.SYSTEM, null, null, null, null, null, null, details);
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
