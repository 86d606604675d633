package io.lexvault.access.roles;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Permission;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditRecord;
import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.FirmFounded;
import io.lexvault.identity.FirmRegistration;
import io.lexvault.identity.InvitationAccepted;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which roles users hold in the bound firm (any number, built-in and custom; they get the union of
 * what the roles allow); also tells identity what a signed-in user may do. Nothing here is cached:
 * every request reads the user's roles and the roles' permissions afresh, so a change to either
 * applies from the next request on, to sessions and API keys alike.
 *
 * <p>Giving or taking a role needs every permission it gives (nobody hands out or takes away more
 * than they hold), and the firm always keeps an active administrator. Every change is audited in its
 * own transaction.
 */
@Service
@NamedInterface("roles")
public class RoleAssignments implements AccessGrants {

    private final RoleAssignmentRepository repository;
    private final Roles roles;
    private final Accounts accounts;
    private final RoleAudit audit;

    RoleAssignments(RoleAssignmentRepository repository, Roles roles, Accounts accounts, RoleAudit audit) {
        this.repository = repository;
        this.roles = roles;
        this.accounts = accounts;
        this.audit = audit;
    }

    /**
     * Gives a user a built-in role on the operator's behalf (command line, demo), recorded as done by
     * the system. Requests use {@link #give}.
     */
    @Transactional
    public void assign(UserId user, BuiltInRole role) {
        if (repository.assign(TenantContext.requireTenant(), user, role.key())) {
            audit.assignmentEvent(
                    AuditAction.ROLE_ASSIGNED, AuditRecord.Actor.SYSTEM, user, role.key(), Map.of("via", "operator"));
        }
    }

    /**
     * Takes a built-in role away on the operator's behalf; the user's API keys lose its permissions
     * with it, on their next request. Requests use {@link #take}.
     */
    @Transactional
    public boolean remove(UserId user, BuiltInRole role) {
        boolean removed = repository.remove(TenantContext.requireTenant(), user, role.key());
        if (removed) {
            audit.assignmentEvent(
                    AuditAction.ROLE_REMOVED, AuditRecord.Actor.SYSTEM, user, role.key(), Map.of("via", "operator"));
        }
        return removed;
    }

    /** The roles a user of the bound firm holds, by key. */
    @Transactional(readOnly = true)
    public List<String> rolesOf(UserId user) {
        requirePerson(user);
        return List.copyOf(repository.rolesOf(TenantContext.requireTenant(), user));
    }

    /**
     * Gives {@code user} a role. Recorded as {@code role.assigned}.
     *
     * @return false when they held it already
     * @throws UnknownUserException, UnknownRoleException when either is not the firm's
     * @throws RoleRefusedException when the role gives permissions the caller lacks
     */
    @Transactional
    public boolean give(Caller caller, UserId user, String roleKey) {
        return replace(caller, user, union(rolesOf(user), roleKey)).added().contains(roleKey);
    }

    /**
     * Takes a role from {@code user}. Recorded as {@code role.removed}.
     *
     * @return false when they did not hold it
     * @throws RoleRefusedException when the role gives permissions the caller lacks, or it is the
     *     firm's last active administrator losing {@code administrator}
     */
    @Transactional
    public boolean take(Caller caller, UserId user, String roleKey) {
        var kept = new LinkedHashSet<>(rolesOf(user));
        kept.remove(roleKey);
        return replace(caller, user, kept).removed().contains(roleKey);
    }

    /** What {@link #replace} changed. */
    public record Change(List<String> roles, Set<String> added, Set<String> removed) {}

    /**
     * Makes {@code user}'s roles exactly {@code wanted}: each role given or taken is checked like
     * {@link #give} and {@link #take} and recorded on its own; all or nothing.
     */
    @Transactional
    public Change replace(Caller caller, UserId user, Collection<String> wanted) {
        TenantId tenant = TenantContext.requireTenant();
        var account = accounts.find(user).orElseThrow(UnknownUserException::new);
        var held = repository.rolesOf(tenant, user);
        var target = new TreeSet<String>();
        for (String key : wanted) {
            target.add(roles.find(key.strip())
                    .orElseThrow(UnknownRoleException::new)
                    .key());
        }
        var added = new TreeSet<>(target);
        added.removeAll(held);
        var removed = new TreeSet<>(held);
        removed.removeAll(target);
        var involved = EnumSet.noneOf(Permission.class);
        for (String key : added) {
            involved.addAll(
                    roles.find(key).orElseThrow(UnknownRoleException::new).permissions());
        }
        for (String key : removed) {
            // A role whose definition is gone (it cannot be, see V1_025, but would give nothing) needs nothing.
            roles.find(key).ifPresent(role -> involved.addAll(role.permissions()));
        }
        if (!caller.holdsAll(involved)) {
            var missing = new TreeSet<String>();
            involved.stream()
                    .map(Permission::key)
                    .filter(p -> !caller.permissions().contains(p))
                    .forEach(missing::add);
            throw new RoleRefusedException(
                    RoleRefusedException.Reason.BEYOND_CALLER,
                    "You can only give or take roles whose permissions you hold yourself; you do not hold: "
                            + String.join(", ", missing) + ".");
        }
        String administrator = BuiltInRole.ADMINISTRATOR.key();
        if (removed.contains(administrator)
                && account.status() == AccountStatus.ACTIVE
                && !anotherActiveAdministrator(tenant, user)) {
            // Without one, nobody could give roles or undo this any more: only the operator could.
            throw new RoleRefusedException(
                    RoleRefusedException.Reason.LAST_ADMINISTRATOR,
                    "This is the firm's last active administrator; make someone else administrator first.");
        }
        for (String key : removed) {
            repository.remove(tenant, user, key);
            audit.assignmentEvent(AuditAction.ROLE_REMOVED, caller.actor(), user, key, Map.of());
        }
        for (String key : added) {
            repository.assign(tenant, user, key);
            audit.assignmentEvent(AuditAction.ROLE_ASSIGNED, caller.actor(), user, key, Map.of());
        }
        return new Change(List.copyOf(target), Set.copyOf(added), Set.copyOf(removed));
    }

    private boolean anotherActiveAdministrator(TenantId tenant, UserId leaving) {
        var holders = repository.holders(tenant, BuiltInRole.ADMINISTRATOR.key());
        return accounts.all().stream()
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .filter(account -> !account.id().equals(leaving))
                .anyMatch(account -> holders.contains(account.id()));
    }

    private void requirePerson(UserId user) {
        if (accounts.find(user).isEmpty()) {
            throw new UnknownUserException();
        }
    }

    private static Set<String> union(Collection<String> held, String more) {
        var all = new LinkedHashSet<>(held);
        all.add(more);
        return all;
    }

    /**
     * Gives a newly invited person the roles their invitation named, in the transaction that made
     * their account (so the account never exists without them). A role deleted since the invitation
     * was sent, or a name that is no role, is skipped: it gives nothing.
     */
    @EventListener
    void onInvitationAccepted(InvitationAccepted accepted) {
        var tenant = new TenantId(accepted.tenant());
        var user = new UserId(accepted.user());
        for (String key : accepted.roles()) {
            if (roles.find(key).isPresent() && repository.assign(tenant, user, key)) {
                audit.assignmentEvent(
                        AuditAction.ROLE_ASSIGNED,
                        AuditRecord.Actor.user(user.value()),
                        user,
                        key,
                        Map.of("via", "invitation"));
            }
        }
    }

    /**
     * The person a new firm is made for is its first administrator: given by the system when the
     * operator made the firm, taken by the founder on sign-up.
     */
    @EventListener
    void onFirmFounded(FirmFounded founded) {
        var user = new UserId(founded.founder());
        boolean signedUp = founded.origin() == FirmRegistration.Origin.SIGN_UP;
        if (repository.assign(new TenantId(founded.tenant()), user, BuiltInRole.ADMINISTRATOR.key())) {
            audit.assignmentEvent(
                    AuditAction.ROLE_ASSIGNED,
                    signedUp ? AuditRecord.Actor.user(user.value()) : AuditRecord.Actor.SYSTEM,
                    user,
                    BuiltInRole.ADMINISTRATOR.key(),
                    Map.of("via", signedUp ? "sign_up" : "operator"));
        }
    }

    /** Built-in roles and the bound firm's custom roles, key to title, as {@link Roles#all()} orders them. */
    @Override
    @Transactional(readOnly = true)
    public SequencedMap<String, String> assignableRoles() {
        var assignable = new LinkedHashMap<String, String>();
        roles.all().forEach(role -> assignable.put(role.key(), role.title()));
        return assignable;
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> permissionsOfRole(String role) {
        var permissions = new TreeSet<String>();
        roles.find(role).ifPresent(found -> permissions.addAll(found.permissionKeys()));
        return permissions;
    }

    /**
     * Every user of the bound firm holding {@code permission} through a role (built-in or custom), with
     * those roles: for {@code MatterAccess}, which names who may see every matter and whom to ask.
     */
    @Transactional(readOnly = true)
    public Map<UUID, List<String>> holdersOf(Permission permission) {
        return repository.holdersOf(TenantContext.requireTenant(), permission.key());
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UserId, List<String>> rolesByUser() {
        return repository.rolesByUser(TenantContext.requireTenant());
    }

    /** The union of what every role of the user allows: built-in ones from the code, custom ones from the database. */
    @Override
    @Transactional(readOnly = true)
    public Grants of(TenantId tenant, UserId user) {
        if (!tenant.equals(TenantContext.requireTenant())) {
            throw new IllegalStateException("Grants are read inside the user's own firm");
        }
        var held = new TreeSet<String>();
        var permissions = new TreeSet<String>();
        for (var row : repository.heldBy(tenant, user)) {
            held.add(row.role());
            Roles.builtIn(row.role())
                    .ifPresent(builtIn -> builtIn.permissions().forEach(p -> permissions.add(p.key())));
            // Only keys of the catalogue count: a stored permission the code no longer knows grants nothing.
            if (row.customPermission() != null
                    && Permission.fromKey(row.customPermission()).isPresent()) {
                permissions.add(row.customPermission());
            }
        }
        return new Grants(held, permissions);
    }
}
