package io.lexvault.audit;

import static io.lexvault.testsupport.AuditTampering.eventAt;
import static io.lexvault.testsupport.AuditTampering.tamper;
import static io.lexvault.testsupport.AuditTampering.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.audit.internal.AuditLeaves;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.audit.internal.MerkleTree;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * What `lexvault audit verify` finds after someone with full control of the database tampers with
 * a firm's log: each kind of tampering performed as a superuser, with the append-only triggers
 * switched off for that session ({@code session_replication_role = replica}), as an attacker would.
 */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditVerificationIntegrationTests extends AuditLogTest {

    private static final int EVENTS = 6;

    @Autowired
    AuditLeaves leaves;

    @Autowired
    ServerSigningKeys signingKeys;

    @Test
    void anUntouchedLogPassesWithAndWithoutACheckpointFromOutside() {
        var firm = aFirmWithLog();
        String exported = exportedCheckpoint(firm);
        audit.appendEachSequenced(firm, 2);
        var report = verifier.verify(firm, exported);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leaves()).isEqualTo(EVENTS + 2);
        assertThat(report.checkpoints()).isEqualTo(EVENTS + 2);
        assertThat(verifier.verify(firm, null).passed()).isTrue();
        assertThat(verifier.firmsWithLog()).contains(firm);
        assertThat(verifier.firmOf(exported)).contains(firm);
    }

    @Test
    void aRewrittenRowWithItsLeafHashRecomputedIsFound() throws Exception {
        var firm = aFirmWithLog();
        String exported = exportedCheckpoint(firm);
        tamper(connection -> {
            UUID event = eventAt(connection, firm, 2);
            update(connection, "UPDATE lexvault.audit_events SET details = '{\"n\":\"forged\"}' WHERE id = ?", event);
            try (var statement = connection.prepareStatement("SELECT * FROM lexvault.audit_events WHERE id = ?")) {
                statement.setObject(1, event);
                try (var row = statement.executeQuery()) {
                    row.next();
                    byte[] recomputed = MerkleTree.leafHash(leaves.of(row).canonical());
                    try (var fix = connection.prepareStatement(
                            "UPDATE lexvault.audit_leaves SET leaf_hash = ? WHERE event_id = ?")) {
                        fix.setBytes(1, recomputed);
                        fix.setObject(2, event);
                        fix.executeUpdate();
                    }
                }
            }
        });
        assertThat(verifier.verify(firm, null).problems().getFirst()).startsWith("Leaf 2:");

        // Deleting the stored checkpoints too leaves the one kept outside to tell.
        tamper(connection -> update(connection, "DELETE FROM lexvault.audit_checkpoints WHERE tenant_id = ?", firm));
        assertThat(verifier.verify(firm, null).passed()).isTrue(); // nothing inside is left to contradict it
        assertThat(verifier.verify(firm, exported).problems().getFirst())
                .startsWith("Leaf 0 (or a later one up to " + (EVENTS - 1) + ")")
                .contains("checkpoint kept outside");
    }

    @Test
    void aRewrittenRowIsFound() throws Exception {
        var firm = aFirmWithLog();
        tamper(connection -> update(
                connection,
                "UPDATE lexvault.audit_events SET outcome = 'failure' WHERE id = ?",
                eventAt(connection, firm, 3)));
        assertThat(verifier.verify(firm, null).problems().getFirst())
                .startsWith("Leaf 3: the event does not match its leaf hash");
    }

    @Test
    void aDeletedRowIsFound() throws Exception {
        var firm = aFirmWithLog();
        tamper(connection -> {
            UUID event = eventAt(connection, firm, 1);
            update(connection, "DELETE FROM lexvault.audit_leaves WHERE event_id = ?", event);
            update(connection, "DELETE FROM lexvault.audit_events WHERE id = ?", event);
        });
        assertThat(verifier.verify(firm, null).problems().getFirst()).startsWith("Leaf 1 is missing");

        var other = aFirmWithLog();
        tamper(connection ->
                update(connection, "DELETE FROM lexvault.audit_events WHERE id = ?", eventAt(connection, other, 4)));
        assertThat(verifier.verify(other, null).problems().getFirst()).startsWith("Leaf 4: its event is missing");
    }

    @Test
    void aTruncatedTailIsFound() throws Exception {
        var firm = aFirmWithLog();
        String exported = exportedCheckpoint(firm);
        tamper(connection -> deleteLeavesFrom(connection, firm, EVENTS - 2));
        assertThat(verifier.verify(firm, null).problems().getFirst())
                .startsWith("Leaf " + (EVENTS - 2) + " is missing: the stored checkpoint names " + (EVENTS - 1));

        tamper(connection -> deleteCheckpointsAbove(connection, firm, EVENTS - 2));
        assertThat(verifier.verify(firm, null).passed()).isTrue(); // consistent with itself
        assertThat(verifier.verify(firm, exported).problems().getFirst())
                .startsWith("Leaf " + (EVENTS - 2) + " is missing: the checkpoint kept outside names " + EVENTS);
    }

    @Test
    void reorderedRowsAreFound() throws Exception {
        var firm = aFirmWithLog();
        tamper(connection -> {
            UUID second = eventAt(connection, firm, 1);
            UUID fourth = eventAt(connection, firm, 3);
            update(connection, "UPDATE lexvault.audit_leaves SET leaf_index = 1000000 WHERE event_id = ?", second);
            update(connection, "UPDATE lexvault.audit_leaves SET leaf_index = 1 WHERE event_id = ?", fourth);
            update(connection, "UPDATE lexvault.audit_leaves SET leaf_index = 3 WHERE event_id = ?", second);
        });
        assertThat(verifier.verify(firm, null).problems().getFirst())
                .startsWith("Leaf 1: the leaves no longer hash to the root of the stored checkpoint of size 2");
    }

    @Test
    void aDatabaseResetToAnOlderStateIsFoundAgainstACheckpointKeptOutside() throws Exception {
        var firm = aFirmWithLog();
        String exported = exportedCheckpoint(firm);
        // A restore of an older backup: everything after leaf 3 is gone, and the firm works on.
        tamper(connection -> {
            deleteLeavesFrom(connection, firm, 3);
            deleteCheckpointsAbove(connection, firm, 3);
        });
        audit.appendEachSequenced(firm, EVENTS);
        assertThat(verifier.verify(firm, null).passed()).isTrue(); // consistent with itself
        var report = verifier.verify(firm, exported);
        assertThat(report.passed()).isFalse();
        assertThat(report.problems().getFirst())
                .startsWith("Leaf 0 (or a later one up to " + (EVENTS - 1) + ")")
                .contains("checkpoint kept outside");
    }

    @Test
    void aCheckpointFromElsewhereIsRefused() {
        var firm = aFirmWithLog();
        var other = aFirmWithLog();
        String forged = exportedCheckpoint(firm).replace("\n" + EVENTS + "\n", "\n" + (EVENTS - 1) + "\n");
        assertThat(verifier.verify(firm, forged).problems())
                .containsExactly(
                        "The checkpoint kept outside does not carry a valid signature of this server's audit key.");
        assertThat(verifier.verify(firm, exportedCheckpoint(other)).problems().getFirst())
                .startsWith("The checkpoint kept outside is of another log");
        assertThat(verifier.firmOf(forged)).isEmpty();
    }

    @Test
    void aForgedStoredCheckpointIsFound() throws Exception {
        var firm = aFirmWithLog();
        tamper(connection -> update(
                connection,
                "UPDATE lexvault.audit_checkpoints SET root_hash = sha256('forged') WHERE tenant_id = ? AND tree_size = 2",
                firm));
        assertThat(verifier.verify(firm, null).problems())
                .contains("The stored checkpoint of size 2 does not carry a valid signature of this log.");
    }

    /**
     * Checkpoints signed before the public address's port was part of the origin named the host alone
     * ("localhost/lexvault/audit/<firm>" for this test's http://localhost:8080), and a command may run
     * without the server's address: still this server's signature over this log, so they verify,
     * stored or kept outside; another firm's, or one whose origin is not its key name, does not.
     */
    @Test
    void checkpointsSignedUnderTheHostAloneStillVerify() throws Exception {
        var firm = aFirmWithLog();
        var key = signingKeys.forPurpose(AuditSequencer.CHECKPOINT_KEY);
        String[] lines = exportedCheckpoint(firm).split("\n");
        long size = Long.parseLong(lines[1]);
        byte[] root = java.util.Base64.getDecoder().decode(lines[2]);
        String legacy = CheckpointNotes.sign(
                CheckpointNotes.body("localhost/lexvault/audit/" + firm.value(), size, root),
                "localhost/lexvault/audit",
                key);
        tamper(connection -> {
            try (var statement = connection.prepareStatement(
                    "UPDATE lexvault.audit_checkpoints SET note = ? WHERE tenant_id = ? AND tree_size = ?")) {
                statement.setString(1, legacy);
                statement.setObject(2, firm.value());
                statement.setLong(3, size);
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
        });
        assertThat(verifier.verify(firm, legacy).problems()).isEmpty();
        assertThat(verifier.firmOf(legacy)).contains(firm);

        var other = aFirmWithLog();
        String othersLegacy = CheckpointNotes.sign(
                CheckpointNotes.body("localhost/lexvault/audit/" + other.value(), size, root),
                "localhost/lexvault/audit",
                key);
        assertThat(verifier.verify(firm, othersLegacy).problems().getFirst())
                .startsWith("The checkpoint kept outside is of another log");
        String misnamed = CheckpointNotes.sign(
                CheckpointNotes.body("elsewhere.example/lexvault/audit/" + firm.value(), size, root),
                "localhost/lexvault/audit",
                key);
        assertThat(verifier.verify(firm, misnamed).problems())
                .as("an origin that is not the key name it was signed under")
                .containsExactly(
                        "The checkpoint kept outside does not carry a valid signature of this server's audit key.");
    }

    /** A firm whose log has {@link #EVENTS} leaves, each sequenced (and checkpointed) on its own. */
    private TenantId aFirmWithLog() {
        var firm = aFirm("Verify");
        audit.appendEachSequenced(firm, EVENTS);
        assertThat(verifier.verify(firm, null).leaves()).isEqualTo(EVENTS);
        return firm;
    }

    private String exportedCheckpoint(TenantId firm) {
        return TenantContext.callAs(
                firm, null, () -> log.latestCheckpoint().orElseThrow().note());
    }

    /** Removes leaf {@code index} and every later one, with their events. */
    private static void deleteLeavesFrom(Connection connection, TenantId firm, long index) throws SQLException {
        try (var statement = connection.prepareStatement("""
                WITH gone AS (DELETE FROM lexvault.audit_leaves WHERE tenant_id = ? AND leaf_index >= ? RETURNING event_id)
                DELETE FROM lexvault.audit_events WHERE id IN (SELECT event_id FROM gone)
                """)) {
            statement.setObject(1, firm.value());
            statement.setLong(2, index);
            statement.executeUpdate();
        }
    }

    private static void deleteCheckpointsAbove(Connection connection, TenantId firm, long size) throws SQLException {
        try (var statement = connection.prepareStatement(
                "DELETE FROM lexvault.audit_checkpoints WHERE tenant_id = ? AND tree_size > ?")) {
            statement.setObject(1, firm.value());
            statement.setLong(2, size);
            statement.executeUpdate();
        }
    }
}
