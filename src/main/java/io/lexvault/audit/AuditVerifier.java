package io.lexvault.audit;

import io.lexvault.audit.internal.AuditLeaves;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.audit.internal.EventMatching;
import io.lexvault.audit.internal.ExpiredRanges;
import io.lexvault.audit.internal.LeafWindow;
import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks a firm's log from the database up: every leaf is its event's canonical JSON (or lies in a
 * recorded range whose data retention expired, and the ranges hold up), the leaves
 * are numbered without gaps, every stored checkpoint carries a valid signature and the root of the
 * leaves it names, every event is in the log or waiting for it, and a checkpoint kept outside the
 * system (exported earlier) still describes a prefix of the log. Whoever rewrites, deletes,
 * reorders or truncates rows, or resets the database to an older state, cannot sign a checkpoint
 * to match without the root key.
 */
@Component
public class AuditVerifier {

    /** What verification found; the first problem names the first bad leaf. */
    public record Report(TenantId firm, long leaves, int checkpoints, List<String> problems) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /** @param outside kept outside the system (not one of the stored, which confirm prefixes one by one) */
    private record StoredCheckpoint(long size, byte[] root, String note, boolean outside) {}

    private final AuditVerificationRepository rows;
    private final AuditLogRepository log;
    private final TransactionTemplate snapshot;
    private final AuditLeaves leaves;
    private final ServerSigningKeys signingKeys;
    private final ExpiredRanges expiredRanges;

    AuditVerifier(
            AuditVerificationRepository rows,
            AuditLogRepository log,
            PlatformTransactionManager transactions,
            AuditLeaves leaves,
            ServerSigningKeys signingKeys,
            ExpiredRanges expiredRanges) {
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
        // Checking a thousand signatures costs about as much as hashing a million leaves: done on a
        // thread of its own while the log is read.
        byte[] key = publicKey();
        var stored = rows.checkpoints(firm);
        var checking = new FutureTask<>(() -> storedCheckpoints(firm, stored, key));
        Thread.ofPlatform().name("audit-verify-signatures").daemon(true).start(checking);
        var tree = new MerkleTree.Accumulator();
        var expired = expiredRanges.of(firm.value());
        Walk walk = null;
        int checkpoints = 0;
        int window = windowSize();
        for (long from = 0; walk == null || !walk.stopped; ) {
            var leafWindow = leafWindow(from, window);
            if (leafWindow.count() > 0) {
                rows.copyEvents(copy -> EventMatching.match(leaves, leafWindow, copy));
            }
            if (walk == null) {
                var checked = join(checking);
                problems.addAll(checked.problems());
                checkpoints = checked.valid().size();
                var due = new ArrayDeque<StoredCheckpoint>(checked.valid());
                var external = outside == null ? null : external(firm, outside, problems, key);
                if (external != null) {
                    due.add(new StoredCheckpoint(
                            external.size(), external.root(), "the checkpoint kept outside", true));
                    due = sorted(due);
                }
                walk = new Walk(tree, due, problems, expired);
            }
            for (int i = 0; i < leafWindow.count() && !walk.stopped; i++) {
                walk.leaf(leafWindow, i);
            }
            if (!walk.stopped && leafWindow.afterGap() >= 0) {
                walk.stop(
                        "Leaf " + tree.size() + " is missing (the next stored leaf is " + leafWindow.afterGap() + ").");
            }
            if (leafWindow.count() < window) {
                break;
            }
            from += leafWindow.count();
        }
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
        return new Report(firm, tree.size(), checkpoints, List.copyOf(problems));
    }

    private LeafWindow leafWindow(long from, int size) {
        LeafWindow[] read = {null};
        rows.copyLeaves(from, size, copy -> read[0] = LeafWindow.read(copy, from));
        return java.util.Objects.requireNonNull(read[0]);
    }

    /**
     * How many leaves to check per pass over the events: about 64 bytes each are held, and a quarter
     * of the heap is theirs. A log larger than that is checked in several passes, each reading every
     * event once more (and skipping those of other passes).
     */
    private static int windowSize() {
        return (int) Math.max(
                100_000, Math.min(Integer.MAX_VALUE / 64, Runtime.getRuntime().maxMemory() / 4 / 64));
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

        void leaf(LeafWindow window, int position) {
            long index = window.first() + position;
            if (window.hashMalformed(position)) {
                stop("Leaf " + index + ": its stored hash is not a SHA-256 hash.");
                return;
            }
            byte[] stored = window.storedHash(position);
            if (!window.eventFound(position)) {
                // Retention removes an event's data and keeps its leaf hash, but only inside a recorded
                // range; anywhere else a missing event is a deletion.
                if (!expired.covers(index)) {
                    stop("Leaf " + index + ": its event is missing.");
                    return;
                }
            } else if (!window.eventMatches(position)) {
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

        void stop(String problem) {
            problems.add(problem);
            stopped = true;
        }
    }

    /** The stored checkpoints whose signatures hold, smallest first, and a problem for each other. */
    private record Checked(List<StoredCheckpoint> valid, List<String> problems) {}

    private Checked storedCheckpoints(TenantId firm, List<AuditLog.Checkpoint> rows, byte[] key) {
        var problems = new ArrayList<String>();
        var valid = new ArrayList<StoredCheckpoint>();
        for (var checkpoint : rows) {
            var signed = signed(checkpoint.note(), key);
            if (signed.isEmpty()
                    || !signed.get().isOf(firm)
                    || signed.get().checkpoint().size() != checkpoint.treeSize()
                    || !Arrays.equals(signed.get().checkpoint().root(), checkpoint.rootHash())) {
                problems.add("The stored checkpoint of size " + checkpoint.treeSize()
                        + " does not carry a valid signature of this log.");
                continue;
            }
            valid.add(
                    new StoredCheckpoint(checkpoint.treeSize(), checkpoint.rootHash(), "the stored checkpoint", false));
        }
        return new Checked(valid, problems);
    }

    private static Checked join(FutureTask<Checked> checking) {
        try {
            return checking.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Verification interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("Checking the checkpoints' signatures failed", e.getCause());
        }
    }

    private byte[] publicKey() {
        return signingKeys.forPurpose(AuditSequencer.CHECKPOINT_KEY).publicKey();
    }

    private CheckpointNotes.@Nullable Checkpoint external(
            TenantId firm, String note, List<String> problems, byte[] key) {
        var signed = signed(note, key);
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
        return signed(note, publicKey());
    }

    private static Optional<Signed> signed(String note, byte[] key) {
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
