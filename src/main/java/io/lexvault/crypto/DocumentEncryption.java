package io.lexvault.crypto;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import io.lexvault.crypto.internal.TenantKeysets;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Encrypts documents with the bound firm's own streaming keyset (Tink StreamingAead,
 * AES256_GCM_HKDF_1MB), a segment at a time: a document is never held in memory whole, and no
 * database connection is held while it streams (the keyset is loaded first, in a transaction of its
 * own). The associated data binds each ciphertext to its firm, document, version and the name it is
 * stored under, so a ciphertext copied to another document, version or firm, or over another stored
 * copy of the same version (a leftover of an upload that lost a race, say), fails to decrypt with
 * {@link DocumentIntegrityException} instead of being accepted.
 *
 * <p>1 MB segments rather than 4 KB: documents are mostly large files read from start to end
 * (PDFs, scans, mail archives), so the per-segment overhead (a 16-byte tag and one GCM setup per
 * segment) becomes negligible, at the cost of about 1 MB of buffer per stream being encrypted or
 * decrypted. Ranged reads of a few bytes, where 4 KB segments would win, are not needed.
 *
 * <p>Rotation seam: the firm's keyset is a Tink keyset with a primary key. New documents are
 * encrypted under the primary; decryption tries every key in the keyset, so a rotation that adds a
 * new primary keeps old documents readable without re-encrypting them ({@link FirmKeys#rotate()}).
 * After {@link FirmKeys#destroy()} every document of the firm is unreadable and nothing new is
 * encrypted for it ({@link KeysDestroyedException}).
 */
@Service
public class DocumentEncryption {

    static final String PURPOSE = "documents";
    static final Parameters TEMPLATE = PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB;

    /** Versions the associated-data layout below; a new layout gets a new tag, never a reuse. */
    private static final byte[] AD_TAG = "lexvault-document-v2".getBytes(StandardCharsets.US_ASCII);

    private static final int COPY_BUFFER = 64 * 1024;

    private final TenantKeysets keysets;

    DocumentEncryption(TenantKeysets keysets) {
        this.keysets = keysets;
        try {
            StreamingAeadConfig.register(); // the streaming primitives, for RegistryConfiguration
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink's streaming AEAD is not available", e);
        }
    }

    /**
     * Reads {@code plaintext} to its end and writes its encryption for the bound firm, {@code
     * document}, {@code version} and {@code storedAs} (the name the ciphertext is kept under, e.g.
     * its blob key) to {@code ciphertext}. Neither stream is closed.
     *
     * @throws IOException when reading {@code plaintext} or writing {@code ciphertext} fails
     */
    public void encrypt(UUID document, long version, String storedAs, InputStream plaintext, OutputStream ciphertext)
            throws IOException {
        TenantId tenant = TenantContext.requireTenant();
        byte[] associatedData = associatedData(tenant, document, version, storedAs);
        StreamingAead keyset = keysetOf(tenant);
        OutputStream encrypting;
        try {
            encrypting = keyset.newEncryptingStream(new KeptOpen(ciphertext), associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
        // Closing finishes the last segment (marked last, which is what makes truncation detectable).
        try (encrypting) {
            plaintext.transferTo(encrypting);
        }
    }

    /**
     * Reads {@code ciphertext} to its end and writes the plaintext to {@code plaintext}, a segment at
     * a time, each segment only after it has authenticated. Neither stream is closed. Only a normal
     * return means the whole document was written: after a {@link DocumentIntegrityException} the
     * caller must discard what was written (for a ciphertext made for another firm, document or
     * version, nothing is: the first segment already fails).
     *
     * @throws DocumentIntegrityException when the ciphertext is not this firm's, document's and
     *     version's, or was tampered with, truncated or extended
     * @throws KeysDestroyedException when the firm's keys were destroyed (crypto-shredding)
     * @throws IOException when reading {@code ciphertext} or writing {@code plaintext} fails
     */
    public void decrypt(UUID document, long version, String storedAs, InputStream ciphertext, OutputStream plaintext)
            throws IOException {
        TenantId tenant = TenantContext.requireTenant();
        byte[] associatedData = associatedData(tenant, document, version, storedAs);
        StreamingAead keyset = keysetOf(tenant);
        var source = new WatchedSource(ciphertext);
        byte[] buffer = new byte[COPY_BUFFER];
        try (InputStream decrypting = keyset.newDecryptingStream(source, associatedData)) {
            while (true) {
                int read;
                try {
                    read = decrypting.read(buffer);
                } catch (IOException e) {
                    // Tink reports a segment that fails to authenticate as an IOException; only a failure
                    // of the caller's own stream is an I/O error, anything else is the ciphertext's fault.
                    if (source.failure != null) {
                        throw source.failure;
                    }
                    throw new DocumentIntegrityException(
                            "The document could not be decrypted for this firm, document and version", e);
                }
                if (read < 0) {
                    return;
                }
                plaintext.write(buffer, 0, read);
            }
        } catch (GeneralSecurityException e) {
            throw new DocumentIntegrityException(
                    "The document could not be decrypted for this firm, document and version", e);
        }
    }

    /**
     * Canonical: tag, firm id (16 bytes), document id (16 bytes), version (8 bytes, big-endian), then
     * the stored name in UTF-8, the only field of variable length and therefore the last. No
     * separators to confuse.
     */
    static byte[] associatedData(TenantId tenant, UUID document, long version, String storedAs) {
        if (version < 1) {
            throw new IllegalArgumentException("Document versions start at 1, not " + version);
        }
        if (storedAs.isEmpty()) {
            throw new IllegalArgumentException("A stored copy needs a name");
        }
        byte[] name = storedAs.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(AD_TAG.length + 16 + 16 + 8 + name.length)
                .put(AD_TAG)
                .putLong(tenant.value().getMostSignificantBits())
                .putLong(tenant.value().getLeastSignificantBits())
                .putLong(document.getMostSignificantBits())
                .putLong(document.getLeastSignificantBits())
                .putLong(version)
                .put(name)
                .array();
    }

    private StreamingAead keysetOf(TenantId tenant) {
        return keysets.primitive(tenant, PURPOSE, TEMPLATE, StreamingAead.class);
    }

    /** The caller's sink: Tink closes what it wraps, but the caller owns this stream. */
    private static final class KeptOpen extends FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The caller's source, kept open, remembering its own failures apart from Tink's. */
    private static final class WatchedSource extends FilterInputStream {

        @Nullable
        IOException failure;

        WatchedSource(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            try {
                return in.read(bytes, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The caller owns the source.
        }
    }
}
