package io.lexvault.audit.internal;

import io.lexvault.tenancy.TenantContext;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The matter and client an id belongs to, as the bound firm's own log knows it, for events that name
 * an object without coming from the module that owns it: a view or an export of the log filtered to
 * one matter or object. Such an event is recorded with that matter and client, so
 * that the audit views hide it from the people a wall around them screens, as they hide the events
 * about the object itself (docs/security.md §1).
 *
 * <p>Every matter, client, document, party, wall and conflict report enters the log with an event that
 * names its matter and client (its opening, creation or upload), so the log answers for every one of
 * them, including those a wall hides from the caller and those deleted since, without the audit module
 * reading another module's tables. An id of anything else (a person, a role) belongs to nothing.
 */
@Component
public class AuditScopes {

    /** What an event is about: a matter and its client, a client alone, or nothing. */
    public record Scope(@Nullable UUID matter, @Nullable UUID client) {
        public static final Scope NONE = new Scope(null, null);
    }

    private final JdbcClient jdbc;

    AuditScopes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the id belongs to: the matter it is (with its client), the client it is, or the object's. */
    @Transactional(readOnly = true)
    public Scope of(@Nullable UUID id) {
        if (id == null) {
            return Scope.NONE;
        }
        // Three indexed look-ups (V1_021, V1_036), the first that answers wins: a matter's own id names
        // it and its client; a client's names the client alone; any other object's id, its events' scope.
        return jdbc.sql("""
                        SELECT matter, client FROM (
                            (SELECT e.scope_matter_id AS matter, e.client_id AS client, 1 AS rank
                               FROM lexvault.audit_events e
                              WHERE e.tenant_id = :tenant AND e.scope_matter_id = :id AND e.client_id IS NOT NULL
                              LIMIT 1)
                            UNION ALL
                            (SELECT NULL::uuid, e.client_id, 2
                               FROM lexvault.audit_events e
                              WHERE e.tenant_id = :tenant AND e.client_id = :id
                              LIMIT 1)
                            UNION ALL
                            (SELECT e.scope_matter_id, e.client_id, 3
                               FROM lexvault.audit_events e
                              WHERE e.tenant_id = :tenant AND e.target_id = :id AND e.client_id IS NOT NULL
                              LIMIT 1)) s
                         ORDER BY rank LIMIT 1
                        """)
                .param("tenant", TenantContext.requireTenant().value())
                .param("id", id)
                .query((row, n) -> new Scope(row.getObject("matter", UUID.class), row.getObject("client", UUID.class)))
                .optional()
                .orElse(Scope.NONE);
    }
}
