package io.lexvault.storage;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lexvault.storage.blobs.*}: where blobs are kept.
 *
 * @param kind {@code filesystem} (the default) or {@code s3}
 * @param path the filesystem store's root; none means {@code <lexvault.data-dir>/blobs}
 * @param s3 the bucket, region, endpoint, addressing style and key prefix of the S3 store; a bucket
 *     is required when {@code kind} is {@code s3}
 */
@ConfigurationProperties("lexvault.storage.blobs")
public record BlobStoreProperties(
        @DefaultValue("filesystem") Kind kind,
        @Nullable Path path,
        @DefaultValue S3Settings s3) {

    public enum Kind {
        FILESYSTEM,
        S3
    }

    public BlobStoreProperties {
        // Validated at start-up: a store without a bucket would fail only at the first document.
        if (kind == Kind.S3 && !s3.hasBucket()) {
            throw new IllegalArgumentException("lexvault.storage.blobs.kind=s3 needs lexvault.storage.blobs.s3.bucket"
                    + " (LEXVAULT_STORAGE_BLOBS_S3_BUCKET)");
        }
    }
}
