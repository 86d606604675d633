package io.lexvault.identity;

import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.TenantSlugTakenException;
import io.lexvault.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way a firm comes to be, with its first administrator: the operator's {@code admin
 * create-firm} (and the demo) and self-service sign-up both call it, so the two cannot drift apart in
 * what a new firm holds or what the audit log says about it.
 */
@Service
public class FirmRegistration {

    /** Who made the firm; the audit log says so (the system for the operator, the founder for sign-up). */
    public enum Origin {
        OPERATOR,
        SIGN_UP
    }

    /** The new firm and its administrator. */
    public record Registered(TenantId firm, UserId administrator) {}

    private final Tenants tenants;
    private final UserRepository users;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final SecurityEvents events;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FirmRegistration(
            Tenants tenants,
            UserRepository users,
            PasswordPolicy policy,
            PasswordEncoder passwords,
            SecurityEvents events,
            ApplicationEventPublisher publisher,
            TransactionTemplate transactions,
            Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.policy = policy;
        this.passwords = passwords;
        this.events = events;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Creates the firm and its administrator, whose address counts as verified (the operator typed
     * it, or the signer used the link mailed to it), with the administrator role. Everything that
     * could refuse the administrator is checked before the firm exists, so a refusal leaves nothing
     * half made.
     *
     * @param slug the firm's address; null picks a free one from the name ("smith-partners", else
     *     "smith-partners-2", ...)
     * @throws io.lexvault.text.InvalidTextException when the firm's or the person's name is refused
     * @throws PasswordRejectedException when the password breaks the policy
     * @throws EmailTakenException when the address already has an account
     * @throws TenantSlugTakenException when the given slug is taken
     */
    public Registered register(
            String firmName,
            @Nullable String slug,
            String adminEmail,
            String adminName,
            String password,
            Origin origin) {
        String email = EmailAddresses.normalize(adminEmail);
        String name = Accounts.checkedDisplayName(adminName);
        policy.check(password, email, firmName);
        var taken = transactions.execute(status -> users.findSignIn(email));
        if (taken != null && taken.isPresent()) {
            throw new EmailTakenException();
        }
        String hash = passwords.encode(password);
        TenantId firm = slug == null ? registerWithFreeSlug(firmName) : tenants.register(firmName, slug);
        var founder = UserId.random();
        Instant now = clock.instant();
        // The founder acts for themselves on sign-up; the operator's actions are the system's.
        TenantContext.runAs(
                firm,
                origin == Origin.SIGN_UP ? founder.value() : null,
                () -> transactions.executeWithoutResult(status -> {
                    try {
                        users.insert(firm, founder, email, name, hash, now);
                    } catch (DuplicateKeyException e) {
                        throw new EmailTakenException();
                    }
                    users.markEmailVerified(firm, founder, now);
                    events.publishInBoundTenant(SecurityEventType.ACCOUNT_CREATED, founder, Map.of());
                    publisher.publishEvent(new FirmFounded(firm.value(), founder.value(), origin));
                    if (origin == Origin.SIGN_UP) {
                        events.publishInBoundTenant(SecurityEventType.FIRM_SIGNED_UP, founder, Map.of());
                    }
                }));
        return new Registered(firm, founder);
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
}
