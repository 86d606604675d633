package io.lexvault.identity;

import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each firm's OpenID Connect provider (client secret encrypted by the caller) and its account links. */
@Repository
class SsoRepository {

    /** A provider row as stored: the client secret still encrypted. */
    record StoredProvider(String issuer, String clientId, byte[] secretCiphertext, Instant updatedAt) {}

    private final JdbcClient jdbc;

    SsoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(TenantId tenant, String issuer, String clientId, byte[] secretCiphertext, Instant now) {
        jdbc.sql("""
                        INSERT INTO lexvault.sso_configurations (tenant_id, issuer, client_id, client_secret_ciphertext, updated_at)
                        VALUES (:tenant, :issuer, :client, :secret, :now)
                        ON CONFLICT (tenant_id) DO UPDATE
                           SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
                               client_secret_ciphertext = EXCLUDED.client_secret_ciphertext, updated_at = EXCLUDED.updated_at
                        """)
                .param("tenant", tenant.value())
                .param("issuer", issuer)
                .param("client", clientId)
                .param("secret", secretCiphertext)
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<SsoConfiguration> configuration(TenantId tenant) {
        return jdbc.sql(
                        "SELECT issuer, client_id, updated_at FROM lexvault.sso_configurations WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query((row, n) -> new SsoConfiguration(
                        row.getString("issuer"),
                        row.getString("client_id"),
                        row.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    Optional<StoredProvider> provider(TenantId tenant) {
        return jdbc.sql("""
                        SELECT issuer, client_id, client_secret_ciphertext, updated_at
                          FROM lexvault.sso_configurations WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query((row, n) -> new StoredProvider(
                        row.getString("issuer"),
                        row.getString("client_id"),
                        row.getBytes("client_secret_ciphertext"),
                        row.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    Optional<UUID> linkedUser(TenantId tenant, String issuer, String subject) {
        return jdbc.sql("""
                        SELECT user_id FROM lexvault.sso_links
                         WHERE tenant_id = :tenant AND issuer = :issuer AND subject = :subject
                        """)
                .param("tenant", tenant.value())
                .param("issuer", issuer)
                .param("subject", subject)
                .query(UUID.class)
                .optional();
    }

    /** The firm's user with this (normalised) address, whatever their status. */
    Optional<UUID> userWithEmail(TenantId tenant, String normalizedEmail) {
        return jdbc.sql("SELECT id FROM lexvault.users WHERE tenant_id = :tenant AND email = :email")
                .param("tenant", tenant.value())
                .param("email", normalizedEmail)
                .query(UUID.class)
                .optional();
    }

    boolean isLinked(TenantId tenant, UserId user, String issuer) {
        return jdbc.sql("""
                        SELECT count(*) > 0 FROM lexvault.sso_links
                         WHERE tenant_id = :tenant AND user_id = :user AND issuer = :issuer
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("issuer", issuer)
                .query(Boolean.class)
                .single();
    }

    void link(TenantId tenant, UserId user, String issuer, String subject, Instant now) {
        jdbc.sql("""
                        INSERT INTO lexvault.sso_links (tenant_id, user_id, issuer, subject, linked_at)
                        VALUES (:tenant, :user, :issuer, :subject, :now)
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("issuer", issuer)
                .param("subject", subject)
                .param("now", Timestamp.from(now))
                .update();
    }
}
