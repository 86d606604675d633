package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * A root keyset given as {@code lexvault.crypto.root-keyset} (e.g. from a secrets manager; every
 * node of a cluster gets the same one). LexVault cannot rewrite it: a root key rotation writes the
 * new keyset to a file for the operator to deploy (docs/security.md §7).
 */
public final class ConfiguredKeyset implements RootKeySource {

    public static final String PROPERTY = "lexvault.crypto.root-keyset (LEXVAULT_CRYPTO_ROOTKEYSET)";

    private final KeysetHandle keyset;
    private final Aead aead;

    ConfiguredKeyset(String json) throws GeneralSecurityException {
        this.keyset = RootKeysets.parse(json);
        this.aead = RootKeysets.aead(keyset);
    }

    public KeysetHandle keyset() {
        return keyset;
    }

    @Override
    public Aead unwrapping() {
        return aead;
    }

    @Override
    public Aead wrapping() {
        return aead;
    }

    @Override
    public Optional<Aead> reread() {
        return Optional.empty();
    }

    @Override
    public String description() {
        return "the keyset configured in " + PROPERTY;
    }
}
