package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import io.lexvault.testsupport.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** Events become leaves: every committed event exactly once, numbered without gaps, per firm. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditSequencerIntegrationTests extends AuditLogTest {

    @Autowired
    AuditLedger ledger;

    private static AuditRecord anEvent(int n) {
        return AuditRecord.bySystem(AuditAction.MATTER_CHANGED, Instant.now(), Map.of("n", String.valueOf(n)));
    }

    @Test
    void concurrentAppendsInSeveralFirmsLeaveNoGapAndNoDuplicate() throws Exception {
        var firms = new ArrayList<TenantId>();
        for (int f = 0; f < 3; f++) {
            firms.add(aFirm("Ledger"));
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            var work = new ArrayList<Callable<Integer>>();
            for (int t = 0; t < 12; t++) {
                var firm = firms.get(t % firms.size());
                int thread = t;
                work.add(() -> {
                    for (int i = 0; i < 20; i++) {
                        int n = thread * 100 + i;
                        TenantContext.runAs(
                                firm,
                                null,
                                () -> transactions.executeWithoutResult(status -> ledger.append(anEvent(n))));
                    }
                    return 20;
                });
                // Sequencers run alongside the writers, as they would on several nodes.
                work.add(sequencer::sequencePending);
            }
            for (var future : pool.invokeAll(work)) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        sequencer.sequencePending();
        for (var firm : firms) {
            var counts = TenantContext.callAs(
                    firm,
                    null,
                    () -> transactions.execute(status -> jdbc.sql("""
                            SELECT (SELECT count(*) FROM lexvault.audit_events WHERE tenant_id = :t) AS events,
                                   (SELECT count(*) FROM lexvault.audit_leaves WHERE tenant_id = :t) AS leaves,
                                   (SELECT count(DISTINCT leaf_index) FROM lexvault.audit_leaves WHERE tenant_id = :t) AS indices,
                                   (SELECT coalesce(max(leaf_index), -1) + 1 FROM lexvault.audit_leaves WHERE tenant_id = :t) AS size,
                                   (SELECT count(*) FROM lexvault.audit_queue WHERE tenant_id = :t) AS waiting
                            """)
                            .param("t", firm.value())
                            .query((row, n) -> List.of(
                                    row.getLong("events"),
                                    row.getLong("leaves"),
                                    row.getLong("indices"),
                                    row.getLong("size"),
                                    row.getLong("waiting")))
                            .single()));
            assertThat(counts.get(0)).as("events").isEqualTo(80);
            assertThat(counts.subList(1, 4))
                    .as("leaves, distinct indices, size")
                    .containsOnly(80L);
            assertThat(counts.get(4)).as("still queued").isZero();
        }
    }

    private List<String> checkpoints(TenantId firm) {
        return TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql(
                                "SELECT note FROM lexvault.audit_checkpoints WHERE tenant_id = :t ORDER BY tree_size")
                        .param("t", firm.value())
                        .query(String.class)
                        .list()));
    }

    private List<byte[]> leafHashes(TenantId firm) {
        return TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql(
                                "SELECT leaf_hash FROM lexvault.audit_leaves WHERE tenant_id = :t ORDER BY leaf_index")
                        .param("t", firm.value())
                        .query(byte[].class)
                        .list()));
    }

    @Test
    void checkpointsAreSignedNotesThatVerifyWithThePublishedKeyAndWithEachOther() throws Exception {
        var firm = aFirm("Ledger");
        for (int i = 0; i < 3; i++) {
            int n = i;
            audit.append(firm, anEvent(n));
        }
        sequencer.sequencePending();
        for (int i = 3; i < 8; i++) {
            int n = i;
            audit.append(firm, anEvent(n));
        }
        sequencer.sequencePending();
        var notes = checkpoints(firm);
        assertThat(notes).hasSize(2);

        String verifierKey = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/.well-known/lexvault-audit-keys"))
                .andReturn()
                .getResponse()
                .getContentAsString()
                .strip();
        String[] keyParts = verifierKey.split("\\+", 3);
        assertThat(keyParts).hasSize(3);
        byte[] typedKey = java.util.Base64.getDecoder().decode(keyParts[2]);
        assertThat(typedKey[0]).as("Ed25519").isEqualTo((byte) 1);
        var publicKey = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(concat(
                        java.util.HexFormat.of().parseHex("302a300506032b6570032100"),
                        java.util.Arrays.copyOfRange(typedKey, 1, typedKey.length))));

        var leaves = leafHashes(firm);
        byte[][] roots = new byte[2][];
        long[] sizes = new long[2];
        for (int c = 0; c < 2; c++) {
            String note = notes.get(c);
            int split = note.indexOf("\n\n");
            String body = note.substring(0, split + 1);
            String[] lines = body.split("\n");
            assertThat(lines[0]).isEqualTo("localhost:8080/lexvault/audit/" + firm);
            sizes[c] = Long.parseLong(lines[1]);
            roots[c] = java.util.Base64.getDecoder().decode(lines[2]);
            assertThat(roots[c]).isEqualTo(MerkleTree.rootHash(leaves.subList(0, (int) sizes[c])));
            String signatureLine = note.substring(split + 2).strip();
            assertThat(signatureLine).startsWith("\u2014 " + keyParts[0] + " ");
            byte[] signed =
                    java.util.Base64.getDecoder().decode(signatureLine.substring(signatureLine.lastIndexOf(' ') + 1));
            assertThat(java.util.HexFormat.of().formatHex(signed, 0, 4)).isEqualTo(keyParts[1]);
            var verifier = java.security.Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(verifier.verify(java.util.Arrays.copyOfRange(signed, 4, signed.length)))
                    .isTrue();
        }
        assertThat(sizes).containsExactly(3, 8);
        assertThat(MerkleTree.verifyConsistency(
                        sizes[0],
                        sizes[1],
                        roots[0],
                        roots[1],
                        MerkleTree.consistencyProof(leaves, sizes[0], sizes[1])))
                .isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Test
    void leavesCannotBeChangedOnceWritten() throws Exception {
        var firm = aFirm("Ledger");
        audit.append(firm, anEvent(1));
        sequencer.sequencePending();
        try (var admin = TestDatabase.shared().administrator().connect();
                var statement = admin.createStatement()) {
            assertThatThrownBy(() -> statement.execute("UPDATE lexvault.audit_leaves SET leaf_hash = sha256('x')"
                            + " WHERE tenant_id = '" + firm + "'"))
                    .hasMessageContaining("append-only");
        }
    }
}
