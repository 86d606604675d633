package io.lexvault.audit;

import io.lexvault.audit.internal.MerkleTree;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
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

    private final AuditLogRepository rows;

    AuditLog(AuditLogRepository rows) {
        this.rows = rows;
    }

    @Transactional(readOnly = true)
    public Optional<Checkpoint> latestCheckpoint() {
        return rows.latestCheckpoint();
    }

    /** How many leaves the bound firm's log has now (leaves are numbered without gaps from 0). */
    @Transactional(readOnly = true)
    public long size() {
        return rows.size();
    }

    /**
     * Leaves {@code from} (inclusive) onwards, at most {@code limit} of them, in leaf order, as the
     * acting user may read them: the content of an event about a matter or client a wall screens them
     * from is withheld, its hash is not (a verifier needs every hash; a hash of a leaf that holds a
     * random event id tells nothing of it).
     */
    @Transactional(readOnly = true)
    public List<Entry> entries(long from, int limit) {
        return rows.entries(from, limit);
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
        var hashes = rows.leafHashes(size);
        if (hashes.size() != size) {
            throw new IllegalArgumentException("The log has only " + hashes.size() + " leaves.");
        }
        return hashes;
    }

    /** Every leaf hash of the bound firm's log. */
    public List<byte[]> allLeafHashes() {
        return rows.allLeafHashes();
    }
}
