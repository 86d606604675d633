package io.lexvault.identity.signin;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Authorities;
import io.lexvault.identity.EmailAddresses;
import io.lexvault.identity.PasswordPolicy;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.IdentityProperties;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in with e-mail address and password, built so that nobody learns from the answer whether an
 * address has an account.
 *
 * <p>Unknown address, wrong password, locked or deactivated account: each gets the same exception
 * (hence the same message and status) and costs one Argon2id verification, against a dummy hash
 * when there is no real one, so the response time does not tell them apart either.
 *
 * <p>After {@code maxFailures} wrong passwords the account is locked for the configured time; the
 * count restarts when the lock runs out or a sign-in succeeds.
 */
class PasswordSignIn implements AuthenticationProvider {

    /** The one answer for every refusal. */
    static final String REFUSED = "The e-mail address or password is not correct, or the account cannot sign in now.";

    /** Inputs longer than this are refused without storing anything (they cannot be a valid password). */
    private static final int MAX_INPUT = 4 * PasswordPolicy.MAX_LENGTH;

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AccessGrants grants;
    private final SecurityEvents events;
    private final AccountNotices notices;
    private final TransactionTemplate transactions;
    private final IdentityProperties.Lockout lockout;
    private final Clock clock;

    /** Verified when there is no real hash, so every refusal costs the same work. */
    private final String dummyHash;

    PasswordSignIn(
            UserRepository users,
            PasswordEncoder passwords,
            AccessGrants grants,
            SecurityEvents events,
            AccountNotices notices,
            TransactionTemplate transactions,
            IdentityProperties.Lockout lockout,
            Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.grants = grants;
        this.events = events;
        this.notices = notices;
        this.transactions = transactions;
        this.lockout = lockout;
        this.clock = clock;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String email = attempt.getName() == null ? "" : attempt.getName();
        String password =
                attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        if (password.length() > MAX_INPUT) {
            password = "";
        }
        String address = EmailAddresses.isWellFormed(email) ? EmailAddresses.normalize(email) : "";
        var origin = RequestOrigin.current();
        var location = transactions.execute(status -> users.findSignIn(address));
        boolean known = location != null && location.isPresent();
        // An unknown address walks the same path with ids that match no row: same statements, same
        // round trips, same hash work; only the events differ, and nobody outside sees those.
        TenantId tenant = known ? location.get().tenant() : new TenantId(UUID.randomUUID());
        UserId user = known ? location.get().user() : UserId.random();
        String candidate = password;
        return TenantContext.callAs(tenant, user.value(), () -> verify(tenant, user, known, candidate, origin));
    }

    private Authentication verify(TenantId tenant, UserId user, boolean known, String password, RequestOrigin origin) {
        Instant now = clock.instant();
        var attempt = transactions.execute(status -> {
            users.relaxDurabilityForThisTransaction();
            return users.registerAttempt(tenant, user, now, lockout.maxFailures(), now.plus(lockout.duration()));
        });
        var found = attempt == null ? null : attempt.orElse(null);
        String hash = found == null ? null : found.passwordHash();
        boolean matches = passwords.matches(password, hash == null ? dummyHash : hash) && hash != null;
        if (found != null && matches && !found.refusedAsLocked() && found.status() == AccountStatus.ACTIVE) {
            return signedIn(tenant, user, password, hash, now, origin);
        }
        if (found != null && found.lockedByThisAttempt(lockout.maxFailures())) {
            transactions.executeWithoutResult(status -> {
                events.publish(
                        SecurityEventType.ACCOUNT_LOCKED,
                        tenant.value(),
                        null,
                        user.value(),
                        origin,
                        Map.of("minutes", String.valueOf(lockout.duration().toMinutes())));
                users.find(tenant, user)
                        .ifPresent(account -> notices.accountLocked(account, lockout.duration(), origin.address()));
            });
        }
        String reason = !known || found == null
                ? "unknown_address"
                : found.refusedAsLocked()
                        ? "locked"
                        : found.status() != AccountStatus.ACTIVE
                                ? "deactivated"
                                : hash == null ? "no_password" : "wrong_password";
        throw refused(known ? tenant : null, known ? user : null, origin, reason);
    }

    /**
     * The password is right. Nothing is reset yet: the sign-in completes, and the failure count is
     * cleared, only when any second factor has also been shown ({@link SignInCompletion}), so a
     * known password cannot be used to reset the allowance for guessing the second factor.
     */
    private Authentication signedIn(
            TenantId tenant, UserId user, String password, String hash, Instant now, RequestOrigin origin) {
        var account = transactions.execute(status -> {
            if (passwords.upgradeEncoding(hash)) {
                // bcrypt, or Argon2 with weaker parameters than today's: store today's hash.
                users.updatePasswordHash(tenant, user, passwords.encode(password), null);
                events.publish(
                        SecurityEventType.PASSWORD_REHASHED,
                        tenant.value(),
                        user.value(),
                        user.value(),
                        origin,
                        Map.of());
            }
            return users.find(tenant, user).orElseThrow();
        });
        var principal = new SignedInUser(tenant.value(), user.value(), account.email(), account.displayName());
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities(tenant, user));
    }

    private List<GrantedAuthority> authorities(TenantId tenant, UserId user) {
        var granted = transactions.execute(status -> grants.of(tenant, user));
        return Authorities.of(granted == null ? AccessGrants.Grants.NONE : granted);
    }

    private BadCredentialsException refused(
            @Nullable TenantId tenant, @Nullable UserId user, RequestOrigin origin, String reason) {
        events.publish(
                SecurityEventType.SIGN_IN_FAILED,
                tenant == null ? null : tenant.value(),
                null,
                user == null ? null : user.value(),
                origin,
                Map.of("reason", reason));
        return new BadCredentialsException(REFUSED);
    }
}
