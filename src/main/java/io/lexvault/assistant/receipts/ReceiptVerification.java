package io.lexvault.assistant.receipts;

import com.google.crypto.tink.subtle.Ed25519Verify;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a receipt file offline (docs/assistant-receipts.md), the way an outsider would: decode the
 * canonical JSON and the signature, find the key the receipt names among the keys given, and verify the
 * Ed25519 signature over exactly those bytes. Needs no server, no database and no secret.
 */
public final class ReceiptVerification {

    /** What the check found. */
    public enum Outcome {
        /** The signature is good under the key the receipt names. */
        VALID,
        /** Not a receipt, or its bytes or signature were changed after signing. */
        TAMPERED,
        /** The receipt names a key other than the one given: signed by someone else, or the key is not the firm's. */
        WRONG_KEY
    }

    /**
     * @param receipt the receipt's content when it parsed, else null
     * @param keyFromFile true when no key was given and the file's own key was used (integrity, not origin)
     */
    public record Result(
            Outcome outcome, String explanation, @Nullable JsonNode receipt, boolean keyFromFile) {}

    /** A public key as given: its name in signed notes (null for a bare key) and its 32 bytes. */
    record Key(@Nullable String name, byte[] raw) {}

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow. */
    static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReceiptVerification() {}

    /**
     * @param file the receipt file's bytes
     * @param publicKeys the firm's key(s): the text of {@code /.well-known/lexvault-audit-keys} (one
     *     verifier key a line) or a PEM Ed25519 public key; null to use the key in the file itself
     */
    public static Result verify(byte[] file, @Nullable String publicKeys) {
        final String keyId;
        final byte[] canonical;
        final byte[] signature;
        final JsonNode content;
        final String embeddedKey;
        try {
            JsonNode envelope = JSON.readTree(file);
            if (!ReceiptFormat.FORMAT.equals(text(envelope, "format"))) {
                return tampered("The file is not a " + ReceiptFormat.FORMAT + " receipt.", null);
            }
            keyId = text(envelope, "keyId");
            embeddedKey = text(envelope, "publicKey");
            canonical = Base64.getDecoder().decode(text(envelope, "receipt"));
            signature = Base64.getDecoder().decode(text(envelope, "signature"));
            content = JSON.readTree(canonical);
        } catch (JacksonException | IllegalArgumentException e) {
            return tampered("The file is not a readable receipt: " + safe(e), null);
        }
        if (!content.isObject()
                || !ReceiptFormat.FORMAT.equals(optionalText(content, "format"))
                || !keyId.equals(optionalText(content, "keyId"))) {
            return tampered("The signed receipt does not state this format and key id.", content);
        }
        List<Key> keys;
        try {
            keys = publicKeys == null ? parseKeys(embeddedKey) : parseKeys(publicKeys);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The public key cannot be read: " + e.getMessage(), e);
        }
        boolean fromFile = publicKeys == null;
        Key match = null;
        for (Key key : keys) {
            if (keyId.equals(idOf(key, keyId))) {
                match = key;
                break;
            }
        }
        if (match == null) {
            return new Result(
                    Outcome.WRONG_KEY,
                    "The receipt was signed by key " + keyId + ", which is not the key given.",
                    content,
                    fromFile);
        }
        if (signature.length != 64) {
            return tampered("The signature is not 64 bytes long.", content);
        }
        try {
            new Ed25519Verify(match.raw()).verify(signature, canonical);
        } catch (GeneralSecurityException e) {
            return tampered("The signature does not match the receipt: it was changed after signing.", content);
        }
        return new Result(Outcome.VALID, "The signature is valid, by key " + keyId + ".", content, fromFile);
    }

    /** Verifier-key lines ("name+hex(hash)+base64(0x01 || key)") or one PEM Ed25519 public key. */
    static List<Key> parseKeys(String text) {
        var keys = new ArrayList<Key>();
        if (text.contains("-----BEGIN PUBLIC KEY-----")) {
            String body = text.substring(text.indexOf("-----BEGIN PUBLIC KEY-----") + 26);
            int end = body.indexOf("-----END PUBLIC KEY-----");
            if (end < 0) {
                throw new IllegalArgumentException("the PEM block has no end");
            }
            byte[] der = Base64.getMimeDecoder().decode(body.substring(0, end));
            if (der.length != SPKI_PREFIX.length + 32
                    || !Arrays.equals(Arrays.copyOf(der, SPKI_PREFIX.length), SPKI_PREFIX)) {
                throw new IllegalArgumentException("the PEM key is not an Ed25519 public key");
            }
            keys.add(new Key(null, Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length)));
            return keys;
        }
        for (String line : text.split("\\R")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\+", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("a verifier key is name+hash+key");
            }
            byte[] typed = Base64.getDecoder().decode(parts[2]);
            if (typed.length != 33 || typed[0] != 0x01) {
                throw new IllegalArgumentException("the verifier key is not an Ed25519 key");
            }
            var key = new Key(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
            if (!HexFormat.of().formatHex(keyHash(parts[0], key.raw())).equals(parts[1])) {
                throw new IllegalArgumentException("the verifier key's hash does not match its name and key");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key found");
        }
        return keys;
    }

    /** The key's id as a receipt states it; a bare key takes the name the receipt names. */
    private static String idOf(Key key, String receiptKeyId) {
        String name = key.name();
        if (name == null) {
            int plus = receiptKeyId.lastIndexOf('+');
            name = plus < 0 ? receiptKeyId : receiptKeyId.substring(0, plus);
        }
        return name + "+" + HexFormat.of().formatHex(keyHash(name, key.raw()));
    }

    /** The signed-note key hash: the first 4 bytes of SHA-256(name || "\n" || 0x01 || key). */
    static byte[] keyHash(String name, byte[] publicKey) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update((byte) 0x01);
            return Arrays.copyOf(digest.digest(publicKey), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("member " + field + " is missing or not text");
        }
        return value.asString();
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.asString();
    }

    private static Result tampered(String explanation, @Nullable JsonNode content) {
        return new Result(Outcome.TAMPERED, explanation, content, false);
    }

    /** Our own words for a parse failure: the parser's message could quote the file at length. */
    private static String safe(Exception e) {
        return e instanceof JacksonException ? "it is not valid JSON." : e.getMessage() + ".";
    }
}
