package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import io.lexvault.crypto.LocalSecrets;
import io.lexvault.crypto.SecretFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * The root keyset in {@code <data dir>/secrets/root-keyset.json} (0600), generated on first start.
 * A root key rotation rewrites it in place, atomically; running servers read it again when they
 * wrap a keyset, and when a keyset fails to unwrap with what they loaded, so they follow a rotation
 * without a restart.
 */
public final class KeysetFile implements RootKeySource {

    static final String NAME = "root-keyset.json";

    private final Path file;
    private volatile Aead loaded;

    private KeysetFile(Path file, Aead loaded) {
        this.file = file;
        this.loaded = loaded;
    }

    /** The data directory's root keyset, generated (0600) when there is none yet. */
    static KeysetFile openOrCreate(Path dataDirectory) throws GeneralSecurityException {
        String json = LocalSecrets.readOrCreate(dataDirectory, NAME, RootKeysets::generateJson);
        return new KeysetFile(
                dataDirectory.resolve("secrets").resolve(NAME), RootKeysets.aead(RootKeysets.parse(json)));
    }

    public Path path() {
        return file;
    }

    /** Held while a rotation runs; closing it lets the next one in. */
    public interface RotationLock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * An exclusive lock on a file beside the keyset, held by one rotation at a time across processes:
     * two rotations at once would each add a key and remove the other's.
     *
     * @throws IllegalStateException when another rotation holds it
     */
    public RotationLock lockForRotation() {
        Path lockFile = file.resolveSibling("." + NAME + ".lock");
        try {
            var channel = FileChannel.open(
                    lockFile,
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("Another root key rotation is running (it holds " + lockFile + ")");
            }
            return () -> {
                try (channel) {
                    lock.release();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + lockFile, e);
        }
    }

    /**
     * Writes the keys a rotation removes to {@code root-keyset.retired-<key id>-<time>.json} beside
     * the file (0600, atomically, never overwriting one), before they are removed: database backups
     * taken before the rotation hold keysets wrapped under them, and restoring one needs them. The
     * operator moves the file to offline storage with those backups (docs/security.md §7).
     *
     * @return the file written
     */
    public Path retire(KeysetHandle oldKeys, Instant now) throws GeneralSecurityException {
        Path retired = file.resolveSibling("root-keyset.retired-"
                + Integer.toUnsignedString(oldKeys.getPrimary().getId()) + "-" + RETIRED_AT.format(now) + ".json");
        SecretFile.create(retired, RootKeysets.json(oldKeys));
        return retired;
    }

    private static final DateTimeFormatter RETIRED_AT =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The keyset now in the file; never generates one. */
    public KeysetHandle read() throws GeneralSecurityException {
        return RootKeysets.parse(SecretFile.read(file));
    }

    /** Replaces the file's keyset atomically (0600, forced to disk) and uses it from now on. */
    public synchronized void replace(KeysetHandle keyset) throws GeneralSecurityException {
        SecretFile.replace(file, RootKeysets.json(keyset));
        loaded = RootKeysets.aead(keyset);
    }

    @Override
    public Aead unwrapping() {
        return loaded;
    }

    /**
     * Read from the file every time: wrapping is rare (a firm's first keyset, a rotation), and a
     * server that wrapped under a key a rotation has since removed would make a keyset nobody can
     * unwrap.
     */
    @Override
    public synchronized Aead wrapping() throws GeneralSecurityException {
        loaded = RootKeysets.aead(read());
        return loaded;
    }

    @Override
    public synchronized Optional<Aead> reread() throws GeneralSecurityException {
        loaded = RootKeysets.aead(read());
        return Optional.of(loaded);
    }

    @Override
    public String description() {
        return "the keyset file " + file;
    }
}
