package io.lexvault.audit.internal;

import io.lexvault.audit.AuditLog;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.web.PublicAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Places committed audit events in their firm's Merkle log (ADR 0003): one firm at a time, under
 * an advisory lock so that no two nodes number the same firm's leaves at once, in queue order,
 * each leaf the event's canonical JSON (RFC 8785).
 */
@Component
public class AuditSequencer {

    /** The purpose name of the checkpoint signing key in the crypto module. */
    public static final String CHECKPOINT_KEY = "audit-checkpoints";

    private final AuditSequencerRepository rows;
    private final TransactionTemplate transactions;
    private final AuditLeaves leaves;
    private final AuditLog log;
    private final ServerSigningKeys signingKeys;
    private final CheckpointUploads uploads;
    private final String publicUrl;
    private final Clock clock;

    /**
     * Each firm's tree after the last batch this node committed: its compact range, at most 64
     * hashes, so that a batch costs its own leaves, not the whole log.
     */
    private final Map<UUID, MerkleTree.Accumulator> trees = new ConcurrentHashMap<>();

    AuditSequencer(
            AuditSequencerRepository rows,
            TransactionTemplate transactions,
            AuditLeaves leaves,
            AuditLog log,
            ServerSigningKeys signingKeys,
            CheckpointUploads uploads,
            PublicAddress publicAddress,
            Clock clock) {
        this.rows = rows;
        this.transactions = transactions;
        this.leaves = leaves;
        this.log = log;
        this.signingKeys = signingKeys;
        this.uploads = uploads;
        this.publicUrl = publicAddress.publicUrl();
        this.clock = clock;
    }

    /** Sequences every firm's waiting events; returns how many leaves were appended. */
    @Scheduled(
            fixedDelayString = "${lexvault.audit.sequence-interval:PT2S}",
            initialDelayString = "${lexvault.audit.sequence-interval:PT2S}")
    public int sequencePending() {
        var firms = transactions.execute(status -> rows.firmsWithUnsequencedEvents());
        int appended = 0;
        for (UUID firm : firms == null ? List.<UUID>of() : firms) {
            Batch batch = TenantContext.callAs(
                    new TenantId(firm), null, () -> transactions.execute(status -> sequenceBoundFirm(firm)));
            appended += keep(firm, batch);
        }
        return appended;
    }

    /**
     * Sequences the bound firm's waiting events now and signs the grown tree: a checkpoint on
     * demand, without waiting for the schedule. Takes the same lock as the schedule, so the two
     * never sign different trees of one size.
     */
    public int sequenceBoundFirmNow() {
        UUID firm = TenantContext.requireTenant().value();
        return keep(firm, transactions.execute(status -> sequenceBoundFirm(firm)));
    }

    /** What one batch appended, and the firm's tree after it (none when nothing was appended). */
    private record Batch(int leaves, MerkleTree.@Nullable Accumulator tree) {}

    /** After a committed batch: later batches may start from its tree (a larger one stays). */
    private int keep(UUID firm, @Nullable Batch batch) {
        if (batch != null && batch.tree() != null) {
            trees.merge(firm, batch.tree(), (kept, added) -> added.size() >= kept.size() ? added : kept);
        }
        return batch == null ? 0 : batch.leaves();
    }

    private Batch sequenceBoundFirm(UUID firm) {
        rows.lockSequencing(firm);
        var events = rows.takeQueued(firm);
        if (events.isEmpty()) {
            return new Batch(0, null);
        }
        long next = rows.nextLeafIndex(firm);
        var tree = treeBefore(firm, next);
        var now = Timestamp.from(clock.instant());
        var leafRows = new ArrayList<Object[]>(events.size());
        for (var event : events) {
            byte[] hash = MerkleTree.leafHash(event.canonical());
            leafRows.add(new Object[] {firm, next++, event.eventId(), hash, now});
            tree.add(hash);
        }
        // One batch, not a round trip per leaf: the sequencer runs beside the firm's writers
        // (docs/benchmarks.md, audited write action).
        rows.insertLeaves(leafRows);
        signCheckpoint(firm, now, tree);
        return new Batch(events.size(), tree);
    }

    /**
     * The firm's tree of its first {@code size} leaves, to add the batch's leaves to: the one this
     * node kept after its last batch when it has that size (leaves never change, so it is still the
     * log's), else rebuilt from every stored leaf hash (after a restart, or another node's batch).
     * Without it, every batch would rehash the whole log: seconds for a million leaves.
     */
    private MerkleTree.Accumulator treeBefore(UUID firm, long size) {
        var kept = trees.get(firm);
        if (kept != null && kept.size() == size) {
            return kept.copy();
        }
        var tree = new MerkleTree.Accumulator();
        for (byte[] hash : log.allLeafHashes()) {
            tree.add(hash);
        }
        return tree;
    }

    /**
     * Signs the firm's tree as it now stands. Under the sequencer's lock and only ever for a larger
     * tree than the last, so no two checkpoints can disagree about history.
     */
    private void signCheckpoint(UUID firm, Timestamp now, MerkleTree.Accumulator tree) {
        byte[] root = tree.root();
        String body = CheckpointNotes.body(CheckpointNotes.origin(publicUrl, firm), tree.size(), root);
        String note =
                CheckpointNotes.sign(body, CheckpointNotes.keyName(publicUrl), signingKeys.forPurpose(CHECKPOINT_KEY));
        rows.insertCheckpoint(firm, tree.size(), root, note, now);
        if (uploads.automatic()) {
            // Only queued here: the copy happens after commit, so a store that is down never holds
            // up the log.
            uploads.queue(firm, tree.size(), now);
        }
    }
}
