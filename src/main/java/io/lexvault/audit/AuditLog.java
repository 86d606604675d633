package io.lexvault.audit;

import io.lexvault.audit.internal.AuditLeaves;
import io.lexvault.tenancy.TenantContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the bound firm's log as a verifier needs it: its leaves in order, its latest signed
 * checkpoint, and proofs that a leaf is in a tree or that one tree extends another.
 */
@Component
public class AuditLog {

    /**
     * One leaf as the API hands it out: the canonical JSON that was hashed, and the hash.
     *
     * @param leaf null when the event's data is gone: expired by retention ({@code expired}), or
     *     deleted by someone (not expired: tampering, which {@code lexvault audit verify} names); null
     *     too when it is {@code withheld}
     * @param expired the leaf lies in a recorded expired range (see {@link AuditRetention})
     * @param withheld the event is about a matter or client an ethical wall screens the reader from:
     *     its hash still counts in the tree, its content is not theirs to read ({@link WallScreening})
     * @param matterId the matter the event is about, if any (for recording who looked at it)
     * @param clientId the client the event is about, if any
     */
    public record Entry(
            long index,
            byte @Nullable [] leaf,
            byte[] leafHash,
            boolean expired,
            boolean withheld,
            @Nullable UUID matterId,
            @Nullable UUID clientId) {}

    /** The latest checkpoint as it was signed. */
    public record Checkpoint(long treeSize, byte[] rootHash, String note) {}

    private final JdbcClient jdbc;
    private final AuditLeaves leaves;

    AuditLog(JdbcClient jdbc, AuditLeaves leaves) {
        this.jdbc = jdbc;
        this.leaves = leaves;
    }

    @Transactional(readOnly = true)
    public Optional<Checkpoint> latestCheckpoint() {
        return jdbc.sql("""
                        SELECT tree_size, root_hash, note FROM lexvault.audit_checkpoints
                         WHERE tenant_id = :tenant ORDER BY tree_size DESC LIMIT 1
                        """)
                .param("tenant", tenant())
                .query((row, n) ->
                        new Checkpoint(row.getLong("tree_size"), row.getBytes("root_hash"), row.getString("note")))
                .optional();
    }

    /** How many leaves the bound firm's log has now (leaves are numbered without gaps from 0). */
    @Transactional(readOnly = true)
    public long size() {
        return jdbc.sql("""
                        SELECT coalesce(max(leaf_index) + 1, 0) FROM lexvault.audit_leaves WHERE tenant_id = :tenant
                        """).param("tenant", tenant()).query(Long.class).single();
    }

    /**
     * Leaves {@code from} (inclusive) onwards, at most {@code limit} of them, in leaf order, as the
     * acting user may read them: the content of an event about a matter or client a wall screens them
     * from is withheld, its hash is not (a verifier needs every hash; a hash of a leaf that holds a
     * random event id tells nothing of it).
     */
    @Transactional(readOnly = true)
    public List<Entry> entries(long from, int limit) {
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

    /**
     * The audit path of leaf {@code index} in the tree of the first {@code size} leaves (RFC 6962
     * §2.1.1).
     *
     * @throws IllegalArgumentException unless {@code 0 <= index < size <= the tree's size}
     */
    @Transactional(readOnly = true)
    public List<byte[]> inclusionProof(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("index must be at least 0 and below size.");
        }
        return MerkleTree.inclusionProof(leafHashes(size), index, size);
    }

    /**
     * The proof that the tree of the first {@code to} leaves extends the tree of the first {@code
     * from} (RFC 6962 §2.1.2).
     *
     * @throws IllegalArgumentException unless {@code 0 < from <= to <= the tree's size}
     */
    @Transactional(readOnly = true)
    public List<byte[]> consistencyProof(long from, long to) {
        if (from <= 0 || from > to) {
            throw new IllegalArgumentException("from must be at least 1 and at most to.");
        }
        return MerkleTree.consistencyProof(leafHashes(to), from, to);
    }

    /**
     * The leaf hashes of the first {@code size} leaves of the bound firm's log.
     *
     * @throws IllegalArgumentException if the log has fewer leaves
     */
    private List<byte[]> leafHashes(long size) {
        var hashes = jdbc.sql("""
                        SELECT leaf_hash FROM lexvault.audit_leaves
                         WHERE tenant_id = :tenant AND leaf_index < :size ORDER BY leaf_index
                        """)
                .param("tenant", tenant())
                .param("size", size)
                .query(byte[].class)
                .list();
        if (hashes.size() != size) {
            throw new IllegalArgumentException("The log has only " + hashes.size() + " leaves.");
        }
        return hashes;
    }

    /** Every leaf hash of the bound firm's log. */
    public List<byte[]> allLeafHashes() {
        return jdbc.sql("SELECT leaf_hash FROM lexvault.audit_leaves WHERE tenant_id = :tenant ORDER BY leaf_index")
                .param("tenant", tenant())
                .query(byte[].class)
                .list();
    }

    private static UUID tenant() {
        return TenantContext.requireTenant().value();
    }
}
