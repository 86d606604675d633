package io.lexvault.storage;

import java.io.InputStream;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Where large opaque content (documents, encrypted before they get here) is kept outside the
 * database. Content is streamed both ways: no implementation holds a whole blob in memory. A blob
 * is visible under its key only once completely written; a write that fails halfway leaves nothing
 * under the key (and no other blob's content is changed). Thread-safe.
 *
 * <p>Implementations never log content or credentials; exception messages name the key at most.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Writes the stream's content, of any length, under {@code key}, replacing any blob stored there.
     * Reads {@code content} to its end but does not close it.
     *
     * @return the number of bytes stored
     * @throws ObjectStoreException when the content cannot be read or the store refuses the write;
     *     nothing new is then visible under {@code key}
     */
    long put(BlobKey key, InputStream content);

    /**
     * The blob's content, streamed; the caller closes it.
     *
     * @throws NoSuchBlobException when there is none
     * @throws ObjectStoreException when the store cannot be reached
     */
    InputStream get(BlobKey key);

    /** Whether a blob is stored under {@code key}. */
    boolean exists(BlobKey key);

    /**
     * When the blob under {@code key} was last written: a sweep of orphans spares blobs younger than
     * its grace period, which may belong to an upload still on its way to the database.
     *
     * @throws NoSuchBlobException when there is none
     * @throws ObjectStoreException when the store cannot be reached
     */
    Instant lastModified(BlobKey key);

    /** Removes the blob under {@code key}; nothing happens when there is none. */
    void delete(BlobKey key);

    /**
     * Every key that starts with {@code prefix} (a plain string prefix, e.g. {@code firm-1/}), in no
     * particular order, read lazily; for sweeping orphans. Close the stream.
     *
     * @throws IllegalArgumentException when no valid key could start with {@code prefix}
     */
    Stream<BlobKey> list(String prefix);

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {}
}
