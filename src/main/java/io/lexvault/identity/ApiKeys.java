package io.lexvault.identity;

import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.text.HumanText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** API keys of the bound firm's users: create (shown once), list, revoke, and authenticate a presented key. */
@Service
public class ApiKeys {

    /** The permission a user needs to make keys for themselves. */
    public static final String CREATE_PERMISSION = "api_keys.create";

    /** Keys expire; a year is the longest a key may live. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);

    /** How exact a key's last use is: it is written at most this often (docs/api.md). */
    static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

    private final ApiKeyRepository keys;
    private final UserRepository users;
    private final AccessGrants grants;
    private final ServerKeyedHash secrets;
    private final SecurityEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ApiKeys(
            ApiKeyRepository keys,
            UserRepository users,
            AccessGrants grants,
            ServerKeyedHash secrets,
            SecurityEvents events,
            TransactionTemplate transactions,
            Clock clock) {
        this.keys = keys;
        this.users = users;
        this.grants = grants;
        this.secrets = secrets;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Makes a key for {@code owner} in the bound firm.
     *
     * @param scopes permissions the key carries: at least one, each held by the owner now
     * @param lifetime how long the key works, at most {@link #MAX_LIFETIME}
     * @throws AccessDeniedException when the owner may not create keys or asks for a scope they lack
     * @throws IllegalArgumentException when the name, scopes or lifetime are malformed
     */
    @Transactional
    public CreatedApiKey create(UserId owner, String name, Collection<String> scopes, Duration lifetime) {
        TenantId tenant = TenantContext.requireTenant();
        String cleanName = HumanText.line("A key's name", name, 100);
        if (!lifetime.isPositive() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("A key works for at least a moment and at most 366 days");
        }
        var requested = new TreeSet<>(scopes);
        if (requested.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one permission for the key");
        }
        var account = users.find(tenant, owner).orElseThrow(() -> new AccessDeniedException("No such user"));
        if (account.status() != AccountStatus.ACTIVE) {
            throw new AccessDeniedException("A deactivated user cannot have API keys");
        }
        var held = grants.of(tenant, owner).permissions();
        if (!held.contains(CREATE_PERMISSION)) {
            throw new AccessDeniedException("Creating API keys needs the permission " + CREATE_PERMISSION);
        }
        var beyond = requested.stream().filter(scope -> !held.contains(scope)).toList();
        if (!beyond.isEmpty()) {
            throw new AccessDeniedException("A key can carry only permissions its owner has; not: " + beyond);
        }
        String secret = ServerKeyedHash.newKey();
        Instant now = clock.instant();
        var key = new ApiKey(
                UUID.randomUUID(),
                owner,
                cleanName,
                ServerKeyedHash.displayPrefix(secret),
                List.copyOf(requested),
                now,
                now.plus(lifetime),
                null,
                null);
        keys.insert(tenant, key, secrets.hmac(secret));
        events.publishInBoundTenant(
                SecurityEventType.API_KEY_CREATED,
                owner,
                Map.of("key", key.id().toString(), "scopes", String.join(" ", requested)));
        return new CreatedApiKey(key, secret);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> ownedBy(UserId owner) {
        return keys.ownedBy(TenantContext.requireTenant(), owner);
    }

    /** Every key of the bound firm, revoked and expired ones too (to name them where the audit log shows them). */
    @Transactional(readOnly = true)
    public List<ApiKey> all() {
        return keys.all(TenantContext.requireTenant());
    }

    /** Revokes one of {@code owner}'s keys at once; false when they have no such usable key. */
    @Transactional
    public boolean revoke(UserId owner, UUID keyId) {
        boolean revoked = keys.revoke(TenantContext.requireTenant(), owner, keyId, clock.instant());
        if (revoked) {
            events.publishInBoundTenant(SecurityEventType.API_KEY_REVOKED, owner, Map.of("key", keyId.toString()));
        }
        return revoked;
    }

    /**
     * The caller a presented key stands for, or empty when it is malformed, unknown, revoked,
     * expired, or its owner is deactivated. Works without a bound firm (the key says which).
     */
    public Optional<ApiKeyAuthentication> authenticate(String presented) {
        if (!ServerKeyedHash.wellFormed(presented)) {
            return Optional.empty();
        }
        // Looked up by its HMAC through a unique index: the comparison happens on a value an attacker
        // cannot choose bytes of, so lookup timing tells nothing about the key.
        byte[] hmac = secrets.hmac(presented);
        var location = transactions.execute(status -> keys.locate(hmac));
        if (location == null || location.isEmpty()) {
            return Optional.empty();
        }
        TenantId tenant = location.get().tenant();
        UUID keyId = location.get().key();
        return TenantContext.callAs(
                tenant,
                null,
                () -> transactions.execute(status -> {
                    Instant now = clock.instant();
                    var key = keys.find(tenant, keyId).filter(k -> k.usableAt(now));
                    if (key.isEmpty()) {
                        return Optional.<ApiKeyAuthentication>empty();
                    }
                    var account = users.find(tenant, key.get().owner()).filter(a -> a.status() == AccountStatus.ACTIVE);
                    if (account.isEmpty()) {
                        return Optional.<ApiKeyAuthentication>empty();
                    }
                    var effective = new TreeSet<>(key.get().scopes());
                    effective.retainAll(grants.of(tenant, key.get().owner()).permissions());
                    // Last use is kept to the minute: the row just read says whether this use is
                    // news, so a busy key costs no statement at all on most requests (the UPDATE
                    // keeps the same condition for concurrent requests).
                    var lastUsed = key.get().lastUsedAt();
                    if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USE_GRANULARITY))) {
                        keys.touch(tenant, keyId, now);
                    }
                    var user = new SignedInUser(
                            tenant.value(),
                            account.get().id().value(),
                            account.get().email(),
                            account.get().displayName());
                    return Optional.of(new ApiKeyAuthentication(user, keyId, effective));
                }));
    }
}
