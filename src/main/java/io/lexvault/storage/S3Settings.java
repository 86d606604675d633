package io.lexvault.storage;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where an S3-compatible store is and how to address it, bound from a module's configuration (e.g.
 * {@code lexvault.audit.checkpoint-export.s3.*}). Credentials are never part of it: they come from
 * the AWS SDK's default chain (environment, system properties, profile files, container or instance
 * roles), so they stay out of configuration files and out of the repository.
 *
 * @param bucket the bucket to write to; none means this use of S3 is switched off
 * @param region the signing region; none means the SDK's default chain ({@code AWS_REGION}, profile)
 * @param endpoint an S3-compatible server (MinIO, Ceph, a cloud's S3 API); none means AWS itself
 * @param pathStyle address buckets as {@code endpoint/bucket/key} rather than {@code bucket.endpoint/key}
 * @param prefix the key prefix inside the bucket, without leading or trailing slash; may be empty
 */
public record S3Settings(
        @Nullable String bucket,
        @Nullable String region,
        @Nullable URI endpoint,
        @DefaultValue("false") boolean pathStyle,
        @DefaultValue("") String prefix) {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public S3Settings {
        bucket = bucket == null || bucket.isBlank() ? null : bucket.strip();
        region = region == null || region.isBlank() ? null : region.strip();
        prefix = prefix == null ? "" : stripSlashes(prefix.strip());
        if (bucket != null) {
            requireBucketName(bucket);
        }
        if (endpoint != null) {
            String scheme =
                    endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null) {
                throw new IllegalArgumentException("An S3 endpoint is an http or https address with a host");
            }
            // Credentials in an address end up in logs and configuration files: refuse them.
            if (endpoint.getUserInfo() != null || endpoint.getQuery() != null) {
                throw new IllegalArgumentException(
                        "An S3 endpoint carries no user name, password or query; credentials come from the"
                                + " AWS environment");
            }
        }
    }

    /** Settings with nothing configured: AWS itself, the default region chain, no bucket. */
    public static S3Settings none() {
        return new S3Settings(null, null, null, false, "");
    }

    public boolean hasBucket() {
        return bucket != null;
    }

    /**
     * The object {@code name} under the configured bucket and prefix.
     *
     * @throws IllegalStateException when no bucket is configured
     */
    public S3Location locationOf(String name) {
        if (bucket == null) {
            throw new IllegalStateException("No S3 bucket is configured");
        }
        return new S3Location(bucket, prefix.isEmpty() ? name : prefix + "/" + name);
    }

    static void requireBucketName(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException(
                    "An S3 bucket name has 3 to 63 lowercase letters, digits, dots and hyphens");
        }
    }

    private static String stripSlashes(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == '/') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(start, end);
    }
}
