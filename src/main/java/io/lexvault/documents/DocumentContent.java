package io.lexvault.documents;

import io.lexvault.crypto.DocumentEncryption;
import io.lexvault.storage.BlobKey;
import io.lexvault.storage.BlobStore;
import io.lexvault.storage.ObjectStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A version's content between the request and the blob store, streamed both ways: plaintext never
 * touches a disk and never sits whole in memory. Memory per upload is fixed (the detection peek, the
 * pipe, one encryption segment and the store's own part buffer), whatever the file's size.
 */
@Component
class DocumentContent {

    private static final Logger log = LoggerFactory.getLogger(DocumentContent.class);

    private static final int PIPE = 256 * 1024;

    /** What was stored: the plaintext's size and hash, its type, and the name to keep. */
    record Stored(long size, byte[] sha256, String mediaType, FileName name) {}

    private final DocumentEncryption encryption;
    private final BlobStore blobs;
    private final ContentTypes types;
    private final long maxSize;

    DocumentContent(
            DocumentEncryption encryption, BlobStore blobs, ContentTypes types, DocumentsProperties properties) {
        this.encryption = encryption;
        this.blobs = blobs;
        this.types = types;
        this.maxSize = properties.maxSize().toBytes();
    }

    long maxSize() {
        return maxSize;
    }

    /**
     * Reads {@code content} to its end: detects and judges its type from the first bytes, counts and
     * hashes it, encrypts it for the bound firm, {@code document} and {@code version}, and writes the
     * ciphertext under {@code key}. On any failure (size limit, refused type, the client gone, an
     * encryption or storage error) nothing is left under the key.
     *
     * @throws UploadRefusedException when the content is too large or of a refused type
     * @throws ObjectStoreException when the store fails
     * @throws IOException when reading the content fails (the client went away)
     */
    Stored store(BlobKey key, UUID document, int version, FileName name, InputStream content) throws IOException {
        var measured = new MeasuredInput(content, maxSize);
        ContentTypes.Verdict verdict;
        byte[] prefix;
        try {
            prefix = measured.readNBytes(ContentTypes.PEEK);
        } catch (MeasuredInput.TooLarge e) {
            throw tooLarge();
        }
        if (prefix.length == 0) {
            throw UploadRefusedException.malformed("The file is empty.");
        }
        verdict = types.judge(prefix, name);
        var plaintext = new SequenceInputStream(new ByteArrayInputStream(prefix), measured);
        var pipe = new BlobPipe(PIPE);
        var writing = new FutureTask<>(() -> {
            try (InputStream source = pipe.source()) {
                return blobs.put(key, source);
            }
        });
        Thread.ofVirtual().name("blob-put").start(writing);
        try {
            encryption.encrypt(document, version, plaintext, pipe.sink());
            pipe.finish();
            awaitStored(writing);
        } catch (IOException | RuntimeException | Error e) {
            pipe.fail(e);
            Throwable storeFailure = awaitQuietly(writing);
            deleteQuietly(key);
            if (e instanceof MeasuredInput.TooLarge) {
                throw tooLarge();
            }
            if (e instanceof BlobPipe.ReaderGone && storeFailure instanceof ObjectStoreException store) {
                throw store;
            }
            throw e;
        }
        return new Stored(measured.count(), measured.sha256(), verdict.type().toString(), verdict.name());
    }

    /**
     * Decrypts the version stored under {@code key} into {@code out}.
     *
     * @throws io.lexvault.crypto.DocumentIntegrityException when it does not authenticate
     */
    void read(BlobKey key, UUID document, int version, OutputStream out) throws IOException {
        try (InputStream ciphertext = blobs.get(key)) {
            encryption.decrypt(document, version, ciphertext, out);
        }
    }

    /** Removes a blob; a failure is logged and left to the orphan sweeper. */
    void deleteQuietly(BlobKey key) {
        try {
            blobs.delete(key);
        } catch (RuntimeException e) {
            log.warn(
                    "Could not delete blob {}; the orphan sweeper will: {}",
                    key,
                    e.getClass().getSimpleName());
        }
    }

    private UploadRefusedException tooLarge() {
        return new UploadRefusedException(
                UploadRefusedException.Reason.TOO_LARGE, "The file is larger than the limit of " + maxSize + " bytes.");
    }

    private static void awaitStored(FutureTask<Long> writing) throws IOException {
        try {
            writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while storing a blob");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("The blob store failed", e.getCause());
        }
    }

    private static @org.jspecify.annotations.Nullable Throwable awaitQuietly(FutureTask<Long> writing) {
        try {
            writing.get();
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
