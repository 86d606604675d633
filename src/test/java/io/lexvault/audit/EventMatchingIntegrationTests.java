package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The verifier builds each leaf from the bytes of a binary COPY of the events (EventMatching), the
 * sequencer from a JDBC row (AuditLeaves): for every kind of row both must give the same bytes, or a
 * sound log fails verification. Rows are written straight into the tables with values the ledger's
 * checks let through (escapes, controls, quotes, non-ASCII text, detail keys of every length and
 * order, non-string details, times before 1970 with microseconds, beyond 2^53 ms and infinite), the
 * real sequencer hashes them, and the verifier must pass them all and still notice one changed byte.
 */
// Same context as the other audit tests (MockMvc and the throttle setting go unused here).
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class EventMatchingIntegrationTests {

    private static final char[] ALPHABET =
            "aZ09 _.-:/\"\\\b\f\n\r\t\u0001\u0007\u001f\u007fé߀漢😀\u2028\u00a0".toCharArray();

    @Autowired
    Tenants tenants;

    @Autowired
    AuditSequencer sequencer;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    JsonMapper json;

    @Test
    void everyKindOfRowHashesAsTheSequencerHashedIt() throws Exception {
        var firm = Firms.aFirm(tenants, "Leaves " + TestDatabase.randomName());
        var random = new Random(6962);
        var ids = new ArrayList<UUID>();
        try (var connection = TestDatabase.shared().administrator().connect()) {
            for (String time : List.of(
                    "1969-12-31 23:59:59.999999+00",
                    "1900-01-01 00:00:00.000001+00",
                    "2026-12-07 04:30:00.123456+00",
                    "infinity",
                    "-infinity",
                    "200000-01-01 00:00:00+00")) {
                ids.add(insert(connection, firm, time, random, details(random)));
            }
            for (String details : List.of(
                    "{}",
                    "{\"n\": 1}",
                    "{\"a\": {\"b\": \"c\"}}",
                    "{\"list\": [1, \"two\", null, true]}",
                    "{\"big\": 1.5e21, \"small\": -0.0}",
                    "{\"é\": \"key beyond ASCII\", \"e\": \"x\"}",
                    "{\"😀\": \"a\", \"\uFB01\": \"b\"}",
                    "{\"tab\\tkey\": \"escaped key\"}",
                    "{\"zz\": \"\\u0001\\u001f \\\" \\\\ / \u2028\", \"a\": \"\", \"mm\": \"€\"}")) {
                ids.add(insert(connection, firm, "2026-01-05 08:00:00+00", random, details));
            }
            for (int n = 0; n < 500; n++) {
                var at = java.time.Instant.parse("2026-01-05T08:00:00Z")
                        .plus(random.nextInt(1_000_000_000), java.time.temporal.ChronoUnit.MICROS);
                ids.add(insert(connection, firm, at.toString(), random, details(random)));
            }
        }
        sequencer.sequencePending();

        var report = verifier.verify(firm, null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.leaves()).isEqualTo(ids.size());

        // One byte of one detail changed: the leaf no longer matches.
        try (var connection = TestDatabase.shared().administrator().connect()) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
            }
            try (var statement =
                    connection.prepareStatement("UPDATE lexvault.audit_events SET details = ?::jsonb WHERE id = ?")) {
                statement.setString(1, "{\"zz\": \"\\u0001\\u001f \\\" \\\\ / \u2028\", \"a\": \"\", \"mm\": \"€!\"}");
                statement.setObject(2, ids.get(14));
                assertThat(statement.executeUpdate()).isOne();
            }
        }
        assertThat(verifier.verify(firm, null).problems().getFirst())
                .startsWith("Leaf 14: the event does not match its leaf hash");
    }

    /** An event row and its queue row; {@code time} as PostgreSQL reads a timestamptz. */
    private UUID insert(Connection connection, TenantId firm, String time, Random random, String details)
            throws SQLException {
        var id = UUID.randomUUID();
        boolean onMatter = random.nextInt(4) == 0;
        var matter = onMatter ? UUID.randomUUID() : null;
        try (var statement = connection.prepareStatement("""
                WITH event AS (
                    INSERT INTO lexvault.audit_events (tenant_id, id, occurred_at, actor_type, actor_id, action, outcome,
                                                       target_type, target_id, matter_id, scope_matter_id, client_id,
                                                       source_ip, user_agent, request_id, details)
                    VALUES (?, ?, ?::timestamptz, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    RETURNING tenant_id, id)
                INSERT INTO lexvault.audit_queue (tenant_id, event_id) SELECT tenant_id, id FROM event
                """)) {
            statement.setObject(1, firm.value());
            statement.setObject(2, id);
            statement.setString(3, time);
            boolean user = random.nextBoolean();
            statement.setString(4, user ? "user" : "system");
            statement.setObject(5, user ? UUID.randomUUID() : null);
            statement.setString(6, random.nextBoolean() ? "matter.changed" : "sign_in.failed");
            statement.setString(7, List.of("success", "denied", "failure").get(random.nextInt(3)));
            statement.setString(8, random.nextBoolean() ? "document" : null);
            statement.setObject(9, random.nextBoolean() ? UUID.randomUUID() : null);
            statement.setObject(10, matter);
            statement.setObject(11, matter);
            statement.setObject(12, onMatter ? UUID.randomUUID() : null);
            statement.setString(13, maybe(random, text(random, 20)));
            statement.setString(14, maybe(random, text(random, 100)));
            statement.setString(15, maybe(random, text(random, 30)));
            statement.setString(16, details);
            statement.executeUpdate();
        }
        return id;
    }

    /** Details as the ledger writes them: string values, up to six keys of assorted lengths. */
    private String details(Random random) {
        var details = new java.util.LinkedHashMap<String, String>();
        for (int k = random.nextInt(7); k > 0; k--) {
            String key = random.nextInt(10) == 0 ? text(random, 6) : "key" + "_x".repeat(random.nextInt(4)) + k;
            details.put(key, text(random, 40));
        }
        return json.writeValueAsString(details);
    }

    private static @Nullable String maybe(Random random, String value) {
        return random.nextInt(5) == 0 ? null : value;
    }

    /** Up to {@code most} characters of the alphabet; each takes at most 4 bytes. */
    private static String text(Random random, int most) {
        var out = new StringBuilder();
        for (int i = random.nextInt(most + 1); i > 0; i--) {
            char c = ALPHABET[random.nextInt(ALPHABET.length)];
            if (Character.isHighSurrogate(c)) {
                out.append("😀"); // whole pairs only: PostgreSQL text is valid UTF-8
            } else if (!Character.isLowSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
