package io.lexvault.assistant.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The canonical form and the offline check, without a server: what the CLI and an outsider rely on. */
class ReceiptVerificationTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String NAME = "lexvault.example/lexvault/audit";

    /** A verifier key in the signed-note format, as {@code /.well-known/lexvault-audit-keys} publishes it. */
    static String verifierKey(String name, byte[] publicKey) {
        byte[] typed = new byte[33];
        typed[0] = 1;
        System.arraycopy(publicKey, 0, typed, 1, 32);
        return name + "+" + HexFormat.of().formatHex(ReceiptVerification.keyHash(name, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    static ReceiptContent content(String provider) {
        return new ReceiptContent(
                UUID.fromString("6f1c0000-0000-4000-8000-000000000001"),
                UUID.fromString("a5e00000-0000-4000-8000-000000000002"),
                List.of("paralegal", "attorney", "attorney"),
                List.of(new ReceiptPassage(
                        UUID.fromString("d0c00000-0000-4000-8000-000000000003"),
                        3,
                        UUID.fromString("c4c00000-0000-4000-8000-000000000004"),
                        "ab".repeat(32))),
                provider,
                "gpt-4o-mini",
                "answer-v1",
                10,
                20,
                Instant.parse("2026-01-02T03:04:05.006789Z"));
    }

    record Signed(byte[] file, String verifierKey, byte[] publicKey) {}

    static Signed signed(ReceiptContent content) throws Exception {
        var pair = Ed25519Sign.KeyPair.newKeyPair();
        String key = verifierKey(NAME, pair.getPublicKey());
        String keyId = key.substring(0, key.indexOf('+', NAME.length() + 1));
        byte[] canonical = ReceiptFormat.canonicalJson(
                UUID.fromString("e1e00000-0000-4000-8000-000000000005"),
                UUID.fromString("f1f00000-0000-4000-8000-000000000006"),
                keyId,
                content);
        byte[] signature = new Ed25519Sign(pair.getPrivateKey()).sign(canonical);
        var file = ReceiptFile.of(new SignedReceipt(UUID.randomUUID(), canonical, signature, keyId), key);
        return new Signed(JSON.writeValueAsBytes(file), key, pair.getPublicKey());
    }

    @Test
    void theCanonicalFormSortsKeysAndRolesEscapesOnlyWhatJsonRequiresAndCutsTimeToMilliseconds() {
        byte[] json = ReceiptFormat.canonicalJson(
                UUID.fromString("e1e00000-0000-4000-8000-000000000005"),
                UUID.fromString("f1f00000-0000-4000-8000-000000000006"),
                NAME + "+01020304",
                content("Ünïcode \"quoted\" \\ back\u0001"));
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"answerTokens\":20,\"answeredAt\":\"2026-01-02T03:04:05.006Z\","
                        + "\"askerId\":\"a5e00000-0000-4000-8000-000000000002\","
                        + "\"askerRoles\":[\"attorney\",\"paralegal\"],"
                        + "\"firmId\":\"f1f00000-0000-4000-8000-000000000006\","
                        + "\"format\":\"lexvault-answer-receipt/1\","
                        + "\"keyId\":\"lexvault.example/lexvault/audit+01020304\","
                        + "\"matterId\":\"6f1c0000-0000-4000-8000-000000000001\","
                        + "\"model\":\"gpt-4o-mini\","
                        + "\"passages\":[{\"chunkId\":\"c4c00000-0000-4000-8000-000000000004\","
                        + "\"documentId\":\"d0c00000-0000-4000-8000-000000000003\","
                        + "\"sha256\":\"" + "ab".repeat(32) + "\",\"version\":3}],"
                        + "\"promptTemplateVersion\":\"answer-v1\",\"promptTokens\":10,"
                        + "\"provider\":\"Ünïcode \\\"quoted\\\" \\\\ back\\u0001\","
                        + "\"receiptId\":\"e1e00000-0000-4000-8000-000000000005\"}");
    }

    @Test
    void aGoodReceiptVerifiesWithTheVerifierKeyWithAPemKeyAndWithTheFilesOwnKey() throws Exception {
        var signed = signed(content("offline"));
        var result = ReceiptVerification.verify(signed.file(), signed.verifierKey());
        assertThat(result.outcome()).isEqualTo(ReceiptVerification.Outcome.VALID);
        assertThat(result.keyFromFile()).isFalse();
        assertThat(result.receipt().get("model").asString()).isEqualTo("gpt-4o-mini");

        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(concat(ReceiptVerification.SPKI_PREFIX, signed.publicKey()))
                + "\n-----END PUBLIC KEY-----\n";
        assertThat(ReceiptVerification.verify(signed.file(), pem).outcome())
                .isEqualTo(ReceiptVerification.Outcome.VALID);

        var own = ReceiptVerification.verify(signed.file(), null);
        assertThat(own.outcome()).isEqualTo(ReceiptVerification.Outcome.VALID);
        assertThat(own.keyFromFile()).isTrue();
    }

    @Test
    void aChangedByteIsTamperedAnotherKeyIsTheWrongKeyAndGarbageIsNoReceipt() throws Exception {
        var signed = signed(content("offline"));
        var envelope = (tools.jackson.databind.node.ObjectNode) JSON.readTree(signed.file());
        String json =
                new String(Base64.getDecoder().decode(envelope.get("receipt").asString()), StandardCharsets.UTF_8);
        envelope.put(
                "receipt",
                Base64.getEncoder()
                        .encodeToString(
                                json.replace("\"version\":3", "\"version\":4").getBytes(StandardCharsets.UTF_8)));
        assertThat(ReceiptVerification.verify(JSON.writeValueAsBytes(envelope), signed.verifierKey())
                        .outcome())
                .isEqualTo(ReceiptVerification.Outcome.TAMPERED);
        assertThat(ReceiptVerification.verify(JSON.writeValueAsBytes(envelope), null)
                        .outcome())
                .as("the file's own key cannot hide a change either")
                .isEqualTo(ReceiptVerification.Outcome.TAMPERED);

        var other = signed(content("offline"));
        assertThat(ReceiptVerification.verify(signed.file(), other.verifierKey())
                        .outcome())
                .isEqualTo(ReceiptVerification.Outcome.WRONG_KEY);

        assertThat(ReceiptVerification.verify("{}".getBytes(StandardCharsets.UTF_8), null)
                        .outcome())
                .isEqualTo(ReceiptVerification.Outcome.TAMPERED);
        assertThat(ReceiptVerification.verify("not json".getBytes(StandardCharsets.UTF_8), null)
                        .outcome())
                .isEqualTo(ReceiptVerification.Outcome.TAMPERED);
        assertThatThrownBy(() -> ReceiptVerification.verify(signed.file(), "nonsense"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("public key");
    }

    @Test
    void aKeyWhoseBase64HoldsAPlusSignStillVerifies() throws Exception {
        for (int tries = 0; tries < 200; tries++) {
            var signed = signed(content("offline"));
            String base64 = signed.verifierKey();
            if (signed.verifierKey().chars().filter(c -> c == '+').count() > 2) {
                assertThat(ReceiptVerification.verify(signed.file(), signed.verifierKey())
                                .outcome())
                        .as(base64)
                        .isEqualTo(ReceiptVerification.Outcome.VALID);
                return;
            }
        }
        throw new AssertionError("no key with '+' in its base64 in 200 tries");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
