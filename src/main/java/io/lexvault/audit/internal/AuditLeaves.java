package io.lexvault.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit event as its Merkle leaf: the canonical JSON (RFC 8785) of every recorded field, laid
 * out in docs/audit-format.md. The sequencer hashes it; the events API hands it out as is, so a
 * verifier hashes exactly the bytes the log did.
 */
@Component
public class AuditLeaves {

    /** A row of {@code lexvault.audit_events} turned into its leaf. */
    public record Leaf(UUID eventId, byte[] canonical) {}

    private final JsonMapper json;

    AuditLeaves(JsonMapper json) {
        this.json = json;
    }

    /** The leaf of the current row of a result set over {@code lexvault.audit_events}. */
    public Leaf of(ResultSet row) throws SQLException {
        var fields = new LinkedHashMap<String, @Nullable Object>();
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

    private static @Nullable String string(ResultSet row, String column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : value.toString();
    }
}
