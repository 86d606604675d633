package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/** Root keysets as Tink handles: AES-256-GCM keys in Tink's JSON keyset format. */
public final class RootKeysets {

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private RootKeysets() {}

    static KeysetHandle parse(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    }

    public static String json(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    }

    public static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static String generateJson() {
        try {
            return json(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code keyset} with a new AES-256-GCM key added as its primary; the old keys stay for unwrapping. */
    public static KeysetHandle withNewPrimary(KeysetHandle keyset) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(keyset)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId()
                        .makePrimary())
                .build();
    }

    /**
     * {@code keyset} without its primary key (a rotation's old keys), the first of the others made
     * primary so it is a keyset Tink can load.
     */
    public static KeysetHandle withoutPrimary(KeysetHandle keyset) throws GeneralSecurityException {
        var builder = KeysetHandle.newBuilder(keyset);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        if (builder.size() == 0) {
            throw new GeneralSecurityException("The root keyset holds its primary key only: no old key to retire");
        }
        builder.getAt(0).makePrimary();
        return builder.build();
    }

    /** {@code keyset} with its primary key alone. */
    public static KeysetHandle primaryOnly(KeysetHandle keyset) throws GeneralSecurityException {
        var builder = KeysetHandle.newBuilder(keyset);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (!builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return builder.build();
    }
}
