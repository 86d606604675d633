package io.lexvault.identity.passwordreset;

import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.EmailAddresses;
import io.lexvault.identity.PasswordPolicy;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.UserId;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.OneTimeLinks;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.identity.signin.SignInSessions;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Forgot your password": a single-use link, valid 30 minutes, stored only as an HMAC, e-mailed to
 * the account's address. Asking works the same, and answers the same, whether or not the address
 * has an account: the request is queued for every address and looked up later, by a job.
 */
@Service
public class PasswordResets {

    public static final Duration VALID_FOR = Duration.ofMinutes(30);

    private final PasswordResetRepository resets;
    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final ServerKeyedHash hashes;
    private final SignInSessions sessions;
    private final AccountNotices notices;
    private final SecurityEvents events;
    private final Tenants tenants;
    private final SecondFactors secondFactors;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PasswordResets(
            PasswordResetRepository resets,
            UserRepository users,
            PasswordPolicy policy,
            PasswordEncoder passwords,
            ServerKeyedHash hashes,
            SignInSessions sessions,
            AccountNotices notices,
            SecurityEvents events,
            Tenants tenants,
            SecondFactors secondFactors,
            TransactionTemplate transactions,
            Clock clock) {
        this.resets = resets;
        this.users = users;
        this.policy = policy;
        this.passwords = passwords;
        this.hashes = hashes;
        this.sessions = sessions;
        this.notices = notices;
        this.events = events;
        this.tenants = tenants;
        this.secondFactors = secondFactors;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Queues a reset for {@code email}; does the same work whatever the address. */
    public void request(String email) {
        String address = EmailAddresses.isWellFormed(email) ? EmailAddresses.normalize(email) : email.strip();
        if (address.length() > 254) {
            return;
        }
        transactions.executeWithoutResult(status -> resets.queue(address, clock.instant()));
    }

    /** Handles queued requests: a link for each address that has an account, nothing for the rest. */
    @Scheduled(
            fixedDelayString = "${lexvault.identity.reset-poll-interval:PT3S}",
            initialDelayString = "${lexvault.identity.reset-poll-interval:PT3S}")
    public int processRequests() {
        var batch = transactions.execute(status -> resets.takeQueued());
        int sent = 0;
        for (var request : batch == null ? List.<PasswordResetRepository.Request>of() : batch) {
            if (!EmailAddresses.isWellFormed(request.email())) {
                continue;
            }
            var location = transactions.execute(status -> users.findSignIn(request.email()));
            if (location == null || location.isEmpty()) {
                continue;
            }
            TenantId tenant = location.get().tenant();
            UserId user = location.get().user();
            TenantContext.runAs(
                    tenant, null, () -> transactions.executeWithoutResult(status -> sendLink(tenant, user)));
            sent++;
        }
        return sent;
    }

    private void sendLink(TenantId tenant, UserId user) {
        var account = users.find(tenant, user).filter(a -> a.status() == AccountStatus.ACTIVE);
        if (account.isEmpty()) {
            return;
        }
        String token = OneTimeLinks.newToken();
        Instant now = clock.instant();
        resets.insertLink(tenant, user, tokenHash(token), now, now.plus(VALID_FOR));
        notices.passwordResetLink(account.get(), "/password-reset/" + tenant + "/" + token, VALID_FOR);
        events.publish(
                SecurityEventType.PASSWORD_RESET_REQUESTED,
                tenant.value(),
                null,
                user.value(),
                RequestOrigin.COMMAND_LINE,
                Map.of());
    }

    /** Whether the link is one that would work now (for showing the form). */
    public boolean isUsable(String firm, String token) {
        return resolve(firm, token).isPresent();
    }

    /**
     * Sets a new password through a link: once, within 30 minutes. Lifts any lockout, ends every
     * session of the user, and tells them by e-mail.
     *
     * @throws InvalidResetLinkException when the link is unknown, used or expired
     * @throws PasswordRejectedException when the new password breaks the policy
     */
    public void complete(String firm, String token, String newPassword) {
        var target = resolve(firm, token).orElseThrow(InvalidResetLinkException::new);
        TenantContext.runAs(
                target.tenant(),
                target.user().value(),
                () -> transactions.executeWithoutResult(status -> {
                    Instant now = clock.instant();
                    if (!resets.useLink(target.tenant(), tokenHash(token), now)) {
                        throw new InvalidResetLinkException();
                    }
                    var account =
                            users.find(target.tenant(), target.user()).orElseThrow(InvalidResetLinkException::new);
                    policy.check(newPassword, account.email(), tenants.current().name());
                    users.updatePasswordHash(target.tenant(), target.user(), passwords.encode(newPassword), now);
                    if (!secondFactors.isEnrolled(target.user())) {
                        // Without a second factor the lock only guarded the old password. With one, it
                        // may also guard the codes: a reset (by whoever reads the mailbox) must not renew that.
                        users.unlock(target.tenant(), target.user());
                    }
                    // Every other outstanding link of this user dies with this one.
                    resets.useAllLinksOf(target.tenant(), target.user(), now);
                    int ended = sessions.endAllExcept(target.user(), null);
                    notices.passwordChanged(account);
                    events.publishInBoundTenant(
                            SecurityEventType.PASSWORD_RESET,
                            target.user(),
                            Map.of("sessions_ended", String.valueOf(ended)));
                }));
    }

    private record Target(TenantId tenant, UserId user) {}

    private Optional<Target> resolve(String firm, String token) {
        Instant now = clock.instant();
        return OneTimeLinks.lookUpInFirm(
                firm,
                token,
                tenant -> transactions.execute(status ->
                        resets.liveLinkUser(tenant, tokenHash(token), now).map(user -> new Target(tenant, user))));
    }

    private byte[] tokenHash(String token) {
        return hashes.hmac("password-reset|" + token);
    }
}
