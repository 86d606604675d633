package io.lexvault.audit;

import io.lexvault.audit.internal.AuditLeaves;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.audit.internal.ExpiredRanges;
import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark only (AuditVerificationBenchmark): {@link AuditVerifier} as it was before it read the log
 * by binary COPY (issue 14), kept to time both in the same run: one query joining every leaf to its
 * event, streamed through JDBC, each leaf rebuilt from the row ({@link AuditLeaves#of}) and hashed in
 * the same thread. Its javadoc as it was:
 *
 * <p>Checks a firm's log from the database up: every leaf is its event's canonical JSON (or lies in a
 * recorded range whose data retention expired, and the ranges hold up), the leaves
 * are numbered without gaps, every stored checkpoint carries a valid signature and the root of the
 * leaves it names, every event is in the log or waiting for it, and a checkpoint kept outside the
 * system (exported earlier) still describes a prefix of the log. Whoever rewrites, deletes,
 * reorders or truncates rows, or resets the database to an older state, cannot sign a checkpoint
 * to match without the root key.
 */
class RowByRowAuditVerifier {

    /** What verification found; the first problem names the first bad leaf. */
    public record Report(TenantId firm, long leaves, int checkpoints, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** @param outside kept outside the system (not one of the stored, which confirm prefixes one by one) */
    private record StoredCheckpoint(long size, byte[] root, String note, boolean outside) {}

    private final JdbcClient jdbc;
    private final AuditVerificationRepository rows;
    private final AuditLogRepository log;
    private final TransactionTemplate snapshot;
    private final AuditLeaves leaves;
    private final ServerSigningKeys signingKeys;
    private final ExpiredRanges expiredRanges;

    RowByRowAuditVerifier(
            JdbcClient jdbc,
            AuditVerificationRepository rows,
            AuditLogRepository log,
            PlatformTransactionManager transactions,
            AuditLeaves leaves,
            ServerSigningKeys signingKeys,
            ExpiredRanges expiredRanges) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.log = log;
        // One snapshot for the whole walk, so events written meanwhile cannot look like tampering.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        this.leaves = leaves;
        this.signingKeys = signingKeys;
        this.expiredRanges = expiredRanges;
    }

    /** The firms that have a log (leaves or checkpoints). */
    public List<TenantId> firmsWithLog() {
        var firms = snapshot.execute(status -> log.firmsWithLog());
        return firms == null ? List.of() : firms.stream().map(TenantId::new).toList();
    }

    /** The firm a checkpoint names in its origin line, if it is one of this server's. */
    public Optional<TenantId> firmOf(String note) {
        return signed(note).flatMap(signed -> {
            String prefix = signed.keyName() + "/";
            if (!signed.checkpoint().origin().startsWith(prefix)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new TenantId(
                        UUID.fromString(signed.checkpoint().origin().substring(prefix.length()))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Verifies one firm's log, and that it extends {@code outside} when given (a checkpoint note
     * exported earlier).
     */
    public Report verify(TenantId firm, @Nullable String outside) {
        return TenantContext.callAs(firm, null, () -> snapshot.execute(status -> verifyBound(firm, outside)));
    }

    private Report verifyBound(TenantId firm, @Nullable String outside) {
        var problems = new ArrayList<String>();
        var checkpoints = storedCheckpoints(firm, problems);
        var external = outside == null ? null : external(firm, outside, problems);
        var due = new ArrayDeque<StoredCheckpoint>(checkpoints);
        if (external != null) {
            due.add(new StoredCheckpoint(external.size(), external.root(), "the checkpoint kept outside", true));
            due = sorted(due);
        }
        var tree = new MerkleTree.Accumulator();
        var expired = expiredRanges.of(firm.value());
        var walk = new Walk(tree, due, problems, expired);
        jdbc.sql("""
                        SELECT l.leaf_index, l.leaf_hash, e.* FROM lexvault.audit_leaves l
                          LEFT JOIN lexvault.audit_events e ON e.tenant_id = l.tenant_id AND e.id = l.event_id
                         WHERE l.tenant_id = :tenant ORDER BY l.leaf_index
                        """).param("tenant", firm.value()).withFetchSize(10_000).query(walk::leaf);
        if (!walk.stopped && !walk.due.isEmpty()) {
            var beyond = walk.due.peek();
            problems.add("Leaf " + tree.size() + " is missing: " + beyond.note() + " names " + beyond.size()
                    + " leaves, the log has " + tree.size() + " (truncated, or reset to an older state).");
        }
        long unsequenced = rows.unsequencedEvents(firm);
        if (unsequenced > 0) {
            problems.add(unsequenced + " events are neither in the log nor waiting to be placed in it.");
        }
        // A leaf without its event passed the walk only inside a recorded range: the ranges must hold up.
        problems.addAll(expiredRanges.problems(firm.value(), expired));
        return new Report(firm, tree.size(), checkpoints.size(), List.copyOf(problems));
    }

    /** Walks the leaves in order; stops at the first bad one, which is the one to name. */
    private final class Walk {
        final MerkleTree.Accumulator tree;
        final ArrayDeque<StoredCheckpoint> due;
        final List<String> problems;
        final ExpiredRanges.Recorded expired;
        boolean stopped;
        /** The size of the largest prefix a checkpoint has confirmed so far. */
        long verifiedSize;

        Walk(
                MerkleTree.Accumulator tree,
                ArrayDeque<StoredCheckpoint> due,
                List<String> problems,
                ExpiredRanges.Recorded expired) {
            this.tree = tree;
            this.due = due;
            this.problems = problems;
            this.expired = expired;
        }

        void leaf(ResultSet row) throws SQLException {
            if (stopped) {
                return;
            }
            long index = row.getLong("leaf_index");
            if (index != tree.size()) {
                stop("Leaf " + tree.size() + " is missing (the next stored leaf is " + index + ").");
                return;
            }
            byte[] stored = row.getBytes("leaf_hash");
            if (row.getObject("id") == null) {
                // Retention removes an event's data and keeps its leaf hash, but only inside a recorded
                // range; anywhere else a missing event is a deletion.
                if (!expired.covers(index)) {
                    stop("Leaf " + index + ": its event is missing.");
                    return;
                }
            } else if (!Arrays.equals(MerkleTree.leafHash(leaves.of(row).canonical()), stored)) {
                stop("Leaf " + index + ": the event does not match its leaf hash (the event was changed).");
                return;
            }
            tree.add(stored);
            while (!due.isEmpty() && due.peek().size() == tree.size()) {
                var checkpoint = due.poll();
                if (!Arrays.equals(checkpoint.root(), tree.root())) {
                    // Only the signed roots remember the leaves. The stored checkpoints confirm the
                    // log prefix by prefix, so the first bad leaf lies after the last confirmed one;
                    // a checkpoint from outside confirms nothing before it.
                    long first = checkpoint.outside() ? 0 : verifiedSize;
                    long last = checkpoint.size() - 1;
                    stop("Leaf " + first + (last > first ? " (or a later one up to " + last + ")" : "")
                            + ": the leaves no longer hash to the root of " + checkpoint.note() + " of size "
                            + checkpoint.size() + " (rewritten, deleted or reordered).");
                    return;
                }
                if (!checkpoint.outside()) {
                    verifiedSize = checkpoint.size();
                }
            }
        }

        private void stop(String problem) {
            problems.add(problem);
            stopped = true;
        }
    }

    private List<StoredCheckpoint> storedCheckpoints(TenantId firm, List<String> problems) {
        var stored = rows.checkpoints(firm).stream()
                .map(checkpoint ->
                        new StoredCheckpoint(checkpoint.treeSize(), checkpoint.rootHash(), checkpoint.note(), false))
                .toList();
        var valid = new ArrayList<StoredCheckpoint>();
        for (var checkpoint : stored) {
            var signed = signed(checkpoint.note());
            if (signed.isEmpty()
                    || !signed.get().isOf(firm)
                    || signed.get().checkpoint().size() != checkpoint.size()
                    || !Arrays.equals(signed.get().checkpoint().root(), checkpoint.root())) {
                problems.add("The stored checkpoint of size " + checkpoint.size()
                        + " does not carry a valid signature of this log.");
                continue;
            }
            valid.add(new StoredCheckpoint(checkpoint.size(), checkpoint.root(), "the stored checkpoint", false));
        }
        return valid;
    }

    private CheckpointNotes.@Nullable Checkpoint external(TenantId firm, String note, List<String> problems) {
        var signed = signed(note);
        if (signed.isEmpty()) {
            problems.add("The checkpoint kept outside does not carry a valid signature of this server's audit key.");
            return null;
        }
        if (!signed.get().isOf(firm)) {
            problems.add("The checkpoint kept outside is of another log ("
                    + signed.get().checkpoint().origin() + ").");
            return null;
        }
        return signed.get().checkpoint();
    }

    /** A checkpoint whose signature by this server's key checked, and the key name it was signed under. */
    private record Signed(String keyName, CheckpointNotes.Checkpoint checkpoint) {

        boolean isOf(TenantId firm) {
            return checkpoint.origin().equals(keyName + "/" + firm.value());
        }
    }

    /**
     * Checks the note under the key names its signature lines give, with this server's key. The name
     * follows the public address (host, port and path; before the port and path were part of it, the
     * host alone), and a log outlives a change of address: what makes a checkpoint this server's is
     * its key, not the name, so the verdict never depends on the address this command was started
     * with. The origin must still be the name it was signed under, then the firm.
     */
    private Optional<Signed> signed(String note) {
        byte[] key = signingKeys.forPurpose(AuditSequencer.CHECKPOINT_KEY).publicKey();
        for (String keyName : CheckpointNotes.signerNames(note)) {
            var checkpoint = CheckpointNotes.verify(note, keyName, key);
            if (checkpoint.isPresent() && checkpoint.get().origin().startsWith(keyName + "/")) {
                return Optional.of(new Signed(keyName, checkpoint.get()));
            }
        }
        return Optional.empty();
    }

    private static ArrayDeque<StoredCheckpoint> sorted(ArrayDeque<StoredCheckpoint> checkpoints) {
        var list = new ArrayList<>(checkpoints);
        list.sort(java.util.Comparator.comparingLong(StoredCheckpoint::size));
        return new ArrayDeque<>(list);
    }
}
