package io.lexvault.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Blobs as files under a root directory, one file per key ({@code a/b.bin} is {@code <root>/a/b.bin}).
 *
 * <p>Crash safety: content goes to a temporary file in the target's own directory, is forced to disk,
 * then renamed over the final name (an atomic rename on POSIX file systems), and the directory is
 * forced so the rename survives a power cut. A crash therefore leaves either the old blob or the new
 * one under the key, never half of one; at worst a temporary file remains, whose name ({@code
 * ~put-...}) no key can have, so listing never reports it.
 *
 * <p>Files are 0600 and directories 0700 where the file system is POSIX: blobs are the firm's
 * documents, readable by LexVault's account only.
 */
final class FilesystemBlobStore implements BlobStore {

    static final String TEMPORARY_PREFIX = "~put-";

    private static final int BUFFER = 64 * 1024;

    private final Path root;

    FilesystemBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        if (Files.exists(this.root) && !Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("The blob store's root is not a directory: " + this.root);
        }
    }

    Path root() {
        return root;
    }

    @Override
    public long put(BlobKey key, InputStream content) {
        Path target = pathOf(key);
        Path directory = target.getParent();
        Path temporary = null;
        try {
            createDirectories(directory);
            temporary = Files.createTempFile(directory, TEMPORARY_PREFIX, ".tmp", fileAttributes());
            long written = 0;
            try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER];
                for (int read; (read = content.read(buffer)) >= 0; ) {
                    var chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                    written += read;
                }
                // Content on disk before the name points at it; otherwise a crash could leave the
                // final name on a file with missing blocks.
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            forceDirectory(directory);
            return written;
        } catch (IOException | UncheckedIOException e) {
            throw new ObjectStoreException("Cannot write blob " + key + ": " + reasonOf(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Left for a sweep; its name is no key, so it is never mistaken for a blob.
                }
            }
        }
    }

    @Override
    public InputStream get(BlobKey key) {
        Path path = pathOf(key);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchBlobException(key);
        }
        try {
            return Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NoSuchBlobException(key);
        } catch (IOException e) {
            throw new ObjectStoreException("Cannot read blob " + key + ": " + reasonOf(e), e);
        }
    }

    @Override
    public boolean exists(BlobKey key) {
        return Files.isRegularFile(pathOf(key), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Instant lastModified(BlobKey key) {
        Path path = pathOf(key);
        try {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchBlobException(key);
            }
            return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (NoSuchFileException e) {
            throw new NoSuchBlobException(key);
        } catch (IOException e) {
            throw new ObjectStoreException("Cannot read blob " + key + ": " + reasonOf(e), e);
        }
    }

    @Override
    public void delete(BlobKey key) {
        Path path = pathOf(key);
        try {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(path)) {
                forceDirectory(path.getParent());
            }
        } catch (IOException e) {
            throw new ObjectStoreException("Cannot delete blob " + key + ": " + reasonOf(e), e);
        }
    }

    @Override
    public Stream<BlobKey> list(String prefix) {
        BlobKey.requirePrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return Stream.empty();
        }
        try {
            return Files.walk(start)
                    .filter(path -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                    .map(path -> root.relativize(path)
                            .toString()
                            .replace(path.getFileSystem().getSeparator(), "/"))
                    // Temporary files and anything else put there by hand are not blobs.
                    .filter(BlobKey::isValid)
                    .filter(name -> name.startsWith(prefix))
                    .map(BlobKey::new);
        } catch (IOException e) {
            throw new ObjectStoreException("Cannot list blobs: " + reasonOf(e), e);
        }
    }

    private Path pathOf(BlobKey key) {
        Path path = root.resolve(key.value()).normalize();
        // BlobKey already refuses traversal; this check keeps that true if its rules ever loosen.
        if (!path.startsWith(root) || path.equals(root)) {
            throw new IllegalArgumentException("A blob key names a file inside the store");
        }
        return path;
    }

    private void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (!directory.equals(root)) {
            createDirectories(directory.getParent());
        }
        try {
            Files.createDirectory(directory, directoryAttributes());
            forceDirectory(directory.getParent());
        } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            // Created concurrently by another write: fine.
        }
    }

    private boolean posix() {
        return root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private FileAttribute<?>[] fileAttributes() {
        return posix()
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    private FileAttribute<?>[] directoryAttributes() {
        return posix()
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
                }
                : new FileAttribute<?>[0];
    }

    /** Makes a rename or deletion in {@code directory} durable, where the platform can (not Windows). */
    private static void forceDirectory(Path directory) throws IOException {
        try (var channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (FileSystemException | UnsupportedOperationException e) {
            // Directories cannot be opened for fsync on this platform; the rename is still atomic.
        }
    }

    private static String reasonOf(Exception e) {
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }
}
