package io.lexvault.documents;

import io.lexvault.crypto.DocumentEncryption;
import io.lexvault.storage.BlobKey;
import io.lexvault.storage.BlobStore;
import io.lexvault.storage.ObjectStoreException;
import io.lexvault.tenancy.NoTenantBoundException;
import io.lexvault.tenancy.TenantContext;
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
        // The type is judged from the first bytes, before anything is stored.
        byte[] prefix = content.readNBytes((int) Math.min(ContentTypes.PEEK, maxSize + 1));
        if (prefix.length == 0) {
            throw UploadRefusedException.malformed("The file is empty.");
        }
        if (prefix.length > maxSize) {
            throw tooLarge();
        }
        ContentTypes.Verdict verdict = types.judge(prefix, name);
        // Three stages on three threads, joined by fixed pipes, so that reading the request (multipart
        // parsing, the costliest per byte), hashing plus encrypting, and writing the blob overlap on a
        // machine with more than one core instead of adding up on the request thread.
        var plaintext = new BlobPipe(PIPE);
        var ciphertext = new BlobPipe(PIPE);
        var measured = new MeasuredInput(
                new SequenceInputStream(new ByteArrayInputStream(prefix), plaintext.source()), maxSize);
        var writing = new FutureTask<>(() -> {
            try (InputStream source = ciphertext.source()) {
                return blobs.put(key, source);
            }
        });
        // The firm's keyset is found through the binding, which is per thread: the stage gets the same.
        TenantContext.Binding binding = TenantContext.current().orElseThrow(NoTenantBoundException::new);
        var encrypting = new FutureTask<>(() -> {
            try (var scope = TenantContext.open(binding.tenant(), binding.actingUser())) {
                encryption.encrypt(document, version, key.value(), measured, ciphertext.sink());
                ciphertext.finish();
                return measured.count();
            } catch (IOException | RuntimeException | Error e) {
                ciphertext.fail(e); // the store aborts and keeps nothing
                plaintext.stopReading(); // the request thread stops reading the upload
                throw e;
            }
        });
        Thread.ofVirtual().name("blob-put").start(writing);
        Thread.ofVirtual().name("blob-encrypt").start(encrypting);
        try {
            content.transferTo(plaintext.sink());
            plaintext.finish();
            awaitStage(encrypting);
            awaitStage(writing);
        } catch (IOException | RuntimeException | Error e) {
            plaintext.fail(e);
            ciphertext.fail(e);
            Throwable encryptionFailure = awaitQuietly(encrypting);
            Throwable storeFailure = awaitQuietly(writing);
            deleteQuietly(key);
            // The first cause is what the caller hears of: the size limit, the store, the encryption,
            // else the request itself (the client went away).
            if (e instanceof MeasuredInput.TooLarge || encryptionFailure instanceof MeasuredInput.TooLarge) {
                throw tooLarge();
            }
            // The store failed on its own (not because its input broke off) when encryption either
            // finished or stopped only because the store had stopped reading.
            if (storeFailure instanceof ObjectStoreException store
                    && (encryptionFailure == null || encryptionFailure instanceof BlobPipe.ReaderGone)) {
                throw store;
            }
            if (e instanceof BlobPipe.ReaderGone && encryptionFailure != null) {
                throw asUnchecked(encryptionFailure);
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
            encryption.decrypt(document, version, key.value(), ciphertext, out);
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

    /** Waits for a stage; its failure is thrown as it was thrown there. */
    private static void awaitStage(FutureTask<Long> stage) throws IOException {
        try {
            stage.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while storing a blob");
        } catch (ExecutionException e) {
            throw asUnchecked(e.getCause());
        }
    }

    /** A stage's failure, to be thrown again on the request thread as it was (IOExceptions sneak through). */
    private static RuntimeException asUnchecked(Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("A storage stage failed", failure);
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
