package io.lexvault.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.testsupport.S3MockServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code lexvault.storage.blobs.*} picks the store, and a store that cannot work fails the start. */
class BlobStoreConfigurationTests {

    @TempDir
    Path dataDirectory;

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(BlobStoreConfiguration.class);

    @Test
    void theDefaultIsTheFilesystemUnderTheDataDirectory() {
        context.withPropertyValues("lexvault.data-dir=" + dataDirectory).run(started -> {
            assertThat(started.getBean(BlobStore.class))
                    .isInstanceOfSatisfying(
                            FilesystemBlobStore.class,
                            store -> assertThat(store.root())
                                    .isEqualTo(dataDirectory.resolve("blobs").toAbsolutePath()));
            assertThat(dataDirectory.resolve("blobs"))
                    .as("created on first write only")
                    .doesNotExist();
        });
    }

    @Test
    void aConfiguredPathIsTheRoot() {
        context.withPropertyValues("lexvault.storage.blobs.path=" + dataDirectory.resolve("elsewhere"))
                .run(started -> assertThat(started.getBean(BlobStore.class))
                        .isInstanceOfSatisfying(
                                FilesystemBlobStore.class,
                                store -> assertThat(store.root())
                                        .isEqualTo(dataDirectory
                                                .resolve("elsewhere")
                                                .toAbsolutePath())));
    }

    @Test
    void s3IsChosenWithItsBucketEndpointAndAddressing() {
        var server = S3MockServer.shared();
        context.withPropertyValues(
                        "lexvault.storage.blobs.kind=s3",
                        "lexvault.storage.blobs.s3.bucket=" + S3MockServer.BUCKET,
                        "lexvault.storage.blobs.s3.region=" + S3MockServer.REGION,
                        "lexvault.storage.blobs.s3.endpoint=" + server.endpoint(),
                        "lexvault.storage.blobs.s3.path-style=true",
                        "lexvault.storage.blobs.s3.prefix=configured")
                .run(started -> {
                    var store = started.getBean(BlobStore.class);
                    assertThat(store).isInstanceOf(S3BlobStore.class);
                    var key = BlobKey.of("configuration-test/probe");
                    store.put(key, new java.io.ByteArrayInputStream(new byte[] {1}));
                    assertThat(store.exists(key)).isTrue();
                    store.delete(key);
                });
    }

    @Test
    void s3WithoutABucketFailsTheStart() {
        context.withPropertyValues("lexvault.storage.blobs.kind=s3")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("lexvault.storage.blobs.s3.bucket"));
    }

    @Test
    void anUnknownKindFailsTheStart() {
        context.withPropertyValues("lexvault.storage.blobs.kind=ftp")
                .run(started -> assertThat(started).hasFailed());
    }
}
