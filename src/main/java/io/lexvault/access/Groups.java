package io.lexvault.access;

import io.lexvault.access.walls.WallChangeRefusedException;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.text.HumanText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Groups of users, put on matter teams or screened by walls as a whole: joining a group that a wall
 * screens screens the person at once, on their next request. So changing who is in such a group, or
 * deleting it, is a change to the wall, with the wall's rules: {@code walls.manage}, and never by
 * someone that wall screens.
 */
@Service
public class Groups {

    public record Group(GroupId id, String name, List<UserId> members) {}

    private final WallRepository wallRepository;
    private final GroupRepository groupRepository;
    private final Accounts accounts;
    private final AccessAudit audit;
    private final Callers callers;
    private final RequestAudit requestAudit;
    private final TransactionTemplate transactions;
    private final EthicalWalls walls;

    Groups(
            WallRepository wallRepository,
            GroupRepository groupRepository,
            Accounts accounts,
            AccessAudit audit,
            Callers callers,
            RequestAudit requestAudit,
            TransactionTemplate transactions,
            EthicalWalls walls) {
        this.wallRepository = wallRepository;
        this.groupRepository = groupRepository;
        this.accounts = accounts;
        this.audit = audit;
        this.callers = callers;
        this.requestAudit = requestAudit;
        this.transactions = transactions;
        this.walls = walls;
    }

    @Transactional
    public GroupId create(String name) {
        String trimmed = HumanText.line("A group's name", name, 100);
        var id = new GroupId(UUID.randomUUID());
        groupRepository.insertGroup(TenantContext.requireTenant(), id, trimmed);
        audit.succeeded(AuditAction.GROUP_CREATED, "group", id.value(), null, null, Map.of());
        return id;
    }

    @Transactional(readOnly = true)
    public List<Group> all() {
        var tenant = TenantContext.requireTenant();
        return groupRepository.groups(tenant).stream()
                .map(g -> new Group(
                        g.id(),
                        g.name(),
                        groupRepository.groupMembers(tenant, Set.of(g.id().value())).stream()
                                .map(UserId::new)
                                .toList()))
                .toList();
    }

    /**
     * Puts a user in a group; false when they were in it already. For a group a wall screens this
     * screens them too, so it is a change to that wall ({@link #requireMayChange}).
     *
     * @throws IllegalArgumentException when the group or the user is not in the firm
     * @throws WallChangeRefusedException when a wall screens the group and the caller may not change it
     */
    public boolean addMember(GroupId group, UserId user) {
        return Boolean.TRUE.equals(changing(
                AuditAction.GROUP_MEMBER_ADDED, group, Map.of("user_id", user.toString()), tenant -> {
                    if (groupRepository.group(tenant, group).isEmpty()
                            || accounts.find(user).isEmpty()) {
                        throw new IllegalArgumentException("No such group or user in this firm.");
                    }
                    requireMayChange(tenant, group);
                    boolean added = walls.changingGroupMembers(
                            tenant, group, () -> groupRepository.addGroupMember(tenant, group, user));
                    if (added) {
                        audit.succeeded(
                                AuditAction.GROUP_MEMBER_ADDED,
                                "group",
                                group.value(),
                                null,
                                null,
                                Map.of("user_id", user.toString()));
                    }
                    return added;
                }));
    }

    /**
     * Takes a user out of a group; false when they were not in it. Nobody takes themselves out (the
     * database refuses it too): a screened administrator must not leave the group a wall screens. Nor
     * does anyone take others out of a group a wall screens unless they may change that wall.
     *
     * @throws WallChangeRefusedException when a wall screens the group and the caller may not change it
     */
    public boolean removeMember(GroupId group, UserId user) {
        if (callers.actingUser().filter(user::equals).isPresent()) {
            throw new IllegalArgumentException("Ask another administrator to take you out of a group.");
        }
        return Boolean.TRUE.equals(changing(
                AuditAction.GROUP_MEMBER_REMOVED, group, Map.of("user_id", user.toString()), tenant -> {
                    requireMayChange(tenant, group);
                    boolean removed = walls.changingGroupMembers(
                            tenant, group, () -> groupRepository.removeGroupMember(tenant, group, user));
                    if (removed) {
                        audit.succeeded(
                                AuditAction.GROUP_MEMBER_REMOVED,
                                "group",
                                group.value(),
                                null,
                                null,
                                Map.of("user_id", user.toString()));
                    }
                    return removed;
                }));
    }

    /**
     * Deletes a group (it leaves the matter teams it is on). A group a wall screens is not deleted: the
     * wall is changed first, so that the change is audited and mailed as a wall change, never lost in a
     * cascade. Nor is a group on the team of a matter a wall screens the caller from (deleting it would
     * change that matter's team).
     *
     * @throws MatterNotVisibleException when there is no such group in the firm
     * @throws WallChangeRefusedException when a wall concerns the group (see above)
     */
    public void delete(GroupId group) {
        changing(AuditAction.GROUP_DELETED, group, Map.of(), tenant -> {
            if (groupRepository.group(tenant, group).isEmpty()) {
                throw new MatterNotVisibleException();
            }
            requireMayChange(tenant, group);
            if (groupRepository.groupOnATeamBehindActingUsersWall(group)) {
                throw new WallChangeRefusedException(WallChangeRefusedException.Reason.SCREENED_BY_WALL);
            }
            if (!wallRepository.wallsScreeningGroup(tenant, group).isEmpty()) {
                throw new WallChangeRefusedException(WallChangeRefusedException.Reason.GROUP_ON_A_WALL);
            }
            if (!groupRepository.deleteGroup(tenant, group)) {
                // The database refused (its policies say the same as the checks above): not deleted.
                throw new WallChangeRefusedException(WallChangeRefusedException.Reason.SCREENED_BY_WALL);
            }
            audit.succeeded(AuditAction.GROUP_DELETED, "group", group.value(), null, null, Map.of());
            return null;
        });
    }

    /**
     * Runs a change to a group in a transaction of its own. A refusal is recorded as a denied attempt
     * in the audit log, after the change's transaction has rolled back (so the record stays), with the
     * reason: which one is for the security officer, not for the caller, who gets one sentence.
     */
    private <T> @Nullable T changing(
            AuditAction action, GroupId group, Map<String, String> details, Function<TenantId, @Nullable T> work) {
        try {
            return transactions.execute(status -> work.apply(TenantContext.requireTenant()));
        } catch (WallChangeRefusedException e) {
            var withReason = new HashMap<>(details);
            withReason.put("reason", e.reason().auditKey());
            requestAudit.deniedOn(action, "group", group.value(), null, null, withReason);
            throw e;
        }
    }

    /**
     * Changing who is in a group a wall screens changes whom that wall screens: it needs {@code
     * walls.manage}, and nobody one of those walls screens may do it (directly or through any group),
     * or a screened administrator could take colleagues, or the group, out from under their own wall;
     * nor anyone who could not change one of those walls directly (a wall around a matter they cannot
     * see). Who joins or leaves is mailed like a wall change ({@link EthicalWalls#changingGroupMembers}).
     * The database's policies (V1_042) refuse the same.
     */
    private void requireMayChange(TenantId tenant, GroupId group) {
        var wallsOfGroup = wallRepository.wallsScreeningGroup(tenant, group);
        if (wallsOfGroup.isEmpty()) {
            return;
        }
        var user = callers.actingUser()
                .orElseThrow(
                        () -> new WallChangeRefusedException(WallChangeRefusedException.Reason.WALLS_MANAGE_REQUIRED));
        if (wallRepository.anyWallScreens(tenant, wallsOfGroup, user, groupRepository.groupsOf(tenant, user))) {
            throw new WallChangeRefusedException(WallChangeRefusedException.Reason.SCREENED_BY_WALL);
        }
        if (!callers.holds(Permission.WALLS_MANAGE)) {
            throw new WallChangeRefusedException(WallChangeRefusedException.Reason.WALLS_MANAGE_REQUIRED);
        }
        // As for changing the wall itself: only walls around what the caller can see.
        if (!walls.mayChangeEveryWallOf(tenant, group)) {
            throw new WallChangeRefusedException(WallChangeRefusedException.Reason.WALL_NOT_VISIBLE);
        }
    }
}
