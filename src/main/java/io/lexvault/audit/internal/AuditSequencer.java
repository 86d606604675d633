package io.lexvault.audit.internal;

import io.lexvault.audit.CheckpointNotes;
import io.lexvault.audit.MerkleTree;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Places committed audit events in their firm's Merkle log (ADR 0003): one firm at a time, under
 * an advisory lock so that no two nodes number the same firm's leaves at once, in queue order,
 * each leaf the event's canonical JSON (RFC 8785).
 */
@Component
public class AuditSequencer {

    /** The purpose name of the checkpoint signing key in the crypto module. */
    public static final String CHECKPOINT_KEY = "audit-checkpoints";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final ServerSigningKeys signingKeys;
    private final String publicUrl;
    private final Clock clock;

    AuditSequencer(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            JsonMapper json,
            ServerSigningKeys signingKeys,
            @Value("${lexvault.public-url:http://localhost:8080}") String publicUrl,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.signingKeys = signingKeys;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Sequences every firm's waiting events; returns how many leaves were appended. */
    @Scheduled(
            fixedDelayString = "${lexvault.audit.sequence-interval:PT2S}",
            initialDelayString = "${lexvault.audit.sequence-interval:PT2S}")
    public int sequencePending() {
        var firms = transactions.execute(status -> jdbc.sql("SELECT lexvault.firms_with_unsequenced_events()")
                .query(UUID.class)
                .list());
        int appended = 0;
        for (UUID firm : firms == null ? List.<UUID>of() : firms) {
            Integer count = TenantContext.callAs(
                    new TenantId(firm), null, () -> transactions.execute(status -> sequenceBoundFirm(firm)));
            appended += count == null ? 0 : count;
        }
        return appended;
    }

    private int sequenceBoundFirm(UUID firm) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:firm, 6962))")
                .param("firm", firm.toString())
                .query()
                .singleValue();
        var events = jdbc.sql("""
                        WITH taken AS (DELETE FROM lexvault.audit_queue WHERE tenant_id = :tenant RETURNING event_id, queued)
                        SELECT e.*, taken.queued FROM taken
                          JOIN lexvault.audit_events e ON e.tenant_id = :tenant AND e.id = taken.event_id
                         ORDER BY taken.queued
                        """)
                .param("tenant", firm)
                .query((row, n) -> leafOf(row))
                .list();
        long next = jdbc.sql(
                        "SELECT coalesce(max(leaf_index) + 1, 0) FROM lexvault.audit_leaves WHERE tenant_id = :tenant")
                .param("tenant", firm)
                .query(Long.class)
                .single();
        var now = Timestamp.from(clock.instant());
        for (var event : events) {
            jdbc.sql("""
                            INSERT INTO lexvault.audit_leaves (tenant_id, leaf_index, event_id, leaf_hash, sequenced_at)
                            VALUES (:tenant, :index, :event, :hash, :now)
                            """)
                    .param("tenant", firm)
                    .param("index", next++)
                    .param("event", event.id())
                    .param("hash", MerkleTree.leafHash(event.canonical()))
                    .param("now", now)
                    .update();
        }
        if (!events.isEmpty()) {
            signCheckpoint(firm, now);
        }
        return events.size();
    }

    /**
     * Signs the firm's tree as it now stands. Under the sequencer's lock and only ever for a larger
     * tree than the last, so no two checkpoints can disagree about history.
     */
    private void signCheckpoint(UUID firm, Timestamp now) {
        var leaves = jdbc.sql(
                        "SELECT leaf_hash FROM lexvault.audit_leaves WHERE tenant_id = :tenant ORDER BY leaf_index")
                .param("tenant", firm)
                .query(byte[].class)
                .list();
        byte[] root = MerkleTree.rootHash(leaves);
        String body = CheckpointNotes.body(CheckpointNotes.origin(publicUrl, firm), leaves.size(), root);
        String note =
                CheckpointNotes.sign(body, CheckpointNotes.keyName(publicUrl), signingKeys.forPurpose(CHECKPOINT_KEY));
        jdbc.sql("""
                        INSERT INTO lexvault.audit_checkpoints (tenant_id, tree_size, root_hash, note, signed_at)
                        VALUES (:tenant, :size, :root, :note, :now)
                        """)
                .param("tenant", firm)
                .param("size", leaves.size())
                .param("root", root)
                .param("note", note)
                .param("now", now)
                .update();
    }

    private record Leaf(UUID id, byte[] canonical) {}

    /** The event as its leaf: canonical JSON of every recorded field (docs/audit-format.md, to come). */
    private Leaf leafOf(ResultSet row) throws SQLException {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("v", 1);
        fields.put("id", row.getObject("id", UUID.class).toString());
        fields.put("tenant", row.getObject("tenant_id", UUID.class).toString());
        fields.put("time", row.getTimestamp("occurred_at").toInstant().toEpochMilli());
        fields.put("actor_type", row.getString("actor_type"));
        fields.put("actor_id", string(row, "actor_id"));
        fields.put("action", row.getString("action"));
        fields.put("outcome", row.getString("outcome"));
        fields.put("target_type", row.getString("target_type"));
        fields.put("target_id", string(row, "target_id"));
        fields.put("matter_id", string(row, "matter_id"));
        fields.put("source_ip", row.getString("source_ip"));
        fields.put("user_agent", row.getString("user_agent"));
        fields.put("request_id", row.getString("request_id"));
        fields.put("details", json.readValue(row.getString("details"), Map.class));
        try {
            return new Leaf(
                    row.getObject("id", UUID.class),
                    new JsonCanonicalizer(json.writeValueAsString(fields)).getEncodedUTF8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String string(ResultSet row, String column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : value.toString();
    }
}
