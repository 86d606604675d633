package io.lexvault.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link BlobStore} does, run against each implementation by a subclass: streamed round
 * trips, clear answers for missing blobs, keys that cannot leave the store, and writes that fail
 * halfway leaving nothing behind.
 */
abstract class BlobStoreContractTests {

    /** 64 MiB: several S3 parts, and far more than a test would keep in memory by accident. */
    static final long LARGE = 64L * 1024 * 1024;

    protected BlobStore store;

    /** Keys of one test, so tests sharing a bucket never see each other's blobs. */
    protected String run;

    abstract BlobStore newStore() throws Exception;

    /** Asserts that the failed write of {@code key} left no trace (temporary file, open upload). */
    abstract void assertNoTraceOfFailedWrite(BlobKey key) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = newStore();
        run = "run-" + UUID.randomUUID();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aLargeBlobStreamedInComesBackByteForByte() throws Exception {
        var key = key("docs/large.bin");
        var generated = new GeneratedContent(LARGE, 42);

        assertThat(store.put(key, generated)).isEqualTo(LARGE);

        assertThat(store.exists(key)).isTrue();
        try (var read = store.get(key)) {
            var digest = MessageDigest.getInstance("SHA-256");
            long length = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = read.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                length += n;
            }
            assertThat(length).isEqualTo(LARGE);
            assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(generated.sha256());
        }
    }

    @Test
    void aSmallAndAnEmptyBlobRoundTrip() throws Exception {
        var small = key("small.txt");
        var empty = key("empty");
        store.put(small, new ByteArrayInputStream("privileged".getBytes(StandardCharsets.UTF_8)));
        store.put(empty, InputStream.nullInputStream());

        try (var read = store.get(small)) {
            assertThat(new String(read.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("privileged");
        }
        try (var read = store.get(empty)) {
            assertThat(read.readAllBytes()).isEmpty();
        }
    }

    @Test
    void aBlobTellsWhenItWasWrittenAndAMissingOneIsNoSuchBlob() {
        var key = key("dated");
        var before = java.time.Instant.now().minusSeconds(60);
        store.put(key, new ByteArrayInputStream(new byte[] {1}));

        assertThat(store.lastModified(key))
                .isAfter(before)
                .isBefore(java.time.Instant.now().plusSeconds(60));
        assertThatThrownBy(() -> store.lastModified(key("never-written"))).isInstanceOf(NoSuchBlobException.class);
    }

    @Test
    void aSecondPutReplacesTheBlob() throws Exception {
        var key = key("replaced");
        store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        store.put(key, new ByteArrayInputStream(new byte[] {4}));

        try (var read = store.get(key)) {
            assertThat(read.readAllBytes()).containsExactly(4);
        }
    }

    @Test
    void aMissingBlobIsNoSuchBlob() {
        var key = key("never-written");

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.get(key))
                .isInstanceOf(NoSuchBlobException.class)
                .hasMessageContaining(key.value())
                .satisfies(e -> assertThat(((NoSuchBlobException) e).key()).isEqualTo(key));
    }

    @Test
    void aDeletedBlobIsGoneAndDeletingAgainIsHarmless() {
        var key = key("deleted.bin");
        var kept = key("kept.bin");
        store.put(key, new ByteArrayInputStream(new byte[] {1}));
        store.put(kept, new ByteArrayInputStream(new byte[] {2}));

        store.delete(key);
        store.delete(key);

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(NoSuchBlobException.class);
        assertThat(store.exists(kept)).isTrue();
    }

    @Test
    void listingByPrefixFindsExactlyTheKeysThatStartWithIt() {
        for (String name : List.of("firm-a/one.bin", "firm-a/two.bin", "firm-a/sub/three.bin", "firm-ab/four.bin")) {
            store.put(key(name), new ByteArrayInputStream(new byte[] {7}));
        }

        assertThat(list(run + "/firm-a/"))
                .containsExactlyInAnyOrder(key("firm-a/one.bin"), key("firm-a/two.bin"), key("firm-a/sub/three.bin"));
        assertThat(list(run + "/firm-a"))
                .as("a plain string prefix, as S3 lists")
                .hasSize(4);
        assertThat(list(run + "/firm-a/t")).containsExactly(key("firm-a/two.bin"));
        assertThat(list(run + "/nobody/")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../outside",
                "a/../../outside",
                "a/..",
                "..",
                ".",
                "a/./b",
                "/etc/passwd",
                "a//b",
                "a/",
                "a\\..\\b",
                "A/b",
                "a b",
                "a/b%2f..",
                "a\u0000b",
                "é",
                ""
            })
    void keysThatCouldLeaveTheStoreOrCollideAreRefused(String key) {
        assertThatThrownBy(() -> BlobKey.of(key)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../", "..", "/", "a//", "a/../"})
    void prefixesThatCouldLeaveTheStoreAreRefused(String prefix) {
        assertThatThrownBy(() -> store.list(prefix)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingUnderTheKey() throws Exception {
        var key = key("broken/large.bin");
        // Fails after more than one S3 part, so a multipart upload is under way when it breaks.
        var breaking = new GeneratedContent(LARGE, 7).failingAfter(S3BlobStore.PART_SIZE + 1024);

        assertThatThrownBy(() -> store.put(key, breaking)).isInstanceOf(ObjectStoreException.class);

        assertThat(store.exists(key)).isFalse();
        assertThatThrownBy(() -> store.get(key)).isInstanceOf(NoSuchBlobException.class);
        assertThat(list(run + "/")).isEmpty();
        assertNoTraceOfFailedWrite(key);
    }

    @Test
    void aFailedRewriteKeepsTheBlobThatWasThere() throws Exception {
        var key = key("kept-on-failure.bin");
        store.put(key, new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> store.put(key, new GeneratedContent(LARGE, 9).failingAfter(1024)))
                .isInstanceOf(ObjectStoreException.class);

        try (var read = store.get(key)) {
            assertThat(read.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    protected BlobKey key(String name) {
        return BlobKey.of(run + "/" + name);
    }

    private List<BlobKey> list(String prefix) {
        try (var keys = store.list(prefix)) {
            return keys.toList();
        }
    }

    /**
     * Pseudo-random bytes made as they are read (never held whole), hashed on the way out so the
     * copy read back can be compared without keeping either.
     */
    static final class GeneratedContent extends InputStream {

        private final long length;
        private final SplittableRandom random;
        private final MessageDigest digest;
        private long position;
        private long failAt = -1;

        GeneratedContent(long length, long seed) {
            this.length = length;
            this.random = new SplittableRandom(seed);
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        GeneratedContent failingAfter(long bytes) {
            this.failAt = bytes;
            return this;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (failAt >= 0 && position >= failAt) {
                throw new IOException("connection reset by the uploading client");
            }
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            if (failAt >= 0) {
                n = (int) Math.max(1, Math.min(n, failAt - position));
            }
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) random.nextInt(256);
            }
            digest.update(buffer, offset, n);
            position += n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
