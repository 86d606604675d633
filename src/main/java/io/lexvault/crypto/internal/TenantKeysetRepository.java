package io.lexvault.crypto.internal;

import io.lexvault.tenancy.TenantId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each firm's wrapped keysets ({@code tenant_keysets}) and the purposes destroyed for it. */
@Repository
class TenantKeysetRepository {

    private final JdbcClient jdbc;

    TenantKeysetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the root key wrap barrier shared, until this transaction ends: call before reading the
     * root key to wrap a keyset that this transaction stores ({@link RootKeyWrapBarrier}).
     */
    void holdWrapBarrier() {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(:key)")
                .param("key", RootKeyWrapBarrier.KEY)
                .query()
                .singleValue();
    }

    /** The stored keyset, its row locked until the transaction ends; none if the firm has none yet. */
    byte @Nullable [] lockedKeyset(TenantId tenant, String purpose) {
        return jdbc.sql("""
                        SELECT encrypted_keyset FROM lexvault.tenant_keysets
                         WHERE tenant_id = :tenant AND purpose = :purpose FOR UPDATE
                        """)
                .param("tenant", tenant.value())
                .param("purpose", purpose)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }

    void replace(TenantId tenant, String purpose, byte[] encryptedKeyset) {
        jdbc.sql("""
                        UPDATE lexvault.tenant_keysets SET encrypted_keyset = :keyset, rotated_at = now()
                         WHERE tenant_id = :tenant AND purpose = :purpose
                        """)
                .param("tenant", tenant.value())
                .param("purpose", purpose)
                .param("keyset", encryptedKeyset)
                .update();
    }

    /** Stores the keyset unless another node stored one for firm and purpose first (that one then wins). */
    void insertIfAbsent(TenantId tenant, String purpose, byte[] encryptedKeyset) {
        jdbc.sql("""
                        INSERT INTO lexvault.tenant_keysets (tenant_id, purpose, encrypted_keyset)
                        VALUES (:tenant, :purpose, :keyset) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenant.value())
                .param("purpose", purpose)
                .param("keyset", encryptedKeyset)
                .update();
    }

    boolean destroyed(TenantId tenant, String purpose) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM lexvault.tenant_keyset_destructions
                                        WHERE tenant_id = :tenant AND purpose = :purpose)
                        """)
                .param("tenant", tenant.value())
                .param("purpose", purpose)
                .query(Boolean.class)
                .single();
    }

    byte @Nullable [] stored(TenantId tenant, String purpose) {
        return jdbc.sql("""
                        SELECT encrypted_keyset FROM lexvault.tenant_keysets WHERE tenant_id = :tenant AND purpose = :purpose
                        """)
                .param("tenant", tenant.value())
                .param("purpose", purpose)
                .query(byte[].class)
                .optional()
                .orElse(null);
    }

    /** Deletes every keyset of the firm bound to the transaction and marks its purposes destroyed. */
    int destroyAllOfBoundFirm() {
        return jdbc.sql("SELECT lexvault.destroy_tenant_keysets()")
                .query(Integer.class)
                .single();
    }
}
