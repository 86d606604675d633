package io.lexvault.identity;

import io.lexvault.crypto.FieldEncryption;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each firm's single sign-on provider (OpenID Connect, authorization code with PKCE), and the links
 * between provider accounts and LexVault users.
 */
@Service
public class SingleSignOn {

    /** What the sign-in flow needs, secret included; never leaves this module. */
    public record Provider(TenantId tenant, String issuer, String clientId, String clientSecret, Instant updatedAt) {}

    private final SsoRepository sso;
    private final UserRepository users;
    private final FieldEncryption encryption;
    private final SecurityEvents events;
    private final Clock clock;

    SingleSignOn(
            SsoRepository sso, UserRepository users, FieldEncryption encryption, SecurityEvents events, Clock clock) {
        this.sso = sso;
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
        sso.save(
                tenant,
                uri.toString(),
                clientId.strip(),
                encryption.encrypt(clientSecret.getBytes(StandardCharsets.UTF_8), secretContext(tenant)),
                clock.instant());
        events.publishInBoundTenant(SecurityEventType.SSO_CONFIGURED, null, Map.of("issuer", uri.toString()));
    }

    @Transactional(readOnly = true)
    public Optional<SsoConfiguration> current() {
        return sso.configuration(TenantContext.requireTenant());
    }

    @Transactional(readOnly = true)
    public Optional<Provider> provider() {
        TenantId tenant = TenantContext.requireTenant();
        return sso.provider(tenant)
                .map(stored -> new Provider(
                        tenant,
                        stored.issuer(),
                        stored.clientId(),
                        new String(
                                encryption.decrypt(stored.secretCiphertext(), secretContext(tenant)),
                                StandardCharsets.UTF_8),
                        stored.updatedAt()));
    }

    /**
     * The user a provider account signs in as, inside the bound firm: the linked user, else (first
     * time) the active user with the same verified address, whom the account is then linked to.
     * Never a user of another firm: only the bound firm's rows are searched.
     */
    @Transactional
    public Optional<Account> resolve(String issuer, String subject, String email, boolean emailVerified) {
        TenantId tenant = TenantContext.requireTenant();
        var linked = sso.linkedUser(tenant, issuer, subject);
        if (linked.isPresent()) {
            return find(tenant, new UserId(linked.get()));
        }
        if (!emailVerified || !EmailAddresses.isWellFormed(email)) {
            return Optional.empty();
        }
        var account =
                sso.userWithEmail(tenant, EmailAddresses.normalize(email)).flatMap(id -> find(tenant, new UserId(id)));
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (sso.isLinked(tenant, account.get().id(), issuer)) {
            // The user is linked to another account of this provider: the address alone is not enough.
            return Optional.empty();
        }
        sso.link(tenant, account.get().id(), issuer, subject, clock.instant());
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
