package io.lexvault.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /**
     * The secret in an existing {@code file}, checked like a generated one; never generates one (a
     * missing root keyset must not quietly become a new one).
     */
    public static String read(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(file + " does not exist");
            }
            return readChecked(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the secret in " + file, e);
        }
    }

    /**
     * Writes {@code secret} to {@code file}, replacing what is there, so that a crash at any moment
     * leaves either the old or the new content, never a mix or a truncated file: a temporary file
     * beside it (0600 from its creation), forced to disk, renamed over the old one, and the
     * directory forced so the rename survives a power loss too.
     */
    public static void replace(Path file, String secret) {
        write(file, secret, true);
    }

    /** Like {@link #replace} for a file that must not exist yet (nothing is overwritten). */
    public static void create(Path file, String secret) {
        write(file, secret, false);
    }

    private static void write(Path file, String secret, boolean replacing) {
        Path directory = file.toAbsolutePath().getParent();
        // A fixed name, so a crash leaves at most one stale temporary file, removed by the next attempt.
        Path temporary = directory.resolve("." + file.getFileName() + ".new");
        try {
            if (!replacing && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(file + " exists already; choose another file or remove it");
            }
            Files.deleteIfExists(temporary);
            Files.createFile(
                    temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                var bytes = ByteBuffer.wrap((secret + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (replacing) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                // A hard link fails if the name exists, atomically: nothing is overwritten, even in a race.
                Files.createLink(file, temporary);
                Files.delete(temporary);
            }
            try (var directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
                directoryChannel.force(true);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(file + " exists already; choose another file or remove it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the secret to " + file, e);
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
