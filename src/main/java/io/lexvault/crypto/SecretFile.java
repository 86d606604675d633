package io.lexvault.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A generated secret kept in a file only its owner can read (0600, in a 0700 directory), written
 * atomically so a crash never leaves a truncated secret behind.
 */
public final class SecretFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {}

    /** The secret in {@code file}, or a new random one (24 bytes, base64url) written there first. */
    public static String readOrCreate(Path file) {
        return readOrCreate(file, () -> {
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        });
    }

    /** The secret in {@code file}, or a new one from {@code generator} written there first. */
    public static String readOrCreate(Path file, Supplier<String> generator) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return readChecked(file);
            }
            String secret = generator.get();
            if (!Files.exists(file.getParent())) {
                // A directory of its own (var/secrets) is private; an existing one keeps its mode.
                Files.createDirectories(file.getParent());
                Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
            }
            Path temporary = Files.createTempFile(
                    file.getParent(),
                    "secret-",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, secret + "\n");
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep a secret in " + file, e);
        }
    }

    /** Refuses a secret that others could have read or planted: a link, a foreign or loose file, an empty one. */
    private static String readChecked(Path file) throws IOException {
        var attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isRegularFile()) {
            throw new IllegalStateException(file + " must be a regular file, not a link or directory");
        }
        Object owner = Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (!owner.equals(self)) {
            throw new IllegalStateException(file + " must belong to the account running LexVault");
        }
        if (!Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
                .containsAll(attributes.permissions())) {
            throw new IllegalStateException(file + " is readable by others: run `chmod 600 " + file + "`");
        }
        String secret = Files.readString(file).strip();
        if (secret.isEmpty()) {
            throw new IllegalStateException(file + " is empty; remove it to have a new secret generated");
        }
        return secret;
    }
}
