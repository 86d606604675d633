package io.lexvault.audit;

import io.lexvault.audit.AuditLog.Checkpoint;
import io.lexvault.tenancy.TenantId;
import java.util.List;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A firm's log as {@link AuditVerifier} walks it, read from the database up. */
@Repository
class AuditVerificationRepository {

    private final JdbcClient jdbc;

    AuditVerificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Hands every leaf with its event (none if the event row is gone) to {@code leaf}, in leaf order. */
    void walkLeaves(TenantId firm, RowCallbackHandler leaf) {
        jdbc.sql("""
                        SELECT l.leaf_index, l.leaf_hash, e.* FROM lexvault.audit_leaves l
                          LEFT JOIN lexvault.audit_events e ON e.tenant_id = l.tenant_id AND e.id = l.event_id
                         WHERE l.tenant_id = :tenant ORDER BY l.leaf_index
                        """)
                .param("tenant", firm.value())
                .withFetchSize(10_000) // streamed: a log of millions of leaves is read in constant memory
                .query(leaf);
    }

    /** Events neither in the log nor waiting in the queue for it. */
    long unsequencedEvents(TenantId firm) {
        return jdbc.sql("""
                        SELECT count(*) FROM lexvault.audit_events e
                         WHERE e.tenant_id = :tenant
                           AND NOT EXISTS (SELECT 1 FROM lexvault.audit_leaves l WHERE l.tenant_id = e.tenant_id AND l.event_id = e.id)
                           AND NOT EXISTS (SELECT 1 FROM lexvault.audit_queue q WHERE q.tenant_id = e.tenant_id AND q.event_id = e.id)
                        """).param("tenant", firm.value()).query(Long.class).single();
    }

    /** The firm's stored checkpoints, smallest tree first. */
    List<Checkpoint> checkpoints(TenantId firm) {
        return jdbc.sql("""
                        SELECT tree_size, root_hash, note FROM lexvault.audit_checkpoints
                         WHERE tenant_id = :tenant ORDER BY tree_size
                        """)
                .param("tenant", firm.value())
                .query((row, n) ->
                        new Checkpoint(row.getLong("tree_size"), row.getBytes("root_hash"), row.getString("note")))
                .list();
    }
}
