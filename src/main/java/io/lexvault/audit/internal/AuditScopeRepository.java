package io.lexvault.audit.internal;

import io.lexvault.audit.internal.AuditScopes.Scope;
import io.lexvault.tenancy.TenantContext;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bound firm's events as {@link AuditScopes} looks an id's matter and client up in them. */
@Repository
class AuditScopeRepository {

    private final JdbcClient jdbc;

    AuditScopeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Three indexed look-ups (V1_021, V1_036), the first that answers wins. */
    Optional<Scope> scopeOf(UUID id) {
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
                .optional();
    }
}
