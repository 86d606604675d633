package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The top of the key hierarchy: the key that wraps every firm's keysets and LexVault's signing keys,
 * and nothing else. It comes from a {@link RootKeySource}: an AWS KMS key
 * ({@code lexvault.crypto.kms-uri}), else a Tink JSON keyset ({@code lexvault.crypto.root-keyset},
 * e.g. from a secrets manager; every node of a cluster needs the same one), else
 * {@code <data dir>/secrets/root-keyset.json}, generated on first start (0600). Back the keyset up
 * apart from the database: without it no firm data can be decrypted, which is the point.
 *
 * <p>When an unwrap fails with the loaded keyset, the source is read again once (a root key rotation
 * may have re-wrapped the row under a key added since) and the unwrap retried; then it fails.
 */
public final class RootKey {

    private final RootKeySource source;
    private final Aead aead = new Aead() {
        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            return source.wrapping().encrypt(plaintext, associatedData);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            try {
                return source.unwrapping().decrypt(ciphertext, associatedData);
            } catch (GeneralSecurityException failed) {
                var reread = source.reread();
                if (reread.isEmpty()) {
                    throw failed;
                }
                try {
                    return reread.get().decrypt(ciphertext, associatedData);
                } catch (GeneralSecurityException again) {
                    again.addSuppressed(failed);
                    throw again;
                }
            }
        }
    };

    private RootKey(RootKeySource source) {
        this.source = source;
    }

    public static RootKey of(RootKeySource source) {
        return new RootKey(source);
    }

    /** The configured keyset if given, else the data directory's keyset file (no KMS). */
    public static RootKey load(String configuredKeyset, Path dataDirectory) {
        return of(RootKeySources.choose(configuredKeyset, "", dataDirectory));
    }

    public Aead aead() {
        return aead;
    }

    public RootKeySource source() {
        return source;
    }
}
