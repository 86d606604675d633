package io.lexvault.audit;

import io.lexvault.audit.internal.AuditLeaves;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark, not a test (bench/audit-verify.sh runs it): how fast {@link AuditVerifier#verify}
 * (what `lexvault audit verify --firm` does) checks one firm's log of a million events, against a
 * tight loop that only hashes the same canonical leaves and every RFC 6962 node over them.
 *
 * <p>The log is written fast but as production writes it: events by COPY with the columns the
 * ledger writes, leaves made by the real {@link AuditLeaves} from the stored rows and hashed with
 * {@link MerkleTree}, checkpoints signed with the server's real checkpoint key every
 * {@code checkpointEvery} leaves in the sequencer's note format; the last few events then go through
 * the real ledger and the real sequencer, which signs the final checkpoint over the whole log.
 */
public final class AuditVerificationBenchmark {

    private static final int THROUGH_SEQUENCER = 10;

    private AuditVerificationBenchmark() {}

    /** Arguments: events (1,000,000), measured rounds (5), leaves per stored checkpoint (1,000). */
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int checkpointEvery = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        try (var context =
                BenchmarkRuns.start("audit-verify", Map.of("lexvault.audit.sequence-interval", "PT1H"), beans -> {})) {
            new AuditVerificationBenchmark().run(context, events, rounds, checkpointEvery);
        }
        System.exit(0); // the shutdown hook drops the database
    }

    private void run(ConfigurableApplicationContext context, int events, int rounds, int checkpointEvery)
            throws Exception {
        var tenants = context.getBean(Tenants.class);
        var firm = tenants.register("Benchmark firm", "bench-" + TestDatabase.randomName());
        System.out.printf(
                "Audit verification benchmark: %,d events, a stored checkpoint every %,d leaves, %s%n",
                events, checkpointEvery, BenchmarkRuns.machineLoad());

        long started = System.nanoTime();
        int bulk = events - THROUGH_SEQUENCER;
        try (var admin = TestDatabase.shared().administrator().connect()) {
            copyEvents(admin, firm, bulk);
            System.out.printf("  %,d events copied in %.1f s%n", bulk, seconds(started));
            long leavesStarted = System.nanoTime();
            int checkpoints = sequenceInBulk(context, admin, firm, checkpointEvery);
            System.out.printf(
                    "  leaves and %,d signed checkpoints written in %.1f s%n", checkpoints, seconds(leavesStarted));
            admin.setAutoCommit(true);
            try (var statement = admin.createStatement()) {
                // What autovacuum does to a table of this size in production.
                statement.execute(
                        "VACUUM ANALYZE lexvault.audit_events, lexvault.audit_leaves, lexvault.audit_checkpoints");
            }
        }
        // Two batches: the first rebuilds the firm's tree from the stored leaf hashes (as after a
        // restart), the second starts from the tree the sequencer kept.
        long firstMillis = appendThroughLedgerAndSequencer(context, firm, THROUGH_SEQUENCER / 2);
        long secondMillis = appendThroughLedgerAndSequencer(context, firm, THROUGH_SEQUENCER - THROUGH_SEQUENCER / 2);
        System.out.printf(
                "  the real ledger and sequencer added the last %d events, the final checkpoint is over %,d leaves;"
                        + " sequencer batches: %d ms rebuilding the tree, %d ms on the kept tree%n",
                THROUGH_SEQUENCER, events, firstMillis, secondMillis);
        var canonical = canonicalLeaves(context, firm, events);
        var latest = TenantContext.callAs(
                        firm, null, () -> context.getBean(AuditLog.class).latestCheckpoint())
                .orElseThrow();
        if (latest.treeSize() != events) {
            throw new IllegalStateException("The final checkpoint names " + latest.treeSize() + " leaves");
        }
        System.out.printf("  set-up done in %.0f s%n%n", seconds(started));

        var verifier = context.getBean(AuditVerifier.class);
        // The verifier as it was before it read the log by binary COPY: one joined query through JDBC.
        var before = new RowByRowAuditVerifier(
                context.getBean(JdbcClient.class),
                context.getBean(AuditVerificationRepository.class),
                context.getBean(AuditLogRepository.class),
                context.getBean(PlatformTransactionManager.class),
                context.getBean(AuditLeaves.class),
                context.getBean(ServerSigningKeys.class),
                context.getBean(io.lexvault.audit.internal.ExpiredRanges.class));
        var beforeRates = new ArrayList<Double>();
        var verifyRates = new ArrayList<Double>();
        var tightRates = new ArrayList<Double>();
        var fetchRates = new ArrayList<Double>();
        System.out.println(
                "round  verifier events/s  tight loop events/s  ratio  (copies only, events/s)  (verifier as before)");
        for (int round = 0; round <= rounds; round++) {
            double verify = 0, tight = 0, fetch = 0, general = 0;
            // Rotating order, so that no variant always runs first after the others.
            for (int step = 0; step < 4; step++) {
                switch ((round + step) % 4) {
                    case 0 -> {
                        long t = System.nanoTime();
                        var report = verifier.verify(firm, null);
                        verify = events / seconds(t);
                        if (!report.passed() || report.leaves() != events) {
                            throw new IllegalStateException("Verification failed: " + report);
                        }
                    }
                    case 1 -> {
                        long t = System.nanoTime();
                        byte[] root = tightLoop(canonical.bytes(), canonical.offsets(), events);
                        tight = events / seconds(t);
                        if (!Arrays.equals(root, latest.rootHash())) {
                            throw new IllegalStateException("The tight loop's root differs from the checkpoint's");
                        }
                    }
                    case 2 -> {
                        long t = System.nanoTime();
                        long rows = queryOnly(context, firm);
                        fetch = rows / seconds(t);
                    }
                    default -> {
                        long t = System.nanoTime();
                        var report = before.verify(firm, null);
                        general = events / seconds(t);
                        if (!report.passed() || report.leaves() != events) {
                            throw new IllegalStateException("Verification failed: " + report);
                        }
                    }
                }
            }
            System.out.printf(
                    "%5s  %17.0f  %19.0f  %4.0f%%  (%.0f)  (%.0f, %.0f%%)%n",
                    round == 0 ? "warm" : String.valueOf(round),
                    verify,
                    tight,
                    100 * verify / tight,
                    fetch,
                    general,
                    100 * general / tight);
            if (round > 0) {
                beforeRates.add(general);
                verifyRates.add(verify);
                tightRates.add(tight);
                fetchRates.add(fetch);
            }
        }
        double verify = BenchmarkRuns.median(verifyRates);
        double tight = BenchmarkRuns.median(tightRates);
        System.out.printf(
                "%nmedian: verifier %.0f events/s (%.2f s per run), tight loop %.0f events/s (%.2f s), ratio %.0f%%;"
                        + " the verifier's copies alone %.0f events/s; the verifier as before %.0f events/s (%.0f%%). %s%n",
                verify,
                events / verify,
                tight,
                events / tight,
                100 * verify / tight,
                BenchmarkRuns.median(fetchRates),
                BenchmarkRuns.median(beforeRates),
                100 * BenchmarkRuns.median(beforeRates) / tight,
                BenchmarkRuns.machineLoad());
    }

    /** Events with the columns and kinds of values the ledger writes for a firm's everyday actions. */
    private static void copyEvents(Connection admin, TenantId firm, int count) throws Exception {
        var random = new Random(6962);
        var users = uuids(random, 40);
        var matters = uuids(random, 300);
        String[] agents = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
        };
        var copy = admin.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        COPY lexvault.audit_events (tenant_id, id, occurred_at, actor_type, actor_id, action, outcome,
                                                    target_type, target_id, matter_id, source_ip, user_agent, details)
                        FROM STDIN""");
        var tenant = firm.value().toString();
        long at = Instant.parse("2026-01-05T08:00:00Z").toEpochMilli() * 1000;
        var chunk = new StringBuilder(1 << 20);
        for (int i = 0; i < count; i++) {
            at += 1000 + random.nextInt(30_000_000); // up to 30 s apart, in microseconds
            var actor = users.get(random.nextInt(users.size()));
            var matter = matters.get(random.nextInt(matters.size()));
            int kind = random.nextInt(100);
            String action, outcome = "success", targetType, target, matterId = "\\N", details;
            if (kind < 40) {
                action = "document.viewed";
                targetType = "document";
                target = UUID.randomUUID().toString();
                matterId = matter.toString();
                details = "{}";
            } else if (kind < 55) {
                action = "matter.viewed";
                targetType = "matter";
                target = matter.toString();
                matterId = matter.toString();
                details = "{}";
            } else if (kind < 70) {
                action = "search.run";
                targetType = "\\N";
                target = "\\N";
                details = "{\"results\": \"" + random.nextInt(200) + "\", \"scope\": \"firm\"}";
            } else if (kind < 80) {
                action = "document.uploaded";
                targetType = "document";
                target = UUID.randomUUID().toString();
                matterId = matter.toString();
                details = "{\"size\": \"" + random.nextInt(5_000_000) + "\", \"type\": \"application/pdf\"}";
            } else if (kind < 88) {
                action = "matter.changed";
                targetType = "matter";
                target = matter.toString();
                matterId = matter.toString();
                details = "{\"field\": \"status\"}";
            } else if (kind < 96) {
                action = "sign_in.succeeded";
                targetType = "user";
                target = actor.toString();
                details = "{\"method\": \"password+totp\"}";
            } else {
                action = "sign_in.failed";
                outcome = "failure";
                targetType = "user";
                target = actor.toString();
                details = "{\"reason\": \"bad_password\"}";
            }
            chunk.append(tenant)
                    .append('\t')
                    .append(UUID.randomUUID())
                    .append('\t')
                    .append(Instant.EPOCH.plusNanos(at * 1000))
                    .append("\tuser\t")
                    .append(actor)
                    .append('\t')
                    .append(action)
                    .append('\t')
                    .append(outcome)
                    .append('\t')
                    .append(targetType)
                    .append('\t')
                    .append(target)
                    .append('\t')
                    .append(matterId)
                    .append("\t10.20.")
                    .append(random.nextInt(4))
                    .append('.')
                    .append(1 + random.nextInt(250))
                    .append('\t')
                    .append(agents[random.nextInt(agents.length)])
                    .append('\t')
                    .append(details)
                    .append('\n');
            if (chunk.length() > (1 << 20) - 1000 || i == count - 1) {
                byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                chunk.setLength(0);
            }
        }
        copy.endCopy();
    }

    /**
     * Gives the copied events their leaves as the sequencer does (canonical JSON of the stored row,
     * RFC 6962 leaf hash, next index) and signs a checkpoint every {@code every} leaves.
     */
    private static int sequenceInBulk(
            ConfigurableApplicationContext context, Connection admin, TenantId firm, int every) throws Exception {
        var leaves = context.getBean(AuditLeaves.class);
        var transactions = context.getBean(TransactionTemplate.class);
        var key = transactions.execute(
                status -> context.getBean(ServerSigningKeys.class).forPurpose(AuditSequencer.CHECKPOINT_KEY));
        String publicUrl = context.getEnvironment().getProperty("lexvault.public-url", "http://localhost:8080");
        String origin = CheckpointNotes.origin(publicUrl, firm.value());
        String keyName = CheckpointNotes.keyName(publicUrl);
        var tenant = firm.value().toString();
        var now = Timestamp.from(Instant.now());
        var hex = HexFormat.of();

        admin.setAutoCommit(false);
        var reader = admin.prepareStatement(
                "SELECT * FROM lexvault.audit_events WHERE tenant_id = ? ORDER BY occurred_at, id");
        reader.setFetchSize(10_000);
        reader.setObject(1, firm.value());
        var rows = reader.executeQuery();
        // A second connection writes while the first streams.
        try (var writer = TestDatabase.shared().administrator().connect()) {
            var copy = writer.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "COPY lexvault.audit_leaves (tenant_id, leaf_index, event_id, leaf_hash, sequenced_at) FROM STDIN");
            var checkpoints = writer.prepareStatement("""
                    INSERT INTO lexvault.audit_checkpoints (tenant_id, tree_size, root_hash, note, signed_at)
                    VALUES (?, ?, ?, ?, ?)""");
            var tree = new MerkleTree.Accumulator();
            var chunk = new StringBuilder(1 << 20);
            int signed = 0;
            while (rows.next()) {
                var leaf = leaves.of(rows);
                byte[] hash = MerkleTree.leafHash(leaf.canonical());
                chunk.append(tenant)
                        .append('\t')
                        .append(tree.size())
                        .append('\t')
                        .append(leaf.eventId())
                        .append("\t\\\\x")
                        .append(hex.formatHex(hash))
                        .append('\t')
                        .append(now.toInstant())
                        .append('\n');
                tree.add(hash);
                if (tree.size() % every == 0) {
                    byte[] root = tree.root();
                    checkpoints.setObject(1, firm.value());
                    checkpoints.setLong(2, tree.size());
                    checkpoints.setBytes(3, root);
                    checkpoints.setString(
                            4, CheckpointNotes.sign(CheckpointNotes.body(origin, tree.size(), root), keyName, key));
                    checkpoints.setTimestamp(5, now);
                    checkpoints.addBatch();
                    if (++signed % 1000 == 0) {
                        checkpoints.executeBatch();
                    }
                }
                if (chunk.length() > (1 << 20) - 500) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                }
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            checkpoints.executeBatch();
            admin.commit();
            return signed;
        }
    }

    /** The last events as production writes them: the ledger in a transaction, then the sequencer. */
    private static long appendThroughLedgerAndSequencer(
            ConfigurableApplicationContext context, TenantId firm, int count) {
        var ledger = context.getBean(AuditLedger.class);
        var transactions = context.getBean(TransactionTemplate.class);
        for (int i = 0; i < count; i++) {
            var record = AuditRecord.bySystem(AuditAction.BACKUP_VERIFIED, Instant.now(), Map.of("n", "" + i));
            TenantContext.runAs(firm, null, () -> transactions.executeWithoutResult(status -> ledger.append(record)));
        }
        long t = System.nanoTime();
        int placed = context.getBean(AuditSequencer.class).sequencePending();
        long millis = (System.nanoTime() - t) / 1_000_000;
        if (placed != count) {
            throw new IllegalStateException("The sequencer placed " + placed + " events");
        }
        return millis;
    }

    private record Canonical(byte[] bytes, int[] offsets) {}

    /** Every leaf's canonical JSON as the events API hands it out, end to end in one array. */
    private static Canonical canonicalLeaves(ConfigurableApplicationContext context, TenantId firm, int count) {
        var log = context.getBean(AuditLog.class);
        var all = new ByteArrayOutputStream(count * 512);
        int[] offsets = new int[count + 1];
        int n = 0;
        while (n < count) {
            int from = n;
            List<AuditLog.Entry> page = TenantContext.callAs(firm, null, () -> log.entries(from, 10_000));
            if (page.isEmpty()) {
                throw new IllegalStateException("The log ends at " + n);
            }
            for (var entry : page) {
                if (!Arrays.equals(MerkleTree.leafHash(entry.leaf()), entry.leafHash())) {
                    throw new IllegalStateException("Leaf " + entry.index() + " does not hash to its stored hash");
                }
                all.writeBytes(entry.leaf());
                offsets[++n] = all.size();
            }
        }
        return new Canonical(all.toByteArray(), offsets);
    }

    /**
     * The ideal: SHA-256(0x00 || leaf) for every leaf and SHA-256(0x01 || left || right) for every
     * one of the tree's n - 1 inner nodes, with one digest and no allocation per leaf.
     */
    static byte[] tightLoop(byte[] leaves, int[] offsets, int count) throws Exception {
        var sha = MessageDigest.getInstance("SHA-256");
        byte[][] subtrees = new byte[64][MerkleTree.HASH_BYTES];
        int top = 0;
        byte[] carry = new byte[MerkleTree.HASH_BYTES];
        for (int i = 0; i < count; i++) {
            sha.update((byte) 0x00);
            sha.update(leaves, offsets[i], offsets[i + 1] - offsets[i]);
            sha.digest(carry, 0, carry.length);
            for (long bits = i; (bits & 1) == 1; bits >>>= 1) {
                sha.update((byte) 0x01);
                sha.update(subtrees[--top]);
                sha.update(carry);
                sha.digest(carry, 0, carry.length);
            }
            System.arraycopy(carry, 0, subtrees[top++], 0, carry.length);
        }
        byte[] root = subtrees[top - 1].clone();
        for (int j = top - 2; j >= 0; j--) {
            sha.update((byte) 0x01);
            sha.update(subtrees[j]);
            sha.update(root);
            sha.digest(root, 0, root.length);
        }
        return root;
    }

    /**
     * What the verifier reads, in the verifier's kind of snapshot: the binary COPY of the leaves and
     * that of the events, every byte received and nothing built or hashed, and the query for events
     * outside the log: what reading the log costs at the least.
     */
    private static long queryOnly(ConfigurableApplicationContext context, TenantId firm) {
        var snapshot = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        var rows = context.getBean(AuditVerificationRepository.class);
        long[] bytes = {0};
        AuditVerificationRepository.CopyReader drain = copy -> {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = copy.read(buffer)) >= 0; ) {
                bytes[0] += n;
            }
        };
        TenantContext.runAs(
                firm,
                null,
                () -> snapshot.executeWithoutResult(status -> {
                    rows.copyLeaves(0, Integer.MAX_VALUE, drain);
                    rows.copyEvents(drain);
                    rows.unsequencedEvents(firm);
                }));
        if (bytes[0] == 0) {
            throw new IllegalStateException("Nothing was copied");
        }
        return TenantContext.callAs(
                firm, null, () -> context.getBean(AuditLog.class).size());
    }

    private static List<UUID> uuids(Random random, int count) {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < count; i++) {
            ids.add(new UUID(random.nextLong(), random.nextLong()));
        }
        return ids;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
