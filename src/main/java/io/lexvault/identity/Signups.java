package io.lexvault.identity;

import io.lexvault.mail.Outbox;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.TenantSlugTakenException;
import io.lexvault.tenancy.Tenants;
import io.lexvault.text.InvalidTextException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
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

    private record Request(String email, String firmName, String displayName) {}

    private final boolean enabled;
    private final JdbcClient jdbc;
    private final Tenants tenants;
    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final ServerKeyedHash hashes;
    private final Outbox outbox;
    private final AccountNotices notices;
    private final SecurityEvents events;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Signups(
            @Value("${lexvault.identity.signup.enabled:false}") boolean enabled,
            JdbcClient jdbc,
            Tenants tenants,
            UserRepository users,
            PasswordPolicy policy,
            PasswordEncoder passwords,
            ServerKeyedHash hashes,
            Outbox outbox,
            AccountNotices notices,
            SecurityEvents events,
            ApplicationEventPublisher publisher,
            TransactionTemplate transactions,
            Clock clock) {
        this.enabled = enabled;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.users = users;
        this.policy = policy;
        this.passwords = passwords;
        this.hashes = hashes;
        this.outbox = outbox;
        this.notices = notices;
        this.events = events;
        this.publisher = publisher;
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
        transactions.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO lexvault.signup_requests (email, firm_name, display_name, requested_at)
                        VALUES (:email, :firm, :name, :now)
                        """)
                .param("email", EmailAddresses.normalize(email))
                .param("firm", checkedFirm)
                .param("name", checkedName)
                .param("now", Timestamp.from(clock.instant()))
                .update());
        return List.of();
    }

    /** Handles queued sign-ups, and forgets expired confirmation links. */
    @Scheduled(
            fixedDelayString = "${lexvault.identity.reset-poll-interval:PT3S}",
            initialDelayString = "${lexvault.identity.reset-poll-interval:PT3S}")
    public int processRequests() {
        var batch = transactions.execute(status -> jdbc.sql("""
                        DELETE FROM lexvault.signup_requests
                         WHERE id IN (SELECT id FROM lexvault.signup_requests ORDER BY id LIMIT 100 FOR UPDATE SKIP LOCKED)
                        RETURNING email, firm_name, display_name
                        """)
                .query((row, n) ->
                        new Request(row.getString("email"), row.getString("firm_name"), row.getString("display_name")))
                .list());
        transactions.executeWithoutResult(
                status -> jdbc.sql("DELETE FROM lexvault.pending_signups WHERE expires_at < :now")
                        .param("now", Timestamp.from(clock.instant()))
                        .update());
        int handled = 0;
        for (var request : batch == null ? List.<Request>of() : batch) {
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
        Integer claimed = transactions.execute(status -> jdbc.sql("""
                        INSERT INTO lexvault.signup_mail_log (email, last_sent_at) VALUES (:email, :now)
                        ON CONFLICT (email) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at
                         WHERE signup_mail_log.last_sent_at <= CAST(:now AS timestamptz) - interval '1 hour'
                        """)
                .param("email", email)
                .param("now", Timestamp.from(now))
                .update());
        return claimed != null && claimed == 1;
    }

    private void mailConfirmation(Request request) {
        String token = OneTimeLinks.newToken();
        // One pending sign-up per address: a newer one replaces the older.
        jdbc.sql("DELETE FROM lexvault.pending_signups WHERE email = :email")
                .param("email", request.email())
                .update();
        jdbc.sql("""
                        INSERT INTO lexvault.pending_signups (token_hmac, email, firm_name, display_name, expires_at)
                        VALUES (:hash, :email, :firm, :name, :expires)
                        """)
                .param("hash", tokenHash(token))
                .param("email", request.email())
                .param("firm", request.firmName())
                .param("name", request.displayName())
                .param("expires", Timestamp.from(clock.instant().plus(VALID_FOR)))
                .update();
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
        return transactions.execute(status -> jdbc.sql("""
                        SELECT firm_name, email FROM lexvault.pending_signups WHERE token_hmac = :hash AND expires_at > :now
                        """)
                .param("hash", tokenHash(token))
                .param("now", Timestamp.from(clock.instant()))
                .query((row, n) -> new Pending(row.getString("firm_name"), row.getString("email")))
                .optional());
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
        String hash = passwords.encode(password);
        Instant now = clock.instant();
        var claimed = transactions.execute(status -> jdbc.sql("""
                        DELETE FROM lexvault.pending_signups WHERE token_hmac = :hash AND expires_at > :now
                        RETURNING email, firm_name, display_name
                        """)
                .param("hash", tokenHash(token))
                .param("now", Timestamp.from(now))
                .query((row, n) ->
                        new Request(row.getString("email"), row.getString("firm_name"), row.getString("display_name")))
                .optional());
        if (claimed == null || claimed.isEmpty()) {
            throw new InvalidSignupLinkException();
        }
        var signup = claimed.get();
        var taken = transactions.execute(status -> users.findSignIn(signup.email()));
        if (taken != null && taken.isPresent()) {
            throw new EmailTakenException();
        }
        TenantId firm = registerWithFreeSlug(signup.firmName());
        var founder = UserId.random();
        TenantContext.runAs(
                firm,
                founder.value(),
                () -> transactions.executeWithoutResult(status -> {
                    users.insert(firm, founder, signup.email(), signup.displayName(), hash, now);
                    users.markEmailVerified(firm, founder, now);
                    publisher.publishEvent(new FirmSignedUp(firm.value(), founder.value()));
                    events.publishInBoundTenant(SecurityEventType.FIRM_SIGNED_UP, founder, Map.of());
                }));
        return firm;
    }

    /** "smith-partners", else "smith-partners-2", ... (the name is the signer's; the address is ours). */
    private TenantId registerWithFreeSlug(String firmName) {
        String base = Tenants.slugFor(firmName);
        if (base.length() > 36) {
            base = base.substring(0, 36).replaceAll("-+$", "");
        }
        for (int n = 1; n <= 50; n++) {
            try {
                return tenants.register(firmName, n == 1 ? base : base + "-" + n);
            } catch (TenantSlugTakenException e) {
                // try the next
            }
        }
        throw new IllegalStateException("No free address for the firm \"" + firmName + "\"");
    }

    private byte[] tokenHash(String token) {
        return hashes.hmac("signup|" + token);
    }
}
