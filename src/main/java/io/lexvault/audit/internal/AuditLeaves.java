package io.lexvault.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectReader;
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

    /** The recorded fields of one event, as its row holds them. */
    record Fields(
            UUID id,
            UUID tenant,
            long time,
            @Nullable String actorType,
            @Nullable String actorId,
            @Nullable String action,
            @Nullable String outcome,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String matterId,
            @Nullable String sourceIp,
            @Nullable String userAgent,
            @Nullable String requestId,
            Map<?, ?> details) {}

    /** Beyond 2^53 an ECMAScript number no longer prints as the integer's digits. */
    private static final long LARGEST_EXACT_INTEGER = (1L << 53) - 1;

    private final JsonMapper json;
    private final ObjectReader detailsReader;

    AuditLeaves(JsonMapper json) {
        this.json = json;
        this.detailsReader = json.readerFor(Map.class);
    }

    /** The leaf of the current row of a result set over {@code lexvault.audit_events}. */
    public Leaf of(ResultSet row) throws SQLException {
        UUID id = row.getObject("id", UUID.class);
        var fields = new Fields(
                id,
                row.getObject("tenant_id", UUID.class),
                row.getTimestamp("occurred_at").toInstant().toEpochMilli(),
                row.getString("actor_type"),
                string(row, "actor_id"),
                row.getString("action"),
                row.getString("outcome"),
                row.getString("target_type"),
                string(row, "target_id"),
                string(row, "matter_id"),
                row.getString("source_ip"),
                row.getString("user_agent"),
                row.getString("request_id"),
                detailsReader.readValue(row.getString("details")));
        return new Leaf(id, canonical(fields));
    }

    /**
     * The leaf of an event's recorded fields, as they come from a binary copy of its row ({@link
     * CopiedLeaves}, for rows it does not write itself): the same bytes {@link #of} makes of the row.
     */
    byte[] canonical(
            UUID id,
            UUID tenant,
            long time,
            @Nullable String actorType,
            @Nullable String actorId,
            @Nullable String action,
            @Nullable String outcome,
            @Nullable String targetType,
            @Nullable String targetId,
            @Nullable String matterId,
            @Nullable String sourceIp,
            @Nullable String userAgent,
            @Nullable String requestId,
            @Nullable String details) {
        return canonical(new Fields(
                id,
                tenant,
                time,
                actorType,
                actorId,
                action,
                outcome,
                targetType,
                targetId,
                matterId,
                sourceIp,
                userAgent,
                requestId,
                detailsReader.readValue(details)));
    }

    /**
     * The leaf's bytes. Events as the ledger writes them (string details, a time any clock gives)
     * are written straight in canonical form, which the verifier does for every leaf of a log; any
     * other row (a tampered one, say) goes through the general canonicaliser, so both give the same
     * bytes for every row (AuditLeavesTests).
     */
    byte[] canonical(Fields fields) {
        if (Math.abs(fields.time()) > LARGEST_EXACT_INTEGER || !onlyStrings(fields.details())) {
            return throughGeneralCanonicaliser(fields);
        }
        var out = new StringBuilder(512);
        // Members in RFC 8785 order: keys sorted by UTF-16 code units.
        out.append("{\"action\":");
        string(out, fields.action());
        out.append(",\"actor_id\":");
        string(out, fields.actorId());
        out.append(",\"actor_type\":");
        string(out, fields.actorType());
        out.append(",\"details\":{");
        String[] keys = fields.details().keySet().toArray(String[]::new);
        Arrays.sort(keys); // String order is UTF-16 code unit order
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, keys[i]);
            out.append(':');
            string(out, (String) fields.details().get(keys[i]));
        }
        out.append("},\"id\":");
        string(out, fields.id().toString());
        out.append(",\"matter_id\":");
        string(out, fields.matterId());
        out.append(",\"outcome\":");
        string(out, fields.outcome());
        out.append(",\"request_id\":");
        string(out, fields.requestId());
        out.append(",\"source_ip\":");
        string(out, fields.sourceIp());
        out.append(",\"target_id\":");
        string(out, fields.targetId());
        out.append(",\"target_type\":");
        string(out, fields.targetType());
        out.append(",\"tenant\":");
        string(out, fields.tenant().toString());
        out.append(",\"time\":").append(fields.time());
        out.append(",\"user_agent\":");
        string(out, fields.userAgent());
        out.append(",\"v\":1}");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same bytes through Jackson and a general RFC 8785 implementation: the reference. */
    byte[] throughGeneralCanonicaliser(Fields fields) {
        var members = new LinkedHashMap<String, @Nullable Object>();
        members.put("v", 1);
        members.put("id", fields.id().toString());
        members.put("tenant", fields.tenant().toString());
        members.put("time", fields.time());
        members.put("actor_type", fields.actorType());
        members.put("actor_id", fields.actorId());
        members.put("action", fields.action());
        members.put("outcome", fields.outcome());
        members.put("target_type", fields.targetType());
        members.put("target_id", fields.targetId());
        members.put("matter_id", fields.matterId());
        members.put("source_ip", fields.sourceIp());
        members.put("user_agent", fields.userAgent());
        members.put("request_id", fields.requestId());
        members.put("details", fields.details());
        try {
            return new JsonCanonicalizer(json.writeValueAsString(members)).getEncodedUTF8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onlyStrings(Map<?, ?> details) {
        for (var entry : details.entrySet()) {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** An RFC 8785 string (ECMAScript JSON.stringify escaping), or null. */
    private static void string(StringBuilder out, @Nullable String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int plain = 0; // start of the run of characters copied as they are
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(value, plain, i);
            plain = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(value, plain, value.length()).append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static @Nullable String string(ResultSet row, String column) throws SQLException {
        Object value = row.getObject(column);
        return value == null ? null : value.toString();
    }
}
