package io.lexvault.audit.internal;

import io.lexvault.audit.internal.AuditLeaves.Leaf;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The queue, leaves and checkpoints as {@link AuditSequencer} moves events into the Merkle log. */
@Repository
class AuditSequencerRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final AuditLeaves leaves;

    AuditSequencerRepository(JdbcClient jdbc, JdbcTemplate batches, AuditLeaves leaves) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.leaves = leaves;
    }

    /** The firms with events waiting, across firms: a named tenant-less path. */
    List<UUID> firmsWithUnsequencedEvents() {
        return jdbc.sql("SELECT lexvault.firms_with_unsequenced_events()")
                .query(UUID.class)
                .list();
    }

    /** The firm's sequencing lock, held until the transaction ends: one batch per firm at a time. */
    void lockSequencing(UUID firm) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:firm, 6962))")
                .param("firm", firm.toString())
                .query()
                .singleValue();
    }

    /** Takes the firm's waiting events off the queue, in the order they were queued, as leaves. */
    List<Leaf> takeQueued(UUID firm) {
        return jdbc.sql("""
                        WITH taken AS (DELETE FROM lexvault.audit_queue WHERE tenant_id = :tenant RETURNING event_id, queued)
                        SELECT e.*, taken.queued FROM taken
                          JOIN lexvault.audit_events e ON e.tenant_id = :tenant AND e.id = taken.event_id
                         ORDER BY taken.queued
                        """)
                .param("tenant", firm)
                .query((row, n) -> leaves.of(row))
                .list();
    }

    long nextLeafIndex(UUID firm) {
        return jdbc.sql("SELECT coalesce(max(leaf_index) + 1, 0) FROM lexvault.audit_leaves WHERE tenant_id = :tenant")
                .param("tenant", firm)
                .query(Long.class)
                .single();
    }

    /** Rows of tenant, leaf index, event id, leaf hash and time, in one batch. */
    void insertLeaves(List<Object[]> rows) {
        batches.batchUpdate("""
                INSERT INTO lexvault.audit_leaves (tenant_id, leaf_index, event_id, leaf_hash, sequenced_at)
                VALUES (?, ?, ?, ?, ?)
                """, rows);
    }

    void insertCheckpoint(UUID firm, long size, byte[] root, String note, Timestamp now) {
        jdbc.sql("""
                        INSERT INTO lexvault.audit_checkpoints (tenant_id, tree_size, root_hash, note, signed_at)
                        VALUES (:tenant, :size, :root, :note, :now)
                        """)
                .param("tenant", firm)
                .param("size", size)
                .param("root", root)
                .param("note", note)
                .param("now", now)
                .update();
    }
}
