package io.lexvault.audit;

import io.lexvault.audit.AuditLog.Checkpoint;
import io.lexvault.audit.internal.EventMatching;
import io.lexvault.audit.internal.LeafWindow;
import io.lexvault.tenancy.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A firm's log as {@link AuditVerifier} walks it, read from the database up. */
@Repository
class AuditVerificationRepository {

    /** Reads what a binary {@code COPY} sends. */
    @FunctionalInterface
    interface CopyReader {
        void read(InputStream copy) throws IOException;
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate connections;

    AuditVerificationRepository(JdbcClient jdbc, JdbcTemplate connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /**
     * The bound firm's leaves from index {@code from} on, at most {@code limit}, in index order
     * ({@link LeafWindow#COLUMNS}). A {@code COPY} takes no parameters: the firm is the bound one
     * (the tenant context, as its row-level security has it) and the two numbers are Java longs.
     */
    void copyLeaves(long from, int limit, CopyReader reader) {
        copy(
                "COPY (SELECT " + LeafWindow.COLUMNS + " FROM lexvault.audit_leaves"
                        + " WHERE tenant_id = (SELECT lexvault.current_tenant_id()) AND leaf_index >= " + from
                        + " ORDER BY leaf_index LIMIT " + limit + ") TO STDOUT (FORMAT binary)",
                reader);
    }

    /**
     * Every event of the bound firm ({@link EventMatching#COLUMNS}) in the order the table stores
     * them: a sequential scan, no join with the leaves (the verifier pairs them by event id itself).
     */
    void copyEvents(CopyReader reader) {
        copy(
                "COPY (SELECT " + EventMatching.COLUMNS + " FROM lexvault.audit_events"
                        + " WHERE tenant_id = (SELECT lexvault.current_tenant_id())) TO STDOUT (FORMAT binary)",
                reader);
    }

    private void copy(String sql, CopyReader reader) {
        connections.execute((ConnectionCallback<Void>) connection -> {
            try (var copy = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql)) {
                reader.read(copy);
                byte[] rest = new byte[8192];
                while (copy.read(rest) >= 0) {
                    // the end of the COPY, so that the connection is ready for the next statement
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
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
