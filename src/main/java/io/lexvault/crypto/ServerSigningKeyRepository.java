package io.lexvault.crypto;

import io.lexvault.crypto.internal.RootKeyWrapBarrier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** LexVault's own signing keys as stored: one wrapped keyset per purpose. */
@Repository
class ServerSigningKeyRepository {

    private final JdbcClient jdbc;

    ServerSigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the root key wrap barrier shared, until this transaction ends: call before reading the
     * root key to wrap a keyset that this transaction stores (RootKeyWrapBarrier).
     */
    void holdWrapBarrier() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)")
                .param("key", RootKeyWrapBarrier.KEY)
                .query()
                .singleValue();
    }

    /** Stores the keyset unless another node stored one for the purpose first (that one then wins). */
    void insertIfAbsent(String purpose, byte[] encryptedKeyset) {
        jdbc.sql("""
                        INSERT INTO lexvault.server_signing_keys (purpose, encrypted_keyset) VALUES (:purpose, :keyset)
                        ON CONFLICT DO NOTHING
                        """).param("purpose", purpose).param("keyset", encryptedKeyset).update();
    }

    byte @Nullable [] stored(String purpose) {
        return jdbc.sql("SELECT encrypted_keyset FROM lexvault.server_signing_keys WHERE purpose = :purpose")
                .param("purpose", purpose)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }
}
