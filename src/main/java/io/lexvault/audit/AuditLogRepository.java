package io.lexvault.audit;

import io.lexvault.audit.AuditLog.Checkpoint;
import io.lexvault.audit.AuditLog.Entry;
import io.lexvault.audit.internal.AuditLeaves;
import io.lexvault.tenancy.TenantContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The bound firm's Merkle log as {@link AuditLog} reads it: leaves, their events and checkpoints. */
@Repository
class AuditLogRepository {

    private final JdbcClient jdbc;
    private final AuditLeaves leaves;

    AuditLogRepository(JdbcClient jdbc, AuditLeaves leaves) {
        this.jdbc = jdbc;
        this.leaves = leaves;
    }

    /** The firms that have a log (leaves or checkpoints), across firms: a named tenant-less path. */
    List<UUID> firmsWithLog() {
        return jdbc.sql("SELECT lexvault.firms_with_audit_log()")
                .query(UUID.class)
                .list();
    }

    Optional<Checkpoint> latestCheckpoint() {
        return jdbc.sql("""
                        SELECT tree_size, root_hash, note FROM lexvault.audit_checkpoints
                         WHERE tenant_id = :tenant ORDER BY tree_size DESC LIMIT 1
                        """)
                .param("tenant", tenant())
                .query((row, n) ->
                        new Checkpoint(row.getLong("tree_size"), row.getBytes("root_hash"), row.getString("note")))
                .optional();
    }

    long size() {
        return jdbc.sql("""
                        SELECT coalesce(max(leaf_index) + 1, 0) FROM lexvault.audit_leaves WHERE tenant_id = :tenant
                        """).param("tenant", tenant()).query(Long.class).single();
    }

    /** Leaves {@code from} onwards, at most {@code limit}, content withheld where a wall screens the reader. */
    List<Entry> entries(long from, int limit) {
        return jdbc.sql("""
                        SELECT l.leaf_index, l.leaf_hash, e.*,
                               EXISTS (SELECT 1 FROM lexvault.audit_expired_ranges r
                                        WHERE r.tenant_id = l.tenant_id
                                          AND l.leaf_index BETWEEN r.first_leaf AND r.last_leaf) AS expired,
                               %s AS withheld
                          FROM lexvault.audit_leaves l
                          LEFT JOIN lexvault.audit_events e ON e.tenant_id = l.tenant_id AND e.id = l.event_id
                         CROSS JOIN %s screened
                         WHERE l.tenant_id = :tenant AND l.leaf_index >= :from
                         ORDER BY l.leaf_index LIMIT :limit
                        """.formatted(WallScreening.HIDES_EVENT, WallScreening.SCREENED_LISTS))
                .param("tenant", tenant())
                .param("from", from)
                .param("limit", limit)
                .query((row, n) -> {
                    boolean withheld = row.getBoolean("withheld");
                    return new Entry(
                            row.getLong("leaf_index"),
                            row.getObject("id") == null || withheld
                                    ? null
                                    : leaves.of(row).canonical(),
                            row.getBytes("leaf_hash"),
                            row.getBoolean("expired"),
                            withheld,
                            row.getObject("scope_matter_id", UUID.class),
                            row.getObject("client_id", UUID.class));
                })
                .list();
    }

    /** The leaf hashes of the first {@code size} leaves (fewer if the log is shorter). */
    List<byte[]> leafHashes(long size) {
        return jdbc.sql("""
                        SELECT leaf_hash FROM lexvault.audit_leaves
                         WHERE tenant_id = :tenant AND leaf_index < :size ORDER BY leaf_index
                        """)
                .param("tenant", tenant())
                .param("size", size)
                .query(byte[].class)
                .list();
    }

    List<byte[]> allLeafHashes() {
        return jdbc.sql("SELECT leaf_hash FROM lexvault.audit_leaves WHERE tenant_id = :tenant ORDER BY leaf_index")
                .param("tenant", tenant())
                .query(byte[].class)
                .list();
    }

    private static UUID tenant() {
        return TenantContext.requireTenant().value();
    }
}
