package io.lexvault.identity;

import io.lexvault.crypto.FieldEncryption;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each firm's single sign-on provider (OpenID Connect, authorization code with PKCE), and the links
 * between provider accounts and LexVault users.
 */
@Service
public class SingleSignOn {

    /** What the sign-in flow needs, secret included; never leaves this module. */
    record Provider(TenantId tenant, String issuer, String clientId, String clientSecret, Instant updatedAt) {}

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final FieldEncryption encryption;
    private final SecurityEvents events;
    private final Clock clock;

    SingleSignOn(
            JdbcClient jdbc, UserRepository users, FieldEncryption encryption, SecurityEvents events, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.encryption = encryption;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Sets the bound firm's provider (an administrator's or operator's action).
     *
     * @param issuer the provider's issuer URL; its discovery document must be reachable from LexVault
     */
    @Transactional
    public void configure(String issuer, String clientId, String clientSecret) {
        TenantId tenant = TenantContext.requireTenant();
        URI uri = URI.create(issuer.strip());
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new IllegalArgumentException("The issuer is a URL such as https://login.example.com/realms/firm");
        }
        if (clientId.isBlank() || clientSecret.isBlank()) {
            throw new IllegalArgumentException("Both the client id and the client secret are needed");
        }
        jdbc.sql("""
                        INSERT INTO lexvault.sso_configurations (tenant_id, issuer, client_id, client_secret_ciphertext, updated_at)
                        VALUES (:tenant, :issuer, :client, :secret, :now)
                        ON CONFLICT (tenant_id) DO UPDATE
                           SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
                               client_secret_ciphertext = EXCLUDED.client_secret_ciphertext, updated_at = EXCLUDED.updated_at
                        """)
                .param("tenant", tenant.value())
                .param("issuer", uri.toString())
                .param("client", clientId.strip())
                .param(
                        "secret",
                        encryption.encrypt(clientSecret.getBytes(StandardCharsets.UTF_8), secretContext(tenant)))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        events.publishInBoundTenant(SecurityEventType.SSO_CONFIGURED, null, Map.of("issuer", uri.toString()));
    }

    @Transactional(readOnly = true)
    public Optional<SsoConfiguration> current() {
        return jdbc.sql(
                        "SELECT issuer, client_id, updated_at FROM lexvault.sso_configurations WHERE tenant_id = :tenant")
                .param("tenant", TenantContext.requireTenant().value())
                .query((row, n) -> new SsoConfiguration(
                        row.getString("issuer"),
                        row.getString("client_id"),
                        row.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    @Transactional(readOnly = true)
    Optional<Provider> provider() {
        TenantId tenant = TenantContext.requireTenant();
        return jdbc.sql("""
                        SELECT issuer, client_id, client_secret_ciphertext, updated_at
                          FROM lexvault.sso_configurations WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query((row, n) -> new Provider(
                        tenant,
                        row.getString("issuer"),
                        row.getString("client_id"),
                        new String(
                                encryption.decrypt(row.getBytes("client_secret_ciphertext"), secretContext(tenant)),
                                StandardCharsets.UTF_8),
                        row.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    /**
     * The user a provider account signs in as, inside the bound firm: the linked user, else (first
     * time) the active user with the same verified address, whom the account is then linked to.
     * Never a user of another firm: only the bound firm's rows are searched.
     */
    @Transactional
    Optional<Account> resolve(String issuer, String subject, String email, boolean emailVerified) {
        TenantId tenant = TenantContext.requireTenant();
        var linked = jdbc.sql("""
                        SELECT user_id FROM lexvault.sso_links
                         WHERE tenant_id = :tenant AND issuer = :issuer AND subject = :subject
                        """)
                .param("tenant", tenant.value())
                .param("issuer", issuer)
                .param("subject", subject)
                .query(java.util.UUID.class)
                .optional();
        if (linked.isPresent()) {
            return find(tenant, new UserId(linked.get()));
        }
        if (!emailVerified || !EmailAddresses.isWellFormed(email)) {
            return Optional.empty();
        }
        var account = jdbc.sql("SELECT id FROM lexvault.users WHERE tenant_id = :tenant AND email = :email")
                .param("tenant", tenant.value())
                .param("email", EmailAddresses.normalize(email))
                .query(java.util.UUID.class)
                .optional()
                .flatMap(id -> find(tenant, new UserId(id)));
        if (account.isEmpty()) {
            return Optional.empty();
        }
        boolean alreadyLinkedElsewhere = jdbc.sql("""
                        SELECT count(*) > 0 FROM lexvault.sso_links
                         WHERE tenant_id = :tenant AND user_id = :user AND issuer = :issuer
                        """)
                .param("tenant", tenant.value())
                .param("user", account.get().id().value())
                .param("issuer", issuer)
                .query(Boolean.class)
                .single();
        if (alreadyLinkedElsewhere) {
            // The user is linked to another account of this provider: the address alone is not enough.
            return Optional.empty();
        }
        jdbc.sql("""
                        INSERT INTO lexvault.sso_links (tenant_id, user_id, issuer, subject, linked_at)
                        VALUES (:tenant, :user, :issuer, :subject, :now)
                        """)
                .param("tenant", tenant.value())
                .param("user", account.get().id().value())
                .param("issuer", issuer)
                .param("subject", subject)
                .param("now", Timestamp.from(clock.instant()))
                .update();
        events.publishInBoundTenant(SecurityEventType.SSO_LINKED, account.get().id(), Map.of("issuer", issuer));
        return account;
    }

    private Optional<Account> find(TenantId tenant, UserId user) {
        return users.find(tenant, user).filter(account -> account.status() == AccountStatus.ACTIVE);
    }

    private static String secretContext(TenantId tenant) {
        return "sso-client-secret:" + tenant;
    }
}
