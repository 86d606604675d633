package io.lexvault.identity.onboarding;

import io.lexvault.identity.Accounts;
import io.lexvault.identity.EmailAddresses;
import io.lexvault.identity.EmailTakenException;
import io.lexvault.identity.FirmRegistration;
import io.lexvault.identity.PasswordPolicy;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.OneTimeLinks;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.mail.Outbox;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.text.InvalidTextException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Self-service sign-up of a new firm (switched off unless {@code lexvault.identity.signup.enabled}).
 *
 * <p>It never tells the visitor whether an address has an account. The form is checked for what
 * the visitor typed (names, address), then queued; a job mails a confirmation link to a new
 * address, or tells a known address's owner that someone tried. The firm exists only once the link
 * is used (within 24 hours), with the signer as its administrator.
 */
@Service
public class Signups {

    public static final Duration VALID_FOR = Duration.ofHours(24);

    /** A confirmation link's sign-up, for the page that confirms it. */
    public record Pending(String firmName, String email) {}

    private final boolean enabled;
    private final SignupRepository signups;
    private final FirmRegistration registration;
    private final UserRepository users;
    private final PasswordPolicy policy;
    private final ServerKeyedHash hashes;
    private final Outbox outbox;
    private final AccountNotices notices;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Signups(
            @Value("${lexvault.identity.signup.enabled:false}") boolean enabled,
            SignupRepository signups,
            FirmRegistration registration,
            UserRepository users,
            PasswordPolicy policy,
            ServerKeyedHash hashes,
            Outbox outbox,
            AccountNotices notices,
            TransactionTemplate transactions,
            Clock clock) {
        this.enabled = enabled;
        this.signups = signups;
        this.registration = registration;
        this.users = users;
        this.policy = policy;
        this.hashes = hashes;
        this.outbox = outbox;
        this.notices = notices;
        this.transactions = transactions;
        this.clock = clock;
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Checks the form and queues it. Returns what the visitor must fix (about what they typed, never
     * about whether the address is known); empty means queued. No password yet: it is chosen on the
     * confirmation page, by whoever holds the mailbox.
     */
    public List<String> request(String firmName, String displayName, String email) {
        if (!enabled) {
            throw new IllegalStateException("Sign-up is switched off");
        }
        var problems = new ArrayList<String>();
        String firm = null;
        try {
            firm = Tenants.checkedName(firmName);
            if (Tenants.slugFor(firm).isEmpty()) {
                problems.add("A firm name needs some letters or digits.");
            }
        } catch (InvalidTextException e) {
            problems.add(e.getMessage());
        }
        String name = null;
        try {
            name = Accounts.checkedDisplayName(displayName);
        } catch (InvalidTextException e) {
            problems.add(e.getMessage());
        }
        if (!EmailAddresses.isWellFormed(email)) {
            problems.add("Enter an e-mail address such as name@firm.example.");
        }
        if (!problems.isEmpty() || firm == null || name == null) {
            return problems;
        }
        String checkedFirm = firm;
        String checkedName = name;
        transactions.executeWithoutResult(
                status -> signups.queue(EmailAddresses.normalize(email), checkedFirm, checkedName, clock.instant()));
        return List.of();
    }

    /** Handles queued sign-ups, and forgets expired confirmation links. */
    @Scheduled(
            fixedDelayString = "${lexvault.identity.reset-poll-interval:PT3S}",
            initialDelayString = "${lexvault.identity.reset-poll-interval:PT3S}")
    public int processRequests() {
        var batch = transactions.execute(status -> signups.takeQueued());
        transactions.executeWithoutResult(status -> signups.forgetExpired(clock.instant()));
        int handled = 0;
        for (var request : batch == null ? List.<SignupRepository.Request>of() : batch) {
            if (!mayMail(request.email())) {
                continue;
            }
            var existing = transactions.execute(status -> users.findSignIn(request.email()));
            if (existing != null && existing.isPresent()) {
                var location = existing.get();
                TenantContext.runAs(
                        location.tenant(),
                        null,
                        () -> transactions.executeWithoutResult(status -> users.find(location.tenant(), location.user())
                                .ifPresent(notices::signupWithKnownAddress)));
            } else {
                transactions.executeWithoutResult(status -> mailConfirmation(request));
            }
            handled++;
        }
        return handled;
    }

    /**
     * At most one sign-up mail an hour per address, however many sign-ups name it: the form must not
     * become a way to flood someone's inbox from LexVault's own sender.
     */
    private boolean mayMail(String email) {
        Instant now = clock.instant();
        Boolean claimed = transactions.execute(status -> signups.claimMailSlot(email, now));
        return claimed != null && claimed;
    }

    private void mailConfirmation(SignupRepository.Request request) {
        String token = OneTimeLinks.newToken();
        signups.replacePending(tokenHash(token), request, clock.instant().plus(VALID_FOR));
        // Nothing the visitor typed goes into this mail: the address is not confirmed yet, and the
        // mail must not carry a stranger's words from LexVault's sender.
        outbox.enqueueWithoutFirm(request.email(), "Confirm your new LexVault firm", """
                Someone (we hope you) asked to create a new firm on LexVault with this address as its
                administrator. To go on, open this link within 24 hours (it works once) and choose your
                password there:
                %s

                If you did not ask for this, ignore this message: nothing is created.

                LexVault
                """.formatted(
                        notices.link("/signup/confirm/" + token)));
    }

    public Optional<Pending> pending(String token) {
        if (!OneTimeLinks.isWellFormed(token)) {
            return Optional.empty();
        }
        return transactions.execute(status -> signups.findPending(tokenHash(token), clock.instant()));
    }

    /**
     * Creates the firm and its administrator, with the password chosen now, from a confirmation
     * link; the link is used up (not when the password is refused: then it can be tried again).
     *
     * @throws InvalidSignupLinkException when the link is unknown, used or expired
     * @throws PasswordRejectedException when the password breaks the policy
     * @throws EmailTakenException when the address got an account in the meantime
     */
    public TenantId confirm(String token, String password) {
        var pending = pending(token).orElseThrow(InvalidSignupLinkException::new);
        policy.check(password, pending.email(), pending.firmName());
        var claimed = transactions.execute(status -> signups.claimPending(tokenHash(token), clock.instant()));
        if (claimed == null || claimed.isEmpty()) {
            throw new InvalidSignupLinkException();
        }
        var signup = claimed.get();
        return registration
                .register(
                        signup.firmName(),
                        null,
                        signup.email(),
                        signup.displayName(),
                        password,
                        FirmRegistration.Origin.SIGN_UP)
                .firm();
    }

    private byte[] tokenHash(String token) {
        return hashes.hmac("signup|" + token);
    }
}
