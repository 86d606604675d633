package io.lexvault.crypto.internal;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Where the root key comes from: a keyset file under the data directory, a keyset given in the
 * configuration, or a key in a KMS. Another KMS is one more implementation of this interface (and a
 * scheme in {@link RootKeySources#choose}).
 */
public sealed interface RootKeySource permits KeysetFile, ConfiguredKeyset, AwsKmsRootKey {

    /** What unwraps, as last loaded. */
    Aead unwrapping() throws GeneralSecurityException;

    /** What wraps: the source's newest primary key (a keyset file is read again for it). */
    Aead wrapping() throws GeneralSecurityException;

    /**
     * Reads the source again after an unwrap failed with what was loaded: a root key rotation may
     * have added the key the row is wrapped under. Empty when the source cannot change while
     * LexVault runs (a configured keyset, a KMS key).
     */
    Optional<Aead> reread() throws GeneralSecurityException;

    /** Where the key is, for operators' messages; never key material. */
    String description();
}
