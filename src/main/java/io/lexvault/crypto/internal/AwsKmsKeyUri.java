package io.lexvault.crypto.internal;

import java.util.regex.Pattern;

/**
 * An AWS KMS key named the way Tink names KMS keys: {@code aws-kms://} followed by the key's ARN
 * ({@code arn:aws:kms:<region>:<account>:key/<key id>}) or an alias ARN. The region is the ARN's.
 */
public record AwsKmsKeyUri(String arn, String region) {

    public static final String SCHEME = "aws-kms://";

    private static final Pattern ARN =
            Pattern.compile("arn:aws(?:-cn|-us-gov|-iso|-iso-b)?:kms:([a-z]{2}(?:-[a-z]+)+-\\d):\\d{12}:"
                    + "(?:key/[A-Za-z0-9-]{1,128}|alias/[A-Za-z0-9/_-]{1,250})");

    /**
     * @throws IllegalArgumentException when {@code uri} is not {@code aws-kms://} followed by a KMS key
     *     or alias ARN
     */
    public static AwsKmsKeyUri parse(String uri) {
        if (!uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("Not an AWS KMS key URI (it starts with " + SCHEME + ")");
        }
        String arn = uri.substring(SCHEME.length());
        var matcher = ARN.matcher(arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("The AWS KMS key URI " + uri + " does not name a KMS key: expected "
                    + SCHEME + "arn:aws:kms:<region>:<12-digit account>:key/<key id> (or :alias/<name>)");
        }
        return new AwsKmsKeyUri(arn, matcher.group(1));
    }

    /** A key ARN (not an alias): KMS answers a decryption with the key's ARN, which must be this one. */
    boolean namesKey() {
        return arn.contains(":key/");
    }

    @Override
    public String toString() {
        return SCHEME + arn;
    }
}
