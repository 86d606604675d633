package io.lexvault.audit;

import io.lexvault.tenancy.TenantContext;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark only (AuditedActionBenchmark): the ledger as it was before the event and its queue row
 * became one statement, the same two rows in two round trips, to measure that change in the same run.
 */
class TwoStatementLedger extends AuditLedger {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TwoStatementLedger(JdbcClient jdbc, JsonMapper json) {
        super(new AuditEventRepository(jdbc, json));
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public UUID append(AuditRecord record) {
        var id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO lexvault.audit_events (tenant_id, id, occurred_at, actor_type, actor_id, action, outcome,
                                                           target_type, target_id, matter_id, source_ip, user_agent, details)
                        VALUES (:tenant, :id, :at, :actorType, :actorId, :action, :outcome,
                                :targetType, :targetId, :matterId, :ip, :agent, CAST(:details AS jsonb))
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
                .param("ip", record.sourceIp())
                .param("agent", record.userAgent())
                .param("details", json.writeValueAsString(record.details()))
                .update();
        jdbc.sql("INSERT INTO lexvault.audit_queue (tenant_id, event_id) VALUES (:tenant, :id)")
                .param("tenant", TenantContext.requireTenant().value())
                .param("id", id)
                .update();
        return id;
    }
}
