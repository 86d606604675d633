package io.lexvault.assistant.receipts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The receipt's canonical JSON ({@value #FORMAT}, docs/assistant-receipts.md): the bytes that are
 * signed. One way to write each receipt, so that anyone can see that what was signed is exactly what the
 * file says: RFC 8785 (JCS) rules for the subset used here — object keys sorted, no whitespace, UTF-8,
 * strings escaped only where JSON requires it, integers only, timestamps as UTC text with milliseconds.
 */
public final class ReceiptFormat {

    /** The format's name and version, the {@code format} member of every receipt. */
    public static final String FORMAT = "lexvault-answer-receipt/1";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ReceiptFormat() {}

    /** The time as the receipt states it: UTC, milliseconds, e.g. {@code 2026-12-07T14:15:34.123Z}. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** The canonical JSON of a receipt, UTF-8. */
    public static byte[] canonicalJson(UUID receiptId, UUID firm, String keyId, ReceiptContent content) {
        var passages = content.passages().stream()
                .map(p -> (Object) Map.<String, Object>of(
                        "chunkId", p.chunkId().toString(),
                        "documentId", p.documentId().toString(),
                        "sha256", p.sha256(),
                        "version", p.version()))
                .toList();
        var receipt = new TreeMap<String, Object>();
        receipt.put("answerTokens", content.answerTokens());
        receipt.put("answeredAt", timestamp(content.answeredAt()));
        receipt.put("askerId", content.askerId().toString());
        receipt.put(
                "askerRoles",
                content.askerRoles().stream()
                        .sorted()
                        .distinct()
                        .map(r -> (Object) r)
                        .toList());
        receipt.put("firmId", firm.toString());
        receipt.put("format", FORMAT);
        receipt.put("keyId", keyId);
        receipt.put("matterId", content.matterId().toString());
        receipt.put("model", content.model());
        receipt.put("passages", passages);
        receipt.put("promptTemplateVersion", content.promptTemplateVersion());
        receipt.put("promptTokens", content.promptTokens());
        receipt.put("provider", content.provider());
        receipt.put("receiptId", receiptId.toString());
        var out = new StringBuilder();
        write(out, receipt);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                // Keys are ASCII here, so String order is JCS's UTF-16 code unit order.
                for (var entry : new TreeMap<>(map).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, (String) entry.getKey());
                    out.append(':');
                    write(out, entry.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(out, list.get(i));
                }
                out.append(']');
            }
            case Integer number -> out.append(number.intValue());
            case String text -> string(out, text);
            default -> throw new IllegalArgumentException("Not in a receipt: " + value.getClass());
        }
    }

    /** JCS string escaping: the two-character escapes JSON has, backslash-u and four lower-case hex digits for other controls, nothing else. */
    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c)
                            && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)))) {
                throw new IllegalArgumentException("A lone surrogate has no UTF-8 form");
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
