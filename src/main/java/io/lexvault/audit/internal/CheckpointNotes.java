package io.lexvault.audit.internal;

import com.google.crypto.tink.subtle.Ed25519Verify;
import io.lexvault.crypto.SigningKey;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkpoints in the C2SP formats: the body is a {@code tlog-checkpoint} (origin, tree size, base64
 * root hash, one per line), signed as a {@code signed-note} with Ed25519: the body, a blank line,
 * and "— name base64(key hash || signature)". The key hash is the first four bytes of
 * SHA-256(name || "\n" || 0x01 || public key); the published verifier key is
 * "name+hex(key hash)+base64(0x01 || public key)".
 */
public final class CheckpointNotes {

    /** Ed25519's algorithm byte in signed notes. */
    static final byte ED25519 = 0x01;

    private CheckpointNotes() {}

    /** "lexvault.example/lexvault/audit/<firm id>": the key name of {@link #keyName}, then the firm. */
    public static String origin(String publicUrl, UUID firm) {
        return keyName(publicUrl) + "/" + firm;
    }

    /**
     * The key's name in notes and in the verifier key: the public address without its scheme, its
     * host in lower case, its port unless it is the scheme's default, its path without the final
     * slash, then "/lexvault/audit". Everything that tells one installation's address from another's
     * is in it: two installations on one host (on two ports, or under two paths) otherwise sign under
     * the same name, and a verifier could not tell their checkpoints apart.
     */
    public static String keyName(String publicUrl) {
        URI address = URI.create(publicUrl);
        if (address.getHost() == null) {
            throw new IllegalArgumentException("The public address has no host.");
        }
        var name = new StringBuilder(address.getHost().toLowerCase(java.util.Locale.ROOT));
        int port = address.getPort();
        boolean defaultPort = port == -1
                || ("https".equalsIgnoreCase(address.getScheme()) && port == 443)
                || ("http".equalsIgnoreCase(address.getScheme()) && port == 80);
        if (!defaultPort) {
            name.append(':').append(port);
        }
        String path = address.getRawPath() == null ? "" : address.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        name.append(path).append("/lexvault/audit");
        if (name.indexOf("+") >= 0) {
            // A signed note's key name ends at its first '+' in the verifier key.
            throw new IllegalArgumentException("The public address may not contain '+'.");
        }
        return name.toString();
    }

    /**
     * The key names of the note's signature lines, in order: who the note says signed it. A verifier
     * holding the key itself checks the signature under each of these names.
     */
    public static List<String> signerNames(String note) {
        int end = note.indexOf("\n\n");
        if (end < 0) {
            return List.of();
        }
        var names = new ArrayList<String>();
        for (String line : note.substring(end + 2).split("\n")) {
            if (line.startsWith("\u2014 ")) {
                int space = line.indexOf(' ', 2);
                if (space > 2) {
                    names.add(line.substring(2, space));
                }
            }
        }
        return names;
    }

    public static String body(String origin, long size, byte[] root) {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    }

    public static String sign(String body, String keyName, SigningKey key) {
        byte[] signature = key.sign(body.getBytes(StandardCharsets.UTF_8));
        var signed = new ByteArrayOutputStream();
        signed.writeBytes(keyHash(keyName, key.publicKey()));
        signed.writeBytes(signature);
        return body + "\n\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(signed.toByteArray()) + "\n";
    }

    /** A checkpoint's body, read from a note whose signature checked. */
    public record Checkpoint(String origin, long size, byte[] root) {}

    /**
     * Reads a signed note and checks it carries a valid signature by the named key over its body.
     * Empty when the note is malformed, not signed by that key, or the signature does not verify.
     */
    public static Optional<Checkpoint> verify(String note, String keyName, byte[] publicKey) {
        int end = note.indexOf("\n\n");
        if (end < 0) {
            return Optional.empty();
        }
        String body = note.substring(0, end + 1);
        String[] lines = body.split("\n", -1);
        if (lines.length < 4) { // origin, size, root, and the empty string after the last line feed
            return Optional.empty();
        }
        byte[] keyHash = keyHash(keyName, publicKey);
        String prefix = "\u2014 " + keyName + " ";
        for (String line : note.substring(end + 2).split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            try {
                byte[] signed = Base64.getDecoder().decode(line.substring(prefix.length()));
                if (signed.length != 4 + 64 || !Arrays.equals(Arrays.copyOf(signed, 4), keyHash)) {
                    continue;
                }
                new Ed25519Verify(publicKey)
                        .verify(Arrays.copyOfRange(signed, 4, signed.length), body.getBytes(StandardCharsets.UTF_8));
                long size = Long.parseLong(lines[1]);
                byte[] root = Base64.getDecoder().decode(lines[2]);
                if (size < 0 || root.length != MerkleTree.HASH_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(new Checkpoint(lines[0], size, root));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // A line that does not verify (or a body that does not parse) is no checkpoint.
            }
        }
        return Optional.empty();
    }

    public static String verifierKey(String keyName, byte[] publicKey) {
        byte[] typed = new byte[publicKey.length + 1];
        typed[0] = ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return keyName + "+" + java.util.HexFormat.of().formatHex(keyHash(keyName, publicKey)) + "+"
                + Base64.getEncoder().encodeToString(typed);
    }

    static byte[] keyHash(String keyName, byte[] publicKey) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(keyName.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(ED25519);
            return Arrays.copyOf(digest.digest(publicKey), 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
