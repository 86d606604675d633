package io.lexvault.audit;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.web.RequestIds;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The audit events as {@link AuditLedger} appends them: the server's own log and each firm's. */
@Repository
class AuditEventRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditEventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertServerEvent(UUID id, AuditRecord record) {
        jdbc.sql("""
                        INSERT INTO lexvault.audit_server_events (id, occurred_at, action, outcome, source_ip, user_agent, details)
                        VALUES (:id, :at, :action, :outcome, :ip, :agent, CAST(:details AS jsonb))
                        """)
                .param("id", id)
                .param("at", Timestamp.from(record.occurredAt()))
                .param("action", record.action().key())
                .param("outcome", record.outcome().key())
                .param("ip", record.sourceIp())
                .param("agent", record.userAgent())
                .param("details", json.writeValueAsString(record.details()))
                .update();
    }

    void insertForBoundFirm(UUID id, AuditRecord record) {
        // The event and its queue row for its place in the Merkle log (ADR 0003), in one statement:
        // one round trip less in every audited action's transaction (docs/benchmarks.md).
        jdbc.sql("""
                        WITH event AS (
                            INSERT INTO lexvault.audit_events (tenant_id, id, occurred_at, actor_type, actor_id, action, outcome,
                                                               target_type, target_id, matter_id, scope_matter_id, client_id,
                                                               source_ip, user_agent, request_id, details)
                            VALUES (:tenant, :id, :at, :actorType, :actorId, :action, :outcome,
                                    :targetType, :targetId, :matterId, :matterId, :clientId,
                                    :ip, :agent, :requestId, CAST(:details AS jsonb))
                            RETURNING tenant_id, id)
                        INSERT INTO lexvault.audit_queue (tenant_id, event_id) SELECT tenant_id, id FROM event
                        """)
                .param("tenant", TenantContext.requireTenant().value())
                .param("id", id)
                .param("at", Timestamp.from(record.occurredAt()))
                .param("actorType", record.actor().type())
                .param("actorId", record.actor().id())
                .param("action", record.action().key())
                .param("outcome", record.outcome().key())
                .param("targetType", record.targetType())
                .param("targetId", record.targetId())
                .param("matterId", record.matterId())
                // What the event is about, for ethical walls (V1_036); not part of the Merkle leaf.
                .param("clientId", record.clientId())
                .param("ip", record.sourceIp())
                .param("agent", record.userAgent())
                // The request that did it, to tie the event to logs and to what the user saw.
                .param("requestId", RequestIds.current())
                .param("details", json.writeValueAsString(record.details()))
                .update();
    }
}
