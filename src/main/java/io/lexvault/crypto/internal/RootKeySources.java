package io.lexvault.crypto.internal;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Locale;

/** Chooses the root key's source from the configuration. */
public final class RootKeySources {

    public static final String KMS_PROPERTY = "lexvault.crypto.kms-uri (LEXVAULT_KMS_URI)";

    private RootKeySources() {}

    /**
     * A KMS key when {@code kmsUri} is set, else the configured keyset when set, else the data
     * directory's keyset file (generated on first start).
     *
     * @throws IllegalArgumentException when both are set, or the KMS URI names a KMS LexVault does not
     *     support or no key
     */
    public static RootKeySource choose(String configuredKeyset, String kmsUri, Path dataDirectory) {
        if (!kmsUri.isBlank() && !configuredKeyset.isBlank()) {
            throw new IllegalArgumentException("Both " + KMS_PROPERTY + " and " + ConfiguredKeyset.PROPERTY
                    + " are set: the root key is either a KMS key or a keyset, not both. Unset one.");
        }
        try {
            if (!kmsUri.isBlank()) {
                return kms(kmsUri.strip());
            }
            if (!configuredKeyset.isBlank()) {
                return new ConfiguredKeyset(configuredKeyset);
            }
            return KeysetFile.openOrCreate(dataDirectory);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The root keyset cannot be read: " + e.getMessage(), e);
        }
    }

    /** The KMS a URI's scheme names; only AWS KMS is built in. */
    static RootKeySource kms(String uri) {
        int separator = uri.indexOf("://");
        String scheme = separator < 0 ? "" : uri.substring(0, separator).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "aws-kms" -> AwsKmsRootKey.connectingTo(AwsKmsKeyUri.parse(uri));
            case "" ->
                throw new IllegalArgumentException(KMS_PROPERTY + " must be a KMS key URI such as "
                        + AwsKmsKeyUri.SCHEME + "arn:aws:kms:<region>:<account>:key/<key id>");
            default ->
                throw new IllegalArgumentException(KMS_PROPERTY + " names a KMS LexVault does not support ("
                        + scheme + "://). Supported: " + AwsKmsKeyUri.SCHEME
                        + " (AWS KMS). Leave it unset to use a root keyset instead.");
        };
    }
}
