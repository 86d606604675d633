package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.lexvault.crypto.LocalSecrets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * The top of the key hierarchy: an AES-256-GCM Tink keyset that wraps every firm's keyset and
 * nothing else. It comes from {@code lexvault.crypto.root-keyset} (a Tink JSON keyset, e.g. from a
 * secrets manager; every node of a cluster needs the same one), else from
 * {@code <data dir>/secrets/root-keyset.json}, generated on first start (0600). Back it up apart
 * from the database: without it no firm data can be decrypted, which is the point.
 */
public final class RootKey {

    private final Aead aead;

    private RootKey(Aead aead) {
        this.aead = aead;
    }

    public static RootKey load(String configuredKeyset, Path dataDirectory) {
        try {
            AeadConfig.register();
            String json = configuredKeyset.isBlank()
                    ? LocalSecrets.readOrCreate(dataDirectory, "root-keyset.json", RootKey::generate)
                    : configuredKeyset;
            KeysetHandle keyset = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            return new RootKey(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The root keyset cannot be read: " + e.getMessage(), e);
        }
    }

    private static String generate() {
        try {
            AeadConfig.register();
            return TinkJsonProtoKeysetFormat.serializeKeyset(
                    KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Aead aead() {
        return aead;
    }
}
