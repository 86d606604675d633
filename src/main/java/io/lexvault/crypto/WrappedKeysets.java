package io.lexvault.crypto;

import io.lexvault.crypto.internal.KeysetWrapping;
import io.lexvault.tenancy.TenantId;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every keyset stored wrapped under the root key, as a root key rotation reads and rewrites them:
 * the firms' keysets ({@code tenant_keysets}, under the bound firm's row-level security) and
 * LexVault's own signing keys ({@code server_signing_keys}).
 */
@Repository
class WrappedKeysets {

    /** One wrapped keyset: its purpose, the bytes stored and the associated data they are wrapped with. */
    record Wrapped(String purpose, byte[] bytes, byte[] associatedData) {}

    private final JdbcClient jdbc;

    WrappedKeysets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The firms that have keysets (ids only, through {@code lexvault.firms_with_keysets()}). */
    List<TenantId> firms() {
        return jdbc.sql("SELECT lexvault.firms_with_keysets()").query(UUID.class).list().stream()
                .map(TenantId::new)
                .toList();
    }

    /** The bound firm's keysets, locked until the transaction ends. */
    List<Wrapped> lockedOfFirm(TenantId tenant) {
        return ofFirm(tenant, " FOR UPDATE");
    }

    /** The bound firm's keysets, not locked (read under the root key wrap barrier). */
    List<Wrapped> ofFirm(TenantId tenant) {
        return ofFirm(tenant, "");
    }

    private List<Wrapped> ofFirm(TenantId tenant, String locking) {
        return jdbc.sql("""
                        SELECT purpose, encrypted_keyset FROM lexvault.tenant_keysets
                         WHERE tenant_id = :tenant ORDER BY purpose""" + locking)
                .param("tenant", tenant.value())
                .query((row, n) -> new Wrapped(
                        row.getString("purpose"),
                        row.getBytes("encrypted_keyset"),
                        KeysetWrapping.firmAssociatedData(tenant, row.getString("purpose"))))
                .list();
    }

    void replaceOfFirm(TenantId tenant, String purpose, byte[] rewrapped) {
        jdbc.sql("""
                        UPDATE lexvault.tenant_keysets SET encrypted_keyset = :keyset, rewrapped_at = now()
                         WHERE tenant_id = :tenant AND purpose = :purpose
                        """)
                .param("tenant", tenant.value())
                .param("purpose", purpose)
                .param("keyset", rewrapped)
                .update();
    }

    /** LexVault's signing keys, locked until the transaction ends. */
    List<Wrapped> lockedSigningKeys() {
        return signingKeys(" FOR UPDATE");
    }

    /** LexVault's signing keys, not locked (read under the root key wrap barrier). */
    List<Wrapped> signingKeys() {
        return signingKeys("");
    }

    private List<Wrapped> signingKeys(String locking) {
        return jdbc.sql("SELECT purpose, encrypted_keyset FROM lexvault.server_signing_keys ORDER BY purpose" + locking)
                .query((row, n) -> new Wrapped(
                        row.getString("purpose"),
                        row.getBytes("encrypted_keyset"),
                        KeysetWrapping.signingKeyAssociatedData(row.getString("purpose"))))
                .list();
    }

    void replaceSigningKey(String purpose, byte[] rewrapped) {
        jdbc.sql("""
                        UPDATE lexvault.server_signing_keys SET encrypted_keyset = :keyset, rewrapped_at = now()
                         WHERE purpose = :purpose
                        """).param("purpose", purpose).param("keyset", rewrapped).update();
    }
}
