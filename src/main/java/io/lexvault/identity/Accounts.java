package io.lexvault.identity;

import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.IdentityProperties;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.identity.signin.SignInSessions;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.text.HumanText;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** User accounts of the bound firm: create, read, change password, unlock. */
@Service
public class Accounts {

    private final UserRepository users;
    private final Tenants tenants;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final SignInSessions sessions;
    private final SecurityEvents events;
    private final AccountNotices notices;
    private final TransactionTemplate transactions;
    private final IdentityProperties properties;
    private final Clock clock;

    Accounts(
            UserRepository users,
            Tenants tenants,
            PasswordPolicy policy,
            PasswordEncoder passwords,
            SignInSessions sessions,
            SecurityEvents events,
            AccountNotices notices,
            TransactionTemplate transactions,
            IdentityProperties properties,
            Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.policy = policy;
        this.passwords = passwords;
        this.sessions = sessions;
        this.events = events;
        this.notices = notices;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Creates an account in the bound firm.
     *
     * @param password the first password, checked against the policy; null for an account that
     *     will set one later (invitation, single sign-on)
     * @throws IllegalArgumentException when the address or name is malformed
     * @throws PasswordRejectedException when the password breaks the policy
     * @throws EmailTakenException when the address already has an account
     */
    @Transactional
    public Account create(String email, String displayName, @Nullable String password) {
        TenantId tenant = TenantContext.requireTenant();
        String address = EmailAddresses.normalize(email);
        String name = checkedDisplayName(displayName);
        if (password != null) {
            policy.check(password, address, tenants.current().name());
        }
        var id = UserId.random();
        try {
            users.insert(
                    tenant, id, address, name, password == null ? null : passwords.encode(password), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new EmailTakenException();
        }
        events.publishInBoundTenant(SecurityEventType.ACCOUNT_CREATED, id, Map.of());
        return users.find(tenant, id).orElseThrow();
    }

    /**
     * The name as stored.
     *
     * @throws io.lexvault.text.InvalidTextException when {@link HumanText#line} refuses it (at most 200
     *     characters)
     */
    public static String checkedDisplayName(String displayName) {
        return HumanText.line("Your name", displayName, 200);
    }

    /**
     * Whether any firm's account uses the address. Works without a bound firm. For operator tools
     * ({@link FirmRegistration} checks the same before creating a firm); a web handler must never
     * reveal this answer.
     */
    @Transactional(readOnly = true)
    public boolean isAddressTaken(String email) {
        return users.findSignIn(EmailAddresses.normalize(email)).isPresent();
    }

    @Transactional(readOnly = true)
    public Optional<Account> find(UserId id) {
        return users.find(TenantContext.requireTenant(), id);
    }

    @Transactional(readOnly = true)
    public Optional<Account> findByEmail(String email) {
        if (!EmailAddresses.isWellFormed(email)) {
            return Optional.empty();
        }
        return users.findByEmail(TenantContext.requireTenant(), EmailAddresses.normalize(email));
    }

    /**
     * Changes the user's own password and ends every other session of theirs at once (someone who
     * learnt the old password may be signed in elsewhere).
     *
     * <p>A wrong current password counts against the same lockout as sign-in, so a borrowed session
     * cannot be used to guess the password; the attempt that locks the account also ends every
     * session of the user, this one included.
     *
     * @param keepSessionId the session making the change, which stays signed in; null ends all
     * @throws BadCredentialsException when the current password is wrong or the account is locked
     * @throws PasswordRejectedException when the new password breaks the policy
     */
    public void changePassword(UserId id, String currentPassword, String newPassword, @Nullable String keepSessionId) {
        TenantId tenant = TenantContext.requireTenant();
        var lockout = properties.lockout();
        var now = clock.instant();
        var attempt = transactions
                .execute(status ->
                        users.registerAttempt(tenant, id, now, lockout.maxFailures(), now.plus(lockout.duration())))
                .orElseThrow(() -> new BadCredentialsException("No such account"));
        String hash = attempt.passwordHash();
        boolean matches = hash != null && passwords.matches(currentPassword, hash);
        if (!matches || attempt.refusedAsLocked()) {
            if (attempt.lockedByThisAttempt(lockout.maxFailures()) && !matches) {
                lockedWhileSignedIn(tenant, id, "password_change");
            }
            throw new BadCredentialsException("The current password is not correct");
        }
        transactions.executeWithoutResult(status -> {
            var account = users.find(tenant, id).orElseThrow();
            users.recordSuccess(tenant, id, now);
            if (currentPassword.equals(newPassword)) {
                throw new PasswordRejectedException(List.of("Choose a password different from the current one."));
            }
            policy.check(newPassword, account.email(), tenants.current().name());
            users.updatePasswordHash(tenant, id, passwords.encode(newPassword), now);
            int ended = sessions.endAllExcept(id, keepSessionId);
            notices.passwordChanged(account);
            events.publishInBoundTenant(
                    SecurityEventType.PASSWORD_CHANGED, id, Map.of("sessions_ended", String.valueOf(ended)));
        });
    }

    /**
     * Checks the user's password again before a sensitive change. Counts against the lockout like a
     * sign-in; a right password gives its count back; the attempt that locks ends every session.
     */
    public SecondFactors.Verdict confirmPassword(UserId id, String password) {
        TenantId tenant = TenantContext.requireTenant();
        var lockout = properties.lockout();
        var now = clock.instant();
        var attempt = transactions.execute(
                status -> users.registerAttempt(tenant, id, now, lockout.maxFailures(), now.plus(lockout.duration())));
        if (attempt == null || attempt.isEmpty()) {
            return SecondFactors.Verdict.REFUSED;
        }
        if (attempt.get().refusedAsLocked()) {
            return SecondFactors.Verdict.LOCKED;
        }
        String hash = attempt.get().passwordHash();
        if (hash != null && passwords.matches(password, hash)) {
            transactions.executeWithoutResult(status -> users.forgiveOneAttempt(tenant, id, lockout.maxFailures()));
            return SecondFactors.Verdict.ACCEPTED;
        }
        if (attempt.get().lockedByThisAttempt(lockout.maxFailures())) {
            lockedWhileSignedIn(tenant, id, "confirmation");
            return SecondFactors.Verdict.LOCKED;
        }
        return SecondFactors.Verdict.REFUSED;
    }

    /**
     * Wrong passwords typed while signed in have locked the account: whoever holds this session may
     * be guessing, so every session of the user ends, and the user is told.
     */
    private void lockedWhileSignedIn(TenantId tenant, UserId id, String during) {
        transactions.executeWithoutResult(status -> {
            int ended = sessions.endAllExcept(id, null);
            users.find(tenant, id)
                    .ifPresent(account -> notices.accountLocked(
                            account,
                            properties.lockout().duration(),
                            RequestOrigin.current().address()));
            events.publishInBoundTenant(
                    SecurityEventType.ACCOUNT_LOCKED,
                    id,
                    Map.of("during", during, "sessions_ended", String.valueOf(ended)));
        });
    }

    /** Records that the address is known to reach the user (an operator or an invitation vouches for it). */
    @Transactional
    public void markEmailVerified(UserId id) {
        users.markEmailVerified(TenantContext.requireTenant(), id, clock.instant());
    }

    /** Every account of the bound firm (for its administrators). */
    @Transactional(readOnly = true)
    public List<Account> all() {
        return users.all(TenantContext.requireTenant());
    }

    /**
     * Deactivates an account (an administrator's action): it can no longer sign in by any means, its
     * sessions end at once, and its API keys stop working. Reversible with {@link #reactivate}.
     */
    @Transactional
    public boolean deactivate(UserId id) {
        TenantId tenant = TenantContext.requireTenant();
        if (users.find(tenant, id).isEmpty()) {
            return false;
        }
        users.setStatus(tenant, id, AccountStatus.DEACTIVATED);
        int ended = sessions.endAllExcept(id, null);
        events.publishInBoundTenant(
                SecurityEventType.ACCOUNT_DEACTIVATED, id, Map.of("sessions_ended", String.valueOf(ended)));
        return true;
    }

    @Transactional
    public boolean reactivate(UserId id) {
        TenantId tenant = TenantContext.requireTenant();
        if (users.find(tenant, id).isEmpty()) {
            return false;
        }
        users.setStatus(tenant, id, AccountStatus.ACTIVE);
        events.publishInBoundTenant(SecurityEventType.ACCOUNT_REACTIVATED, id, Map.of());
        return true;
    }

    /** Lifts a lockout before it runs out (an administrator's action). */
    @Transactional
    public boolean unlock(UserId id) {
        TenantId tenant = TenantContext.requireTenant();
        if (users.find(tenant, id).isEmpty()) {
            return false;
        }
        users.unlock(tenant, id);
        events.publishInBoundTenant(SecurityEventType.ACCOUNT_UNLOCKED, id, Map.of());
        return true;
    }
}
