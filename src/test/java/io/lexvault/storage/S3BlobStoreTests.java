package io.lexvault.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.testsupport.S3MockServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;

/**
 * The contract against a real S3 API server (S3Mock, its own process), under a key prefix, read
 * back by an independent client where it matters.
 */
class S3BlobStoreTests extends BlobStoreContractTests {

    private static final String PREFIX = "blob-store-tests";

    private final S3Client bucket = S3MockServer.shared().client();

    @Override
    BlobStore newStore() {
        var server = S3MockServer.shared();
        return new S3BlobStore(
                new S3Settings(S3MockServer.BUCKET, S3MockServer.REGION, server.endpoint(), true, PREFIX));
    }

    @Override
    void assertNoTraceOfFailedWrite(BlobKey key) {
        var uploads = bucket.listMultipartUploads(ListMultipartUploadsRequest.builder()
                .bucket(S3MockServer.BUCKET)
                .prefix(PREFIX + "/" + run + "/")
                .build());
        assertThat(uploads.uploads()).as("the multipart upload was aborted").isEmpty();
    }

    @Test
    void blobsLandUnderTheConfiguredPrefix() throws Exception {
        var key = key("memo.txt");
        store.put(key, new ByteArrayInputStream("privileged".getBytes(StandardCharsets.UTF_8)));

        var object = bucket.getObjectAsBytes(GetObjectRequest.builder()
                .bucket(S3MockServer.BUCKET)
                .key(PREFIX + "/" + key.value())
                .build());
        assertThat(object.asUtf8String()).isEqualTo("privileged");
    }
}
