package io.lexvault.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Blobs as objects in an S3 bucket, under the configured prefix ({@code <prefix>/<key>}).
 *
 * <p>Content of unknown length is uploaded in parts of {@link #PART_SIZE}: at most one part is in
 * memory per write. A blob shorter than one part is a single PUT. S3 makes an object visible only
 * when its multipart upload completes, so a write that fails halfway is aborted and leaves nothing
 * under the key (and no parts billed and kept: the abort removes them; a lifecycle rule on
 * incomplete uploads covers a crash between the two).
 */
final class S3BlobStore implements BlobStore {

    /** 8 MiB: above S3's 5 MiB minimum part, and 10,000 parts make 80 GiB, far beyond any document. */
    static final int PART_SIZE = 8 * 1024 * 1024;

    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Settings settings;
    private final S3Storage storage;
    private final S3Client client;
    private final String bucket;

    S3BlobStore(S3Settings settings) {
        if (settings.bucket() == null) {
            throw new IllegalArgumentException("The S3 blob store needs a bucket");
        }
        this.settings = settings;
        this.bucket = settings.bucket();
        this.storage = S3Storage.connect(settings);
        this.client = storage.client();
    }

    @Override
    public long put(BlobKey key, InputStream content) {
        String objectKey = objectKey(key);
        byte[] part = new byte[PART_SIZE];
        int filled = fill(key, content, part);
        if (filled < PART_SIZE) {
            try {
                client.putObject(
                        PutObjectRequest.builder()
                                .bucket(bucket)
                                .key(objectKey)
                                .contentType(CONTENT_TYPE)
                                .build(),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
                return filled;
            } catch (SdkException e) {
                throw new ObjectStoreException("Cannot write blob " + key + ": " + S3Storage.reasonOf(e), e);
            }
        }
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(CreateMultipartUploadRequest.builder()
                            .bucket(bucket)
                            .key(objectKey)
                            .contentType(CONTENT_TYPE)
                            .build())
                    .uploadId();
        } catch (SdkException e) {
            throw new ObjectStoreException("Cannot write blob " + key + ": " + S3Storage.reasonOf(e), e);
        }
        boolean completed = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            while (filled > 0) {
                int number = parts.size() + 1;
                var uploaded = client.uploadPart(
                        UploadPartRequest.builder()
                                .bucket(bucket)
                                .key(objectKey)
                                .uploadId(uploadId)
                                .partNumber(number)
                                .build(),
                        RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
                // The checksums the SDK sent with each part are repeated on completion, as S3 asks.
                parts.add(CompletedPart.builder()
                        .partNumber(number)
                        .eTag(uploaded.eTag())
                        .checksumCRC32(uploaded.checksumCRC32())
                        .checksumCRC32C(uploaded.checksumCRC32C())
                        .checksumCRC64NVME(uploaded.checksumCRC64NVME())
                        .checksumSHA1(uploaded.checksumSHA1())
                        .checksumSHA256(uploaded.checksumSHA256())
                        .build());
                total += filled;
                filled = filled < PART_SIZE ? 0 : fill(key, content, part);
            }
            client.completeMultipartUpload(CompleteMultipartUploadRequest.builder()
                    .bucket(bucket)
                    .key(objectKey)
                    .uploadId(uploadId)
                    .multipartUpload(
                            CompletedMultipartUpload.builder().parts(parts).build())
                    .build());
            completed = true;
            return total;
        } catch (SdkException e) {
            throw new ObjectStoreException("Cannot write blob " + key + ": " + S3Storage.reasonOf(e), e);
        } finally {
            if (!completed) {
                abort(objectKey, uploadId);
            }
        }
    }

    @Override
    public InputStream get(BlobKey key) {
        try {
            return client.getObject(GetObjectRequest.builder()
                    .bucket(bucket)
                    .key(objectKey(key))
                    .build());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchBlobException(key);
            }
            throw new ObjectStoreException("Cannot read blob " + key + ": " + S3Storage.reasonOf(e), e);
        } catch (SdkException e) {
            throw new ObjectStoreException("Cannot read blob " + key + ": " + S3Storage.reasonOf(e), e);
        }
    }

    @Override
    public boolean exists(BlobKey key) {
        try {
            client.headObject(HeadObjectRequest.builder()
                    .bucket(bucket)
                    .key(objectKey(key))
                    .build());
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new ObjectStoreException("Cannot look up blob " + key + ": " + S3Storage.reasonOf(e), e);
        } catch (SdkException e) {
            throw new ObjectStoreException("Cannot look up blob " + key + ": " + S3Storage.reasonOf(e), e);
        }
    }

    @Override
    public Instant lastModified(BlobKey key) {
        try {
            return client.headObject(HeadObjectRequest.builder()
                            .bucket(bucket)
                            .key(objectKey(key))
                            .build())
                    .lastModified();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchBlobException(key);
            }
            throw new ObjectStoreException("Cannot look up blob " + key + ": " + S3Storage.reasonOf(e), e);
        } catch (SdkException e) {
            throw new ObjectStoreException("Cannot look up blob " + key + ": " + S3Storage.reasonOf(e), e);
        }
    }

    @Override
    public void delete(BlobKey key) {
        try {
            client.deleteObject(DeleteObjectRequest.builder()
                    .bucket(bucket)
                    .key(objectKey(key))
                    .build());
        } catch (SdkException e) {
            throw new ObjectStoreException("Cannot delete blob " + key + ": " + S3Storage.reasonOf(e), e);
        }
    }

    @Override
    public Stream<BlobKey> list(String prefix) {
        BlobKey.requirePrefix(prefix);
        String storePrefix = settings.prefix().isEmpty() ? "" : settings.prefix() + "/";
        try {
            return client
                    .listObjectsV2Paginator(ListObjectsV2Request.builder()
                            .bucket(bucket)
                            .prefix(storePrefix + prefix)
                            .build())
                    .contents()
                    .stream()
                    .map(object -> object.key().substring(storePrefix.length()))
                    // Objects put there by other tools are not blobs.
                    .filter(BlobKey::isValid)
                    .map(BlobKey::new);
        } catch (SdkException e) {
            throw new ObjectStoreException("Cannot list blobs: " + S3Storage.reasonOf(e), e);
        }
    }

    @Override
    public void close() {
        storage.close();
    }

    private String objectKey(BlobKey key) {
        return settings.locationOf(key.value()).key();
    }

    /** Reads up to a full part; fewer bytes only at the end of the content. */
    private static int fill(BlobKey key, InputStream content, byte[] part) {
        try {
            return content.readNBytes(part, 0, part.length);
        } catch (IOException e) {
            throw new ObjectStoreException(
                    "Cannot read the content of blob " + key + ": "
                            + e.getClass().getSimpleName(),
                    e);
        }
    }

    private void abort(String objectKey, String uploadId) {
        try {
            client.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                    .bucket(bucket)
                    .key(objectKey)
                    .uploadId(uploadId)
                    .build());
        } catch (SdkException ignored) {
            // The write already failed; the parts stay until the bucket's lifecycle rule removes them.
        }
    }
}
