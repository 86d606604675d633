package io.lexvault.ops.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A generated secret kept in a file only its owner can read (0600, in a 0700 directory), written
 * atomically so a crash never leaves a truncated secret behind.
 */
public final class SecretFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretFile() {}

    /** The secret in {@code file}, or a new random one (24 bytes, base64url) written there first. */
    public static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            byte[] random = new byte[24];
            RANDOM.nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
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
}
