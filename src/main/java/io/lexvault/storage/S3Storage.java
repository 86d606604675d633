package io.lexvault.storage;

import java.time.Duration;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 client (AWS SDK v2 over the JDK's HTTP client) for one endpoint and region. Thread-safe;
 * keep one per configuration and close it at shutdown.
 */
public final class S3Storage implements AutoCloseable {

    /** What {@link #putIfAbsent} found. */
    public enum Written {
        /** The object did not exist and now holds the content. */
        CREATED,
        /** The same bytes were already there (an earlier attempt whose answer was lost). */
        ALREADY_STORED,
        /** Other bytes are stored under the key, and were left alone. */
        DIFFERENT_OBJECT_STORED
    }

    private final S3Client client;

    private S3Storage(S3Client client) {
        this.client = client;
    }

    /**
     * A client for the settings' endpoint, region and addressing style; credentials from the AWS
     * default chain, looked up at the first request.
     *
     * @throws ObjectStoreException when no region is configured and the default chain names none
     */
    public static S3Storage connect(S3Settings settings) {
        var builder = S3Client.builder()
                // Bounded waits: an unreachable store must fail an attempt, never hang the caller.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(20)))
                .overrideConfiguration(override -> override.apiCallTimeout(Duration.ofMinutes(1)))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(settings.pathStyle());
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        try {
            return new S3Storage(builder.build());
        } catch (SdkException e) {
            throw new ObjectStoreException(reasonOf(e), e);
        }
    }

    /**
     * Writes the object unless one exists under its key (a conditional write, {@code If-None-Match:
     * *}): an object once stored is never replaced, so whoever controls this server cannot overwrite
     * what was written earlier. Stores that ignore the condition need versioning or Object Lock on the
     * bucket for the same guarantee.
     *
     * @throws ObjectStoreException when the store cannot be reached or refuses the write
     */
    public Written putIfAbsent(S3Location location, byte[] content, String contentType) {
        try {
            client.putObject(
                    PutObjectRequest.builder()
                            .bucket(location.bucket())
                            .key(location.key())
                            .contentType(contentType)
                            .ifNoneMatch("*")
                            .build(),
                    RequestBody.fromBytes(content));
            return Written.CREATED;
        } catch (S3Exception e) {
            // 412: the object exists; 409: a concurrent conditional write to the same key.
            if (e.statusCode() != 412 && e.statusCode() != 409) {
                throw new ObjectStoreException(reasonOf(e), e);
            }
        } catch (SdkException e) {
            throw new ObjectStoreException(reasonOf(e), e);
        }
        byte[] stored = get(location);
        return stored != null && Arrays.equals(stored, content)
                ? Written.ALREADY_STORED
                : Written.DIFFERENT_OBJECT_STORED;
    }

    /**
     * The object's bytes, or null when there is none.
     *
     * @throws ObjectStoreException when the store cannot be reached or refuses the read
     */
    public byte @Nullable [] get(S3Location location) {
        try {
            return client.getObjectAsBytes(GetObjectRequest.builder()
                            .bucket(location.bucket())
                            .key(location.key())
                            .build())
                    .asByteArray();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw new ObjectStoreException(reasonOf(e), e);
        } catch (SdkException e) {
            throw new ObjectStoreException(reasonOf(e), e);
        }
    }

    /** The underlying client, for the blob store's streamed and multipart requests. */
    S3Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * A short reason for logs and operators: the status and error code S3 answered, or the client's
     * own first line (e.g. "Unable to execute HTTP request: Connection refused"). The SDK's messages
     * name providers and settings, never credential values.
     */
    static String reasonOf(SdkException e) {
        if (e instanceof S3Exception s3) {
            String code =
                    s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorCode();
            return "S3 answered " + s3.statusCode() + (code == null ? "" : " " + code);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
