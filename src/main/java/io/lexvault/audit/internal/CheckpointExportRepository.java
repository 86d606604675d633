package io.lexvault.audit.internal;

import io.lexvault.audit.internal.CheckpointUploads.Status;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The copies of each firm's checkpoints to S3 ({@code audit_checkpoint_exports}), as {@link CheckpointUploads} keeps them. */
@Repository
class CheckpointExportRepository {

    record Due(long treeSize, String note, int attempts) {}

    private final JdbcClient jdbc;

    CheckpointExportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void queue(UUID firm, long treeSize, Timestamp now) {
        jdbc.sql("""
                        INSERT INTO lexvault.audit_checkpoint_exports (tenant_id, tree_size, queued_at, next_attempt_at)
                        VALUES (:tenant, :size, :now, :now) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", firm)
                .param("size", treeSize)
                .param("now", now)
                .update();
    }

    /** The firms with copies due, across firms: a named tenant-less path. */
    List<UUID> firmsWithExportsDue(Instant now) {
        return jdbc.sql("SELECT lexvault.firms_with_checkpoint_exports_due(:now)")
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .list();
    }

    /** Claims up to 20 due copies; {@code SKIP LOCKED}, so two nodes never copy the same checkpoint. */
    List<Due> claimDue(UUID firm, Instant now) {
        return jdbc.sql("""
                        SELECT x.tree_size, c.note, x.attempts FROM lexvault.audit_checkpoint_exports x
                          JOIN lexvault.audit_checkpoints c ON c.tenant_id = x.tenant_id AND c.tree_size = x.tree_size
                         WHERE x.tenant_id = :tenant AND x.exported_at IS NULL AND x.next_attempt_at <= :now
                         ORDER BY x.tree_size LIMIT 20 FOR UPDATE OF x SKIP LOCKED
                        """)
                .param("tenant", firm)
                .param("now", Timestamp.from(now))
                .query((row, n) -> new Due(row.getLong("tree_size"), row.getString("note"), row.getInt("attempts")))
                .list();
    }

    void exported(UUID firm, long treeSize, String location, Instant now) {
        jdbc.sql("""
                        UPDATE lexvault.audit_checkpoint_exports
                           SET exported_at = :now, exported_to = :to, attempts = attempts + 1, last_failure = NULL
                         WHERE tenant_id = :tenant AND tree_size = :size
                        """)
                .param("now", Timestamp.from(now))
                .param("to", location)
                .param("tenant", firm)
                .param("size", treeSize)
                .update();
    }

    /** Never due again, but still waiting, so `audit verify` keeps listing it. */
    void neverAgain(UUID firm, long treeSize, String reason) {
        jdbc.sql("""
                        UPDATE lexvault.audit_checkpoint_exports
                           SET attempts = attempts + 1, next_attempt_at = 'infinity', last_failure = :reason
                         WHERE tenant_id = :tenant AND tree_size = :size
                        """)
                .param("reason", reason)
                .param("tenant", firm)
                .param("size", treeSize)
                .update();
    }

    void failed(UUID firm, long treeSize, String reason, Instant next) {
        jdbc.sql("""
                        UPDATE lexvault.audit_checkpoint_exports
                           SET attempts = attempts + 1, next_attempt_at = :next, last_failure = :reason
                         WHERE tenant_id = :tenant AND tree_size = :size
                        """)
                .param("next", Timestamp.from(next))
                .param("reason", reason)
                .param("tenant", firm)
                .param("size", treeSize)
                .update();
    }

    /** Every waiting copy of the firm is due no earlier than {@code next}. */
    void postponeWaiting(UUID firm, Instant next) {
        jdbc.sql("""
                        UPDATE lexvault.audit_checkpoint_exports SET next_attempt_at = :next
                         WHERE tenant_id = :tenant AND exported_at IS NULL AND next_attempt_at < :next
                        """).param("next", Timestamp.from(next)).param("tenant", firm).update();
    }

    Status status(UUID firm) {
        return jdbc.sql("""
                        SELECT max(tree_size) FILTER (WHERE exported_at IS NOT NULL) AS last_exported,
                               count(*) FILTER (WHERE exported_at IS NULL) AS waiting,
                               (SELECT last_failure FROM lexvault.audit_checkpoint_exports f
                                 WHERE f.tenant_id = :tenant AND f.exported_at IS NULL AND f.last_failure IS NOT NULL
                                 ORDER BY f.tree_size DESC LIMIT 1) AS last_failure
                          FROM lexvault.audit_checkpoint_exports WHERE tenant_id = :tenant
                        """)
                .param("tenant", firm)
                .query((row, n) -> new Status(
                        row.getObject("last_exported", Long.class),
                        row.getInt("waiting"),
                        row.getString("last_failure")))
                .single();
    }
}
