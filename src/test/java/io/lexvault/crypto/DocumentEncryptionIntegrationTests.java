package io.lexvault.crypto;

import static io.lexvault.crypto.KeyTestSupport.STORED_AS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import io.lexvault.crypto.internal.RootKey;
import io.lexvault.tenancy.NoTenantBoundException;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** Documents encrypted with each firm's own StreamingAead keyset, and every way to misuse a ciphertext. */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class DocumentEncryptionIntegrationTests extends FirmTest {

    private static final int MIB = 1024 * 1024;
    private static final byte[] MARKER = "PRIVILEGED-MARKER-7f3a".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    DocumentEncryption encryption;

    @Autowired
    RootKey root;

    @TempDir
    Path directory;

    TenantId firm;
    UUID document;

    @BeforeEach
    void aFirmAndADocument() {
        firm = aFirm("Documents");
        document = UUID.randomUUID();
    }

    @Test
    void aTwentyMegabyteDocumentRoundTripsAStreamAtATime() throws Exception {
        long size = 20L * MIB + 12_345;
        var plaintext = new GeneratedDocument(size);
        Path stored = directory.resolve("document.bin");
        try (var file = Files.newOutputStream(stored)) {
            var ciphertext = new CountingSink(file, plaintext::produced);
            TenantContext.runAs(
                    firm,
                    null,
                    () -> unchecked(() -> encryption.encrypt(document, 1, STORED_AS, plaintext, ciphertext)));
            // Bounded memory: ciphertext leaves while plaintext arrives, never more than a few segments apart.
            assertThat(ciphertext.maximumLag).isLessThan(3L * MIB);
        }
        assertThat(plaintext.produced()).isEqualTo(size);
        assertThat(Files.size(stored)).isGreaterThan(size);
        assertThat(containsMarker(stored)).isFalse();

        try (var file = Files.newInputStream(stored)) {
            var ciphertext = new CountingSource(file);
            var decrypted = new CountingSink(OutputStream.nullOutputStream(), ciphertext::consumed);
            TenantContext.runAs(
                    firm,
                    null,
                    () -> unchecked(() -> encryption.decrypt(document, 1, STORED_AS, ciphertext, decrypted)));
            assertThat(decrypted.maximumLag).isLessThan(3L * MIB);
            assertThat(decrypted.written).isEqualTo(size);
            assertThat(decrypted.digest()).isEqualTo(plaintext.digest());
        }
    }

    @Test
    void theCiphertextNeverShowsThePlaintext() {
        byte[] plaintext = readAll(new GeneratedDocument(300_000));
        assertThat(indexOf(plaintext, MARKER)).isNotNegative();
        byte[] ciphertext = encrypt(firm, document, 1, plaintext);
        assertThat(indexOf(ciphertext, MARKER)).isNegative();
        assertThat(decrypt(firm, document, 1, ciphertext)).isEqualTo(plaintext);
    }

    @Test
    void anEmptyDocumentRoundTrips() {
        byte[] ciphertext = encrypt(firm, document, 1, new byte[0]);
        assertThat(ciphertext).isNotEmpty();
        assertThat(decrypt(firm, document, 1, ciphertext)).isEmpty();
    }

    @Test
    void aCiphertextMovedToAnotherDocumentVersionFirmOrStoredCopyReleasesNoBytes() {
        byte[] ciphertext = encrypt(firm, document, 3, readAll(new GeneratedDocument(2 * MIB)));
        var otherFirm = aFirm("Other");
        assertRefusedWithNothingWritten(firm, UUID.randomUUID(), 3, ciphertext);
        assertRefusedWithNothingWritten(firm, document, 2, ciphertext);
        assertRefusedWithNothingWritten(firm, document, 4, ciphertext);
        // Firm B with the right document and version: its own key, and its own id in the associated data.
        assertRefusedWithNothingWritten(otherFirm, document, 3, ciphertext);
        // The same firm, document and version, copied over another stored copy of that version.
        assertRefusedWithNothingWritten(firm, document, 3, STORED_AS + "-another-upload", ciphertext);
    }

    @Test
    void aFlippedByteAnywhereFails() {
        byte[] ciphertext = encrypt(firm, document, 1, readAll(new GeneratedDocument(3 * MIB + MIB / 2)));
        int[] positions = {
            0, // header length
            1, // salt
            39, // nonce prefix
            40, // first segment
            MIB - 1, // first segment's tag
            MIB, // second segment's first byte
            ciphertext.length / 2, // the middle
            ciphertext.length - 20, // last segment
            ciphertext.length - 1, // last segment's tag
        };
        for (int position : positions) {
            byte[] tampered = ciphertext.clone();
            tampered[position] ^= 0x01;
            assertThatThrownBy(() -> decrypt(firm, document, 1, tampered))
                    .as("byte %d flipped", position)
                    .isInstanceOf(DocumentIntegrityException.class);
        }
    }

    @Test
    void aTruncatedOrExtendedCiphertextFails() {
        byte[] ciphertext = encrypt(firm, document, 1, readAll(new GeneratedDocument(3 * MIB + MIB / 2)));
        // 3 MiB is a segment boundary: three whole, authentic segments, but none marked as the last.
        for (int length : new int[] {0, 1, 40, MIB, 3 * MIB, ciphertext.length - 1}) {
            assertThatThrownBy(() -> decrypt(firm, document, 1, Arrays.copyOf(ciphertext, length)))
                    .as("cut to %d bytes", length)
                    .isInstanceOf(DocumentIntegrityException.class);
        }
        assertThatThrownBy(() -> decrypt(firm, document, 1, Arrays.copyOf(ciphertext, ciphertext.length + 1)))
                .isInstanceOf(DocumentIntegrityException.class);
    }

    @Test
    void swappedSegmentsFail() {
        byte[] ciphertext = encrypt(firm, document, 1, readAll(new GeneratedDocument(3 * MIB + MIB / 2)));
        byte[] swapped = ciphertext.clone();
        System.arraycopy(ciphertext, MIB, swapped, 2 * MIB, MIB);
        System.arraycopy(ciphertext, 2 * MIB, swapped, MIB, MIB);
        assertThatThrownBy(() -> decrypt(firm, document, 1, swapped)).isInstanceOf(DocumentIntegrityException.class);
    }

    @Test
    void eachFirmHasItsOwnDocumentKeysetStoredOnlyWrapped() throws Exception {
        var otherFirm = aFirm("Other");
        encrypt(firm, document, 1, MARKER);
        encrypt(otherFirm, document, 1, MARKER);
        StreamingAeadConfig.register();
        byte[] stored = storedDocumentKeyset(firm);

        // Not a cleartext keyset, and unwrapped only by the root key with this firm's name on it.
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseKeyset(stored, InsecureSecretKeyAccess.get()))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> TinkProtoKeysetFormat.parseEncryptedKeyset(stored, root.aead(), wrapping(otherFirm)))
                .isInstanceOf(GeneralSecurityException.class);
        byte[] key = keyMaterial(TinkProtoKeysetFormat.parseEncryptedKeyset(stored, root.aead(), wrapping(firm)));
        assertThat(key).hasSize(32);
        assertThat(indexOf(stored, key)).isNegative();

        byte[] otherKey = keyMaterial(TinkProtoKeysetFormat.parseEncryptedKeyset(
                storedDocumentKeyset(otherFirm), root.aead(), wrapping(otherFirm)));
        assertThat(otherKey).isNotEqualTo(key);
    }

    @Test
    void nothingIsEncryptedWithoutABoundFirm() {
        assertThatThrownBy(() -> encryption.encrypt(
                        document, 1, STORED_AS, new ByteArrayInputStream(MARKER), OutputStream.nullOutputStream()))
                .isInstanceOf(NoTenantBoundException.class);
    }

    private void assertRefusedWithNothingWritten(TenantId tenant, UUID doc, long version, byte[] ciphertext) {
        assertRefusedWithNothingWritten(tenant, doc, version, STORED_AS, ciphertext);
    }

    private void assertRefusedWithNothingWritten(
            TenantId tenant, UUID doc, long version, String storedAs, byte[] ciphertext) {
        var plaintext = new ByteArrayOutputStream();
        assertThatThrownBy(() -> TenantContext.runAs(
                        tenant,
                        null,
                        () -> unchecked(() -> encryption.decrypt(
                                doc, version, storedAs, new ByteArrayInputStream(ciphertext), plaintext))))
                .as("firm %s, document %s, version %d, stored as %s", tenant, doc, version, storedAs)
                .isInstanceOf(DocumentIntegrityException.class);
        assertThat(plaintext.size()).isZero();
    }

    private byte[] encrypt(TenantId tenant, UUID doc, long version, byte[] plaintext) {
        var ciphertext = new ByteArrayOutputStream();
        TenantContext.runAs(
                tenant,
                null,
                () -> unchecked(() ->
                        encryption.encrypt(doc, version, STORED_AS, new ByteArrayInputStream(plaintext), ciphertext)));
        return ciphertext.toByteArray();
    }

    private byte[] decrypt(TenantId tenant, UUID doc, long version, byte[] ciphertext) {
        var plaintext = new ByteArrayOutputStream();
        TenantContext.runAs(
                tenant,
                null,
                () -> unchecked(() ->
                        encryption.decrypt(doc, version, STORED_AS, new ByteArrayInputStream(ciphertext), plaintext)));
        return plaintext.toByteArray();
    }

    private static byte[] storedDocumentKeyset(TenantId tenant) throws Exception {
        try (var admin = TestDatabase.shared().administrator().connect();
                var query = admin.prepareStatement(
                        "SELECT encrypted_keyset FROM lexvault.tenant_keysets WHERE tenant_id = ? AND purpose = 'documents'")) {
            query.setObject(1, tenant.value());
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private static byte[] wrapping(TenantId tenant) {
        return ("lexvault-keyset|" + tenant + "|documents").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyMaterial(KeysetHandle keyset) {
        var key = (AesGcmHkdfStreamingKey) keyset.getPrimary().getKey();
        assertThat(key.getParameters()).isEqualTo(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
        return key.getInitialKeyMaterial().toByteArray(InsecureSecretKeyAccess.get());
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Reads the file a chunk at a time, keeping a marker's length of overlap between chunks. */
    private static boolean containsMarker(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] window = new byte[64 * 1024 + MARKER.length];
            int kept = 0;
            int read;
            while ((read = in.read(window, kept, window.length - kept)) > 0) {
                int filled = kept + read;
                if (indexOf(Arrays.copyOf(window, filled), MARKER) >= 0) {
                    return true;
                }
                kept = Math.min(MARKER.length - 1, filled);
                System.arraycopy(window, filled - kept, window, 0, kept);
            }
            return false;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private interface IoWork {
        void run() throws IOException;
    }

    private static void unchecked(IoWork work) {
        try {
            work.run();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A document made up while it is read: random bytes with the marker every 4 KiB, digested as it goes. */
    private static final class GeneratedDocument extends InputStream {

        private final long size;
        private final SplittableRandom random = new SplittableRandom(42);
        private final MessageDigest digest = sha256();
        private long produced;

        GeneratedDocument(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) {
            if (produced == size) {
                return -1;
            }
            int count = (int) Math.min(length, size - produced);
            for (int i = 0; i < count; i++) {
                int inBlock = (int) ((produced + i) % 4096);
                bytes[offset + i] = inBlock < MARKER.length ? MARKER[inBlock] : (byte) random.nextInt(256);
            }
            digest.update(bytes, offset, count);
            produced += count;
            return count;
        }

        long produced() {
            return produced;
        }

        byte[] digest() {
            return digest.digest();
        }
    }

    private static final class CountingSource extends java.io.FilterInputStream {

        private long consumed;

        CountingSource(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int read = in.read(bytes, offset, length);
            if (read > 0) {
                consumed += read;
            }
            return read;
        }

        @Override
        public int read() throws IOException {
            int read = in.read();
            if (read >= 0) {
                consumed++;
            }
            return read;
        }

        long consumed() {
            return consumed;
        }
    }

    /** Counts and digests what it is given, and how far the source ran ahead of it at worst. */
    private static final class CountingSink extends OutputStream {

        private final OutputStream out;
        private final java.util.function.LongSupplier sourceConsumed;
        private final MessageDigest digest = sha256();
        long written;
        long maximumLag;

        CountingSink(OutputStream out, java.util.function.LongSupplier sourceConsumed) {
            this.out = out;
            this.sourceConsumed = sourceConsumed;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            maximumLag = Math.max(maximumLag, sourceConsumed.getAsLong() - written);
            out.write(bytes, offset, length);
            digest.update(bytes, offset, length);
            written += length;
        }

        byte[] digest() {
            return digest.digest();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
