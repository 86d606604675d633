package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;

/**
 * A KMS key as a Tink {@link Aead}: KMS encrypts and decrypts, the key never leaves it. Does what
 * Tink's own {@code AwsKmsAead} (tink-awskms) does, over the AWS SDK v2: the associated data goes
 * into the encryption context (hex, under {@code associatedData}), which KMS binds to the ciphertext,
 * and a decryption by any other key than the configured one is refused.
 */
final class AwsKmsAead implements Aead {

    private final KmsClient kms;
    private final AwsKmsKeyUri key;

    AwsKmsAead(KmsClient kms, AwsKmsKeyUri key) {
        this.kms = kms;
        this.key = key;
    }

    @Override
    public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        try {
            return kms.encrypt(EncryptRequest.builder()
                            .keyId(key.arn())
                            .plaintext(SdkBytes.fromByteArray(plaintext))
                            .encryptionContext(context(associatedData))
                            .build())
                    .ciphertextBlob()
                    .asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS could not encrypt with " + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        try {
            var response = kms.decrypt(DecryptRequest.builder()
                    .keyId(key.arn())
                    .ciphertextBlob(SdkBytes.fromByteArray(ciphertext))
                    .encryptionContext(context(associatedData))
                    .build());
            if (key.namesKey() && !key.arn().equals(response.keyId())) {
                throw new GeneralSecurityException("AWS KMS decrypted with another key than " + key);
            }
            return response.plaintext().asByteArray();
        } catch (SdkException e) {
            throw new GeneralSecurityException("AWS KMS could not decrypt with " + key + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> context(byte[] associatedData) {
        return associatedData.length == 0
                ? Map.of()
                : Map.of("associatedData", HexFormat.of().formatHex(associatedData));
    }
}
