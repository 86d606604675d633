package io.lexvault.cli;

import io.lexvault.assistant.receipts.ReceiptVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

@Command(
        name = "assistant",
        mixinStandardHelpOptions = true,
        description = "The AI assistant's answer receipts (docs/assistant-receipts.md).",
        subcommands = {AssistantCommand.VerifyReceipt.class})
public final class AssistantCommand extends CommandGroup {

    /** Exit status of a receipt whose signature does not verify, or a file that is no receipt. */
    public static final int TAMPERED = 1;

    /** Exit status of an unreadable file or key, or a wrong option (picocli's usage status). */
    public static final int UNUSABLE = 2;

    /** Exit status of a receipt signed by a key other than the one given. */
    public static final int WRONG_KEY = 3;

    @Command(
            name = "verify-receipt",
            mixinStandardHelpOptions = true,
            description = "Checks an answer receipt offline: that its Ed25519 signature is good and made by the"
                    + " firm's audit key. Needs no server and no database. Exits 0 when valid, "
                    + TAMPERED + " when the receipt was changed (or is no receipt), " + WRONG_KEY
                    + " when another key signed it, " + UNUSABLE + " when the file or key cannot be read.")
    static final class VerifyReceipt implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "<file>", description = "The receipt file (JSON, as downloaded)")
        Path file;

        @Option(
                names = "--public-key",
                paramLabel = "<file>",
                description = "The firm's audit public key: the text of https://<server>/.well-known/"
                        + "lexvault-audit-keys (one verifier key a line) or a PEM Ed25519 public key. Without it,"
                        + " the key inside the receipt file is used, which shows the file is intact but not who"
                        + " signed it.")
        @Nullable
        Path publicKey;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            var err = spec.commandLine().getErr();
            byte[] receipt;
            String key;
            try {
                receipt = Files.readAllBytes(file);
                key = publicKey == null ? null : Files.readString(publicKey, StandardCharsets.UTF_8);
            } catch (java.nio.file.NoSuchFileException e) {
                err.println("lexvault: no such file: " + e.getFile());
                return UNUSABLE;
            } catch (IOException e) {
                err.println("lexvault: cannot read " + e.getMessage());
                return UNUSABLE;
            }
            ReceiptVerification.Result result;
            try {
                result = ReceiptVerification.verify(receipt, key);
            } catch (IllegalArgumentException e) {
                err.println("lexvault: " + e.getMessage());
                return UNUSABLE;
            }
            int status = switch (result.outcome()) {
                case VALID -> 0;
                case TAMPERED -> TAMPERED;
                case WRONG_KEY -> WRONG_KEY;
            };
            out.println(switch (result.outcome()) {
                        case VALID -> "VALID: ";
                        case TAMPERED -> "INVALID (tampered): ";
                        case WRONG_KEY -> "INVALID (wrong key): ";
                    }
                    + result.explanation());
            if (result.receipt() != null && result.outcome() == ReceiptVerification.Outcome.VALID) {
                print(out, result.receipt());
            }
            if (result.outcome() == ReceiptVerification.Outcome.VALID && result.keyFromFile()) {
                out.println("Note: checked with the key inside the file, which shows the receipt is intact but not"
                        + " that your firm's server signed it. Check again with --public-key and the key from"
                        + " https://<your LexVault address>/.well-known/lexvault-audit-keys.");
            }
            out.flush();
            return status;
        }

        /** What the receipt attests, for a person to read; the signed JSON itself is the authority. */
        private static void print(PrintWriter out, JsonNode receipt) {
            for (String field : new String[] {
                "receiptId",
                "firmId",
                "matterId",
                "askerId",
                "answeredAt",
                "provider",
                "model",
                "promptTemplateVersion",
                "promptTokens",
                "answerTokens"
            }) {
                JsonNode value = receipt.get(field);
                out.printf("  %-22s %s%n", field, value == null ? "-" : value.asString());
            }
            JsonNode roles = receipt.get("askerRoles");
            out.printf("  %-22s %s%n", "askerRoles", roles == null ? "-" : roles.toString());
            JsonNode passages = receipt.get("passages");
            if (passages != null && passages.isArray()) {
                out.printf("  passages (%d):%n", passages.size());
                int n = 1;
                for (JsonNode passage : passages) {
                    out.printf(
                            "    [%d] document %s v%s chunk %s sha256 %s%n",
                            n++,
                            passage.path("documentId").asString(),
                            passage.path("version").asString(),
                            passage.path("chunkId").asString(),
                            passage.path("sha256").asString());
                }
            }
        }
    }
}
