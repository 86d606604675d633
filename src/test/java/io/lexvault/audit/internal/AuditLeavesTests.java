package io.lexvault.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leaf bytes written directly in canonical form are exactly those of the general RFC 8785 path
 * (Jackson, then a JCS implementation) that defined them first: a difference would make every leaf
 * written one way fail verification the other way.
 */
class AuditLeavesTests {

    private static final UUID FIRM = UUID.fromString("0a3f6c1e-8b9d-4e2f-a1b2-c3d4e5f60718");
    private static final UUID EVENT = UUID.fromString("5b8e2f40-1c3d-4a5b-9c6d-7e8f90a1b2c3");

    private final AuditLeaves leaves = new AuditLeaves(JsonMapper.builder().build());

    @Test
    void aLedgerEventIsWrittenInTheDocumentedCanonicalForm() {
        var fields = fields(
                1767600000123L,
                "sign_in.failed",
                null,
                "203.0.113.7",
                "Mozilla/5.0 \"quoted\"",
                Map.of("reason", "wrong_password", "attempt", "3"));
        assertThat(new String(leaves.canonical(fields), StandardCharsets.UTF_8))
                .isEqualTo("{\"action\":\"sign_in.failed\",\"actor_id\":null,\"actor_type\":\"anonymous\","
                        + "\"details\":{\"attempt\":\"3\",\"reason\":\"wrong_password\"},\"id\":\"" + EVENT
                        + "\",\"matter_id\":null,\"outcome\":\"failure\",\"request_id\":null,"
                        + "\"source_ip\":\"203.0.113.7\",\"target_id\":null,\"target_type\":null,\"tenant\":\"" + FIRM
                        + "\",\"time\":1767600000123,\"user_agent\":\"Mozilla/5.0 \\\"quoted\\\"\",\"v\":1}");
        assertThat(leaves.canonical(fields)).isEqualTo(leaves.throughGeneralCanonicaliser(fields));
    }

    @Test
    void escapingAndKeyOrderMatchTheGeneralCanonicaliser() {
        var tricky = List.of(
                "",
                "plain",
                "quote \" backslash \\ slash / angle < >",
                "controls \u0000 \u0001 \b \t \n \u000b \f \r \u001f del \u007f",
                "latin é ß, cjk 漢字, emoji 😀, line separator \u2028, bom \ufeff",
                "ﬁ ligature sorts after 😀 by UTF-16 units, before it by code points");
        for (String a : tricky) {
            for (String b : tricky) {
                var details = new LinkedHashMap<String, Object>();
                details.put(b, a);
                details.put("\ufb01", b);
                details.put("😀", a);
                details.put("z", "");
                var fields = fields(-42, a, b, a, b, details);
                assertThat(new String(leaves.canonical(fields), StandardCharsets.UTF_8))
                        .isEqualTo(new String(leaves.throughGeneralCanonicaliser(fields), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void randomEventsGiveTheSameBytesBothWays() {
        var random = new Random(8785);
        char[] alphabet = "aZ09 _.-\"\\/\b\f\n\r\t\u0000\u0007\u001f\u007féß漢😀\u2028".toCharArray();
        for (int n = 0; n < 5_000; n++) {
            var details = new LinkedHashMap<String, Object>();
            for (int k = random.nextInt(5); k > 0; k--) {
                details.put(randomString(random, alphabet), randomString(random, alphabet));
            }
            var fields = new AuditLeaves.Fields(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    random.nextLong(-(1L << 53), 1L << 53),
                    maybe(random, "user"),
                    maybe(random, UUID.randomUUID().toString()),
                    randomString(random, alphabet),
                    maybe(random, "success"),
                    maybe(random, randomString(random, alphabet)),
                    maybe(random, UUID.randomUUID().toString()),
                    maybe(random, UUID.randomUUID().toString()),
                    maybe(random, randomString(random, alphabet)),
                    maybe(random, randomString(random, alphabet)),
                    maybe(random, randomString(random, alphabet)),
                    details);
            assertThat(leaves.canonical(fields)).isEqualTo(leaves.throughGeneralCanonicaliser(fields));
        }
    }

    @Test
    void rowsTheLedgerNeverWritesStillGetTheGeneralCanonicalForm() {
        var nested = new LinkedHashMap<String, @Nullable Object>();
        nested.put("count", 1.5e21);
        nested.put("list", List.of(1, "two"));
        nested.put("none", null);
        nested.put("flag", true);
        for (var fields : List.of(
                fields(1767600000123L, "matter.changed", null, null, null, nested),
                fields(1L << 60, "matter.changed", null, null, null, Map.of()),
                fields(-(1L << 55), "matter.changed", null, null, null, Map.of("a", "b")))) {
            assertThat(leaves.canonical(fields)).isEqualTo(leaves.throughGeneralCanonicaliser(fields));
        }
    }

    private static AuditLeaves.Fields fields(
            long time,
            String action,
            @Nullable String actorId,
            @Nullable String sourceIp,
            @Nullable String userAgent,
            Map<?, ?> details) {
        return new AuditLeaves.Fields(
                EVENT,
                FIRM,
                time,
                actorId == null ? "anonymous" : "user",
                actorId,
                action,
                actorId == null ? "failure" : "success",
                null,
                null,
                null,
                sourceIp,
                userAgent,
                null,
                details);
    }

    private static String randomString(Random random, char[] alphabet) {
        var out = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            char c = alphabet[random.nextInt(alphabet.length)];
            if (Character.isHighSurrogate(c)) {
                out.append("😀"); // whole pairs only: PostgreSQL text is valid UTF-8
            } else if (!Character.isLowSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static @Nullable String maybe(Random random, String value) {
        return random.nextInt(4) == 0 ? null : value;
    }
}
