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
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
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
     * What presenting a key came to: the caller it stands for, or nobody ({@code caller} null), or
     * {@code throttled} when the client address has used up its refusals (then nothing about the key
     * was checked beyond its lookup, and the answer must not say whether it would have worked).
     */
    public record Attempt(@Nullable ApiKeyAuthentication caller, boolean throttled) {
        static final Attempt REFUSED = new Attempt(null, false);
        static final Attempt THROTTLED = new Attempt(null, true);
    }

    /**
     * The caller a presented key stands for; nobody when it is malformed, unknown, revoked, expired,
     * its firm is not active or its owner is deactivated. Works without a bound firm (the key says which).
     *
     * @param refusalBucket the id of the client address's refusal bucket (rate_limit_buckets)
     * @param refusalsExhausted the locking read of that bucket: asked only when the bucket exists, i.e.
     *     the address has been refused before, so a good key from a clean address costs no row lock
     */
    public Attempt authenticate(String presented, String refusalBucket, BooleanSupplier refusalsExhausted) {
        if (!ServerKeyedHash.wellFormed(presented)) {
            return refusalsExhausted.getAsBoolean() ? Attempt.THROTTLED : Attempt.REFUSED;
        }
        // Looked up by its HMAC through a unique index: the comparison happens on a value an attacker
        // cannot choose bytes of, so lookup timing tells nothing about the key. One statement outside
        // a transaction, which also says whether the address has a refusal bucket: a throttled address
        // is answered before anything about the key beyond this lookup is read.
        byte[] hmac = secrets.hmac(presented);
        var location = keys.locate(hmac, refusalBucket);
        if (location.refusedBefore() && refusalsExhausted.getAsBoolean()) {
            return Attempt.THROTTLED;
        }
        TenantId tenant = location.tenant();
        UUID keyId = location.key();
        if (tenant == null || keyId == null) {
            return Attempt.REFUSED;
        }
        // find_api_key answers only for a firm whose status is active: a locked firm's keys fail above,
        // in this request, so the signed-in filter need not read the firm's status again for a key.
        var caller = TenantContext.callAs(
                tenant,
                null,
                () -> transactions.execute(status -> {
                    Instant now = clock.instant();
                    var found = keys.findWithOwner(tenant, keyId)
                            .filter(k -> k.key().usableAt(now))
                            .filter(k -> k.ownerStatus() == AccountStatus.ACTIVE);
                    if (found.isEmpty()) {
                        return Optional.<ApiKeyAuthentication>empty();
                    }
                    var key = found.get().key();
                    var effective = new TreeSet<>(key.scopes());
                    effective.retainAll(grants.of(tenant, key.owner()).permissions());
                    // Last use is kept to the minute: the row just read says whether this use is
                    // news, so a busy key costs no statement at all on most requests (the UPDATE
                    // keeps the same condition for concurrent requests).
                    var lastUsed = key.lastUsedAt();
                    if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USE_GRANULARITY))) {
                        keys.touch(tenant, keyId, now);
                    }
                    var user = new SignedInUser(
                            tenant.value(),
                            key.owner().value(),
                            found.get().ownerEmail(),
                            found.get().ownerName());
                    return Optional.of(new ApiKeyAuthentication(user, keyId, effective));
                }));
        return caller == null || caller.isEmpty() ? Attempt.REFUSED : new Attempt(caller.get(), false);
    }
}
