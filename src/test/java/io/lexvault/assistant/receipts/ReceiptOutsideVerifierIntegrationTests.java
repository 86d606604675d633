package io.lexvault.assistant.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.google.crypto.tink.subtle.Ed25519Sign;
import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Member;
import io.lexvault.audit.AuditAction;
import io.lexvault.cli.AssistantCommand;
import io.lexvault.matters.MatterId;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A receipt as a customer gets it: downloaded through the API (404 across firms and walls), its key from
 * {@code /.well-known/lexvault-audit-keys}, and checked offline by the CLI, by the shell and Python
 * scripts of docs/assistant-receipts.md exactly as printed there, and by a verifier in plain Java written
 * from that document's rules alone: valid as issued, invalid after a one-byte change, and refused with
 * another key.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class ReceiptOutsideVerifierIntegrationTests extends FirmWithMattersTest {

    @Autowired
    AnswerReceipts receipts;

    @TempDir
    Path dir;

    People.Person attorney;
    People.Person screened;
    People.Person auditor;
    People.Person outsider;
    MatterId open;
    MatterId walled;

    @BeforeEach
    void aFirmWithAnOpenAndAWalledMatter() {
        firm = aFirm("Receipt files");
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        attorney = withRole(firm, BuiltInRole.ATTORNEY);
        screened = withRole(firm, BuiltInRole.ATTORNEY);
        auditor = withRole(firm, BuiltInRole.AUDITOR);
        var client = client(admin, "Acme Holdings");
        open = matter(admin, client, "F-1", "Acme share deal");
        walled = matter(admin, client, "F-2", "Acme tender");
        for (var matter : List.of(open, walled)) {
            onTeam(admin, matter, Member.user(attorney.id()), Member.user(screened.id()));
        }
        wall(admin, walled, null, "Acted for a bidder", Member.user(screened.id()));
        outsider = withRole(aFirm("Elsewhere"), BuiltInRole.ADMINISTRATOR);
    }

    SignedReceipt issued(MatterId matter) {
        return as(
                attorney,
                () -> receipts.issue(new ReceiptContent(
                        matter.value(),
                        attorney.id().value(),
                        List.of("attorney"),
                        List.of(
                                new ReceiptPassage(
                                        java.util.UUID.randomUUID(), 1, java.util.UUID.randomUUID(), "1f".repeat(32)),
                                new ReceiptPassage(
                                        java.util.UUID.randomUUID(), 3, java.util.UUID.randomUUID(), "e3".repeat(32))),
                        "openai-compatible",
                        "mistral-small \"eu\" / ü",
                        "answer-v1",
                        812,
                        64,
                        java.time.Instant.now())));
    }

    @Test
    void theApiHandsOutTheReceiptAsAFileOnlyToThoseWhoSeeItsMatter() throws Exception {
        var onOpen = issued(open);
        var onWalled = issued(walled);
        String path = "/api/v1/assistant/receipts/";

        var response = mvc.perform(get(path + onOpen.id()).cookie(http.signIn(attorney)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"receipt-" + onOpen.id() + ".json\"");
        JsonNode file = json.readTree(response.getContentAsByteArray());
        assertThat(file.get("format").asString()).isEqualTo("lexvault-answer-receipt/1");
        assertThat(Base64.getDecoder().decode(file.get("receipt").asString())).isEqualTo(onOpen.canonicalJson());
        assertThat(events(AuditFilters.onTarget(AuditAction.ASSISTANT_RECEIPT_FETCHED, onOpen.id())))
                .hasSize(1);

        var screenedSession = http.signIn(screened);
        assertThat(http.status(screenedSession, path + onOpen.id())).isEqualTo(200);
        assertThat(http.status(screenedSession, path + onWalled.id())).isEqualTo(404);
        assertThat(http.status(http.signIn(outsider), path + onOpen.id())).isEqualTo(404);
        assertThat(http.status(http.signIn(attorney), path + java.util.UUID.randomUUID()))
                .isEqualTo(404);
        assertThat(http.status(http.signIn(auditor), path + onOpen.id()))
                .as("assistant.use is needed")
                .isEqualTo(403);
    }

    @Test
    void theCliChecksAReceiptWithThePublishedKeyAndTellsTamperedFromWrongKey() throws Exception {
        var files = downloaded(issued(open));

        var valid = cli(
                "verify-receipt",
                files.receipt().toString(),
                "--public-key",
                files.keys().toString());
        assertThat(valid.status()).isZero();
        assertThat(valid.out())
                .startsWith("VALID")
                .contains("openai-compatible")
                .contains("passages (2)");
        assertThat(valid.out()).doesNotContain("Note:");

        var ownKey = cli("verify-receipt", files.receipt().toString());
        assertThat(ownKey.status()).isZero();
        assertThat(ownKey.out()).contains("Note: checked with the key inside the file");

        var tampered = cli(
                "verify-receipt",
                files.tampered().toString(),
                "--public-key",
                files.keys().toString());
        assertThat(tampered.status()).isEqualTo(AssistantCommand.TAMPERED);
        assertThat(tampered.out()).startsWith("INVALID (tampered)");

        var wrongKey = cli(
                "verify-receipt",
                files.receipt().toString(),
                "--public-key",
                files.otherKey().toString());
        assertThat(wrongKey.status()).isEqualTo(AssistantCommand.WRONG_KEY);
        assertThat(wrongKey.out()).startsWith("INVALID (wrong key)");

        var missing = cli("verify-receipt", dir.resolve("none.json").toString());
        assertThat(missing.status()).isEqualTo(AssistantCommand.UNUSABLE);
    }

    @Test
    void theShellScriptOfTheFormatDocumentWorksAsPrinted() throws Exception {
        assumeTrue(onPath("openssl") && onPath("jq") && onPath("xxd"), "openssl, jq and xxd are installed");
        var files = downloaded(issued(open));
        Path script = dir.resolve("verify-receipt.sh");
        Files.writeString(script, documentBlock("```sh\n"));

        var valid = run(
                "sh",
                script.toString(),
                files.receipt().toString(),
                files.keys().toString());
        assertThat(valid.status()).as(valid.out()).isZero();
        assertThat(valid.out()).startsWith("VALID").contains("\"answerTokens\": 64");
        var tampered = run(
                "sh",
                script.toString(),
                files.tampered().toString(),
                files.keys().toString());
        assertThat(tampered.status()).isEqualTo(1);
        assertThat(tampered.out()).contains("INVALID: the signature does not match");
        var wrongKey = run(
                "sh",
                script.toString(),
                files.receipt().toString(),
                files.otherKey().toString());
        assertThat(wrongKey.status()).isEqualTo(3);
    }

    @Test
    void thePythonScriptOfTheFormatDocumentWorksAsPrinted() throws Exception {
        assumeTrue(onPath("python3"), "python3 is installed");
        assumeTrue(run("python3", "-c", "import cryptography").status() == 0, "python3 has the cryptography package");
        var files = downloaded(issued(open));
        Path script = dir.resolve("verify_receipt.py");
        Files.writeString(script, documentBlock("```python\n"));

        var valid = run(
                "python3",
                script.toString(),
                files.receipt().toString(),
                files.keys().toString());
        assertThat(valid.status()).as(valid.out()).isZero();
        assertThat(valid.out()).startsWith("VALID");
        assertThat(run(
                                "python3",
                                script.toString(),
                                files.tampered().toString(),
                                files.keys().toString())
                        .status())
                .isNotZero();
        var wrongKey = run(
                "python3",
                script.toString(),
                files.receipt().toString(),
                files.otherKey().toString());
        assertThat(wrongKey.status()).isNotZero();
        assertThat(wrongKey.out()).contains("wrong key");
    }

    /**
     * Written from docs/assistant-receipts.md only, with the JDK's own Ed25519 (no Tink, no LexVault
     * class): decode, check the key id, verify, and write the content again by the canonical rules to
     * see the signed bytes are exactly that form.
     */
    @Test
    void aPlainJavaVerifierWrittenFromTheDocumentAgrees() throws Exception {
        var files = downloaded(issued(open));
        assertThat(outsideVerify(Files.readAllBytes(files.receipt()), Files.readString(files.keys())))
                .isEqualTo("valid");
        assertThat(outsideVerify(Files.readAllBytes(files.tampered()), Files.readString(files.keys())))
                .isEqualTo("invalid signature");
        assertThat(outsideVerify(Files.readAllBytes(files.receipt()), Files.readString(files.otherKey())))
                .isEqualTo("wrong key");
    }

    String outsideVerify(byte[] fileBytes, String keyLines) throws Exception {
        JsonNode file = json.readTree(fileBytes);
        if (!"lexvault-answer-receipt/1".equals(file.get("format").asString())) {
            return "not a receipt";
        }
        String keyId = file.get("keyId").asString();
        byte[] signed = Base64.getDecoder().decode(file.get("receipt").asString());
        byte[] signature = Base64.getDecoder().decode(file.get("signature").asString());
        JsonNode content = json.readTree(signed);
        if (!keyId.equals(content.get("keyId").asString())) {
            return "key id not signed";
        }
        String line = keyLines.lines()
                .filter(l -> l.startsWith(keyId + "+"))
                .findFirst()
                .orElse(null);
        if (line == null) {
            return "wrong key";
        }
        String name = keyId.substring(0, keyId.lastIndexOf('+'));
        byte[] typed = Base64.getDecoder().decode(line.substring(keyId.length() + 1));
        byte[] raw = java.util.Arrays.copyOfRange(typed, 1, 33);
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 1);
        String hash = HexFormat.of().formatHex(digest.digest(raw)).substring(0, 8);
        if (!hash.equals(keyId.substring(keyId.lastIndexOf('+') + 1))) {
            return "wrong key";
        }
        byte[] der = new byte[44];
        System.arraycopy(HexFormat.of().parseHex("302a300506032b6570032100"), 0, der, 0, 12);
        System.arraycopy(raw, 0, der, 12, 32);
        var verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        verifier.update(signed);
        if (!verifier.verify(signature)) {
            return "invalid signature";
        }
        assertThat(new String(signed, StandardCharsets.UTF_8))
                .as("the signed bytes are the canonical form of their own content")
                .isEqualTo(canonical(content));
        assertThat(content.get("answeredAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        return "valid";
    }

    /** The document's canonical rules: sorted members, no whitespace, JSON's escapes only, whole numbers. */
    static String canonical(JsonNode node) {
        if (node.isObject()) {
            var members = new TreeMap<String, JsonNode>();
            node.properties().forEach(e -> members.put(e.getKey(), e.getValue()));
            var parts = new ArrayList<String>();
            members.forEach((k, v) -> parts.add(quoted(k) + ":" + canonical(v)));
            return "{" + String.join(",", parts) + "}";
        }
        if (node.isArray()) {
            var parts = new ArrayList<String>();
            node.forEach(v -> parts.add(canonical(v)));
            return "[" + String.join(",", parts) + "]";
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        return quoted(node.asString());
    }

    static String quoted(String text) {
        var out = new StringBuilder("\"");
        text.chars().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", c) : String.valueOf((char) c));
            }
        });
        return out.append('"').toString();
    }

    record Files4(Path receipt, Path tampered, Path keys, Path otherKey) {}

    /** The receipt as the API gives it, a copy changed by one byte, the published key and another key. */
    Files4 downloaded(SignedReceipt signed) throws Exception {
        var session = http.signIn(attorney);
        byte[] file = mvc.perform(
                        get("/api/v1/assistant/receipts/" + signed.id()).cookie(session))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        String keys = mvc.perform(get("/.well-known/lexvault-audit-keys"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Path receipt = Files.write(dir.resolve("receipt.json"), file);
        var envelope = (ObjectNode) json.readTree(file);
        byte[] bytes = Base64.getDecoder().decode(envelope.get("receipt").asString());
        String changed =
                new String(bytes, StandardCharsets.UTF_8).replace("\"promptTokens\":812", "\"promptTokens\":813");
        envelope.put("receipt", Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8)));
        Path tampered = Files.write(dir.resolve("tampered.json"), json.writeValueAsBytes(envelope));
        Path keyFile = Files.writeString(dir.resolve("lexvault-audit-keys.txt"), keys);
        String name = signed.keyId().substring(0, signed.keyId().lastIndexOf('+'));
        Path other = Files.writeString(
                dir.resolve("other-key.txt"),
                ReceiptVerificationTests.verifierKey(
                                name, Ed25519Sign.KeyPair.newKeyPair().getPublicKey()) + "\n");
        return new Files4(receipt, tampered, keyFile, other);
    }

    record Run(int status, String out) {}

    Run cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var command = new CommandLine(new AssistantCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int status = command.execute(args);
        return new Run(status, out + err.toString());
    }

    static Run run(String... command) throws Exception {
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Timed out: " + String.join(" ", command));
        }
        return new Run(
                process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static boolean onPath(String tool) throws Exception {
        return run("sh", "-c", "command -v " + tool).status() == 0;
    }

    /** The code block of docs/assistant-receipts.md that starts with {@code fence}, exactly as printed. */
    static String documentBlock(String fence) throws Exception {
        String doc = Files.readString(Path.of("docs/assistant-receipts.md"));
        int start = doc.indexOf(fence);
        assertThat(start).as(fence).isNotNegative();
        start += fence.length();
        return doc.substring(start, doc.indexOf("```", start));
    }
}
