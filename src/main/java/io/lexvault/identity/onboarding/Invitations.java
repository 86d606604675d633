package io.lexvault.identity.onboarding;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.EmailAddresses;
import io.lexvault.identity.InvitationAccepted;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.UserId;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.OneTimeLinks;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.mail.Outbox;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Inviting people into the bound firm by e-mail: a single-use link, valid 72 hours, stored only as
 * an HMAC. Accepting it creates the account (its address counts as verified: the link reached it)
 * with the roles the invitation named.
 */
@Service
public class Invitations {

    public static final String INVITE_PERMISSION = "users.invite";
    public static final String ASSIGN_PERMISSION = "roles.assign";
    public static final Duration VALID_FOR = Duration.ofHours(72);

    private final InvitationRepository invitations;
    private final Accounts accounts;
    private final AccessGrants grants;
    private final ServerKeyedHash hashes;
    private final Outbox outbox;
    private final AccountNotices notices;
    private final Tenants tenants;
    private final SecurityEvents events;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Invitations(
            InvitationRepository invitations,
            Accounts accounts,
            AccessGrants grants,
            ServerKeyedHash hashes,
            Outbox outbox,
            AccountNotices notices,
            Tenants tenants,
            SecurityEvents events,
            ApplicationEventPublisher publisher,
            TransactionTemplate transactions,
            Clock clock) {
        this.invitations = invitations;
        this.accounts = accounts;
        this.grants = grants;
        this.hashes = hashes;
        this.outbox = outbox;
        this.notices = notices;
        this.tenants = tenants;
        this.events = events;
        this.publisher = publisher;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Invites {@code email} into the bound firm with {@code roles}, on behalf of the bound user, who
     * must hold {@code users.invite}. Whether the address already has an account anywhere is not
     * revealed here (that would let one firm probe another's people); the invitee learns it on
     * accepting.
     */
    @Transactional
    public Invitation invite(String email, List<String> roles) {
        TenantId tenant = TenantContext.requireTenant();
        UUID inviter = TenantContext.current().orElseThrow().actingUser();
        var held = inviter == null
                ? java.util.Set.<String>of()
                : grants.of(tenant, new UserId(inviter)).permissions();
        // Inviting hands out roles: it needs both permissions, so that granting users.invite alone
        // never lets someone make administrators.
        if (!held.contains(INVITE_PERMISSION) || !held.contains(ASSIGN_PERMISSION)) {
            throw new AccessDeniedException(
                    "Inviting people needs the permissions " + INVITE_PERMISSION + " and " + ASSIGN_PERMISSION);
        }
        String address = EmailAddresses.normalize(email);
        if (roles.isEmpty() || roles.stream().anyMatch(role -> !role.matches("[a-z][a-z0-9_]{0,62}"))) {
            throw new IllegalArgumentException("Choose at least one role for the person invited");
        }
        var assignable = grants.assignableRoles();
        for (String role : roles) {
            if (!assignable.containsKey(role)) {
                throw new IllegalArgumentException("There is no role " + role + " in your firm");
            }
            // The same rule as giving a role directly: nobody hands out permissions they do not hold,
            // so an invitation cannot make someone more powerful than the person who sent it.
            var beyond = new java.util.TreeSet<>(grants.permissionsOfRole(role));
            beyond.removeAll(held);
            if (!beyond.isEmpty()) {
                throw new AccessDeniedException("You can only invite people into roles whose permissions you hold"
                        + " yourself; you do not hold: " + String.join(", ", beyond));
            }
        }
        String token = OneTimeLinks.newToken();
        Instant now = clock.instant();
        var invitation = new Invitation(UUID.randomUUID(), address, roles, now, now.plus(VALID_FOR), null, null);
        invitations.insert(tenant, invitation, tokenHash(token), inviter);
        String firm = tenants.current().name();
        outbox.enqueue(address, "You are invited to " + firm + " on LexVault", """
                You are invited to join %s on LexVault, its secure workspace.

                Accept within 72 hours (the link works once) and choose your password here:
                %s

                If you did not expect this, ignore this message.
                """.formatted(
                        firm, notices.link("/invitations/" + tenant + "/" + token)));
        events.publishInBoundTenant(
                SecurityEventType.INVITATION_SENT,
                null,
                Map.of("invitation", invitation.id().toString()));
        return invitation;
    }

    @Transactional(readOnly = true)
    public List<Invitation> all() {
        return invitations.all(TenantContext.requireTenant());
    }

    /** The address a link invites, if the link works now (for showing the form). */
    public Optional<String> invitedAddress(String firm, String token) {
        return resolve(firm, token).map(found -> found.email());
    }

    /**
     * Accepts through the link: creates the account with the chosen name and password, marks the
     * address verified, assigns the invitation's roles, and uses the link up.
     *
     * @throws InvalidInvitationException when the link does not work (any more)
     * @throws PasswordRejectedException when the password breaks the policy
     * @throws EmailTakenException when the address already has a LexVault account
     */
    public void accept(String firm, String token, String displayName, String password) {
        var found = resolve(firm, token).orElseThrow(InvalidInvitationException::new);
        TenantContext.runAs(
                found.tenant(),
                null,
                () -> transactions.executeWithoutResult(status -> {
                    Instant now = clock.instant();
                    if (!invitations.accept(found.tenant(), tokenHash(token), now)) {
                        throw new InvalidInvitationException();
                    }
                    var account = accounts.create(found.email(), displayName, password);
                    accounts.markEmailVerified(account.id());
                    publisher.publishEvent(new InvitationAccepted(
                            found.tenant().value(), account.id().value(), found.roles()));
                    events.publishInBoundTenant(
                            SecurityEventType.INVITATION_ACCEPTED,
                            account.id(),
                            Map.of("invitation", found.id().toString()));
                }));
    }

    private Optional<InvitationRepository.Found> resolve(String firm, String token) {
        Instant now = clock.instant();
        return OneTimeLinks.lookUpInFirm(
                firm,
                token,
                tenant -> transactions.execute(status -> invitations.findLive(tenant, tokenHash(token), now)));
    }

    private byte[] tokenHash(String token) {
        return hashes.hmac("invitation|" + token);
    }
}
