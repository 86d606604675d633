package io.lexvault.storage;

/** One object: its bucket and key. Written {@code s3://bucket/key}. */
public record S3Location(String bucket, String key) {

    public static final String SCHEME = "s3://";

    public S3Location {
        S3Settings.requireBucketName(bucket);
        if (key.isEmpty() || key.startsWith("/") || key.length() > 1024) {
            throw new IllegalArgumentException("An S3 key has 1 to 1024 characters and does not start with /");
        }
    }

    /** Reads {@code s3://bucket/key}. */
    public static S3Location parse(String uri) {
        if (!uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("An S3 location is written s3://bucket/key");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("An S3 location is written s3://bucket/key");
        }
        return new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
    }

    public static boolean isS3(String destination) {
        return destination.startsWith(SCHEME);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
