package io.lexvault.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a temporary directory, plus what only files have: permissions and temporaries. */
class FilesystemBlobStoreTests extends BlobStoreContractTests {

    @TempDir
    Path root;

    @Override
    BlobStore newStore() {
        return new FilesystemBlobStore(root.resolve("blobs"));
    }

    @Override
    void assertNoTraceOfFailedWrite(BlobKey key) throws Exception {
        try (var files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile))
                    .as("no temporary file left behind")
                    .isEmpty();
        }
    }

    @Test
    void blobsAreReadableByLexVaultsAccountOnly() throws Exception {
        store.put(key("private/memo.txt"), new ByteArrayInputStream(new byte[] {1}));

        Path blobs = root.resolve("blobs");
        Path file = blobs.resolve(run).resolve("private/memo.txt");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        for (Path directory :
                new Path[] {blobs, blobs.resolve(run), blobs.resolve(run).resolve("private")}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                    .as(directory.toString())
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsNeverListedOrReadAsABlob() throws Exception {
        var key = key("doc.bin");
        store.put(key, new ByteArrayInputStream(new byte[] {1}));
        Path directory = root.resolve("blobs").resolve(run);
        Files.write(directory.resolve(FilesystemBlobStore.TEMPORARY_PREFIX + "123.tmp"), new byte[] {9, 9});

        try (var keys = store.list(run + "/")) {
            assertThat(keys.toList()).containsExactly(key);
        }
    }

    @Test
    void aSymbolicLinkPlantedInTheStoreIsNotABlob() throws Exception {
        Path outside = Files.writeString(root.resolve("outside.txt"), "secret of another service");
        Path directory = Files.createDirectories(root.resolve("blobs").resolve(run));
        Files.createSymbolicLink(directory.resolve("link.txt"), outside);

        var key = key("link.txt");
        assertThat(store.exists(key)).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.get(key))
                .isInstanceOf(NoSuchBlobException.class);
    }
}
