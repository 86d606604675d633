package io.lexvault.access;

import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.identity.Account;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The matter wall in the application (wall 3, first half): who may see which matter. PostgreSQL
 * enforces the same rule on its own ({@code lexvault.enable_matter_wall} policies); both must agree
 * for a matter to show, so a bug in either alone leaks nothing.
 *
 * <p>A user sees a matter when no ethical wall screens them from it or from its client (directly or
 * through a group), and they are on its team (directly or through a group) or hold {@code
 * matters.read.all}. Walls win over every role, the administrator's included. Nobody acting sees
 * nothing.
 */
@Service
public class MatterAccess {

    /**
     * What the acting user may see, computed once per unit of work so that a list can be filtered in
     * its SQL ({@code NOT (id = ANY(:screened)) AND (:readsAll OR id = ANY(:team))}).
     */
    public record Viewer(
            @Nullable UserId user,
            boolean readsAll,
            Set<UUID> teamMatters,
            Set<UUID> screenedMatters,
            Set<UUID> screenedClients) {

        public static final Viewer NOBODY = new Viewer(null, false, Set.of(), Set.of(), Set.of());

        public Viewer {
            teamMatters = Set.copyOf(teamMatters);
            screenedMatters = Set.copyOf(screenedMatters);
            screenedClients = Set.copyOf(screenedClients);
        }

        public boolean screenedFrom(UUID matter, UUID client) {
            return screenedMatters.contains(matter) || screenedClients.contains(client);
        }

        public boolean maySee(UUID matter, UUID client) {
            return user != null && !screenedFrom(matter, client) && (readsAll || teamMatters.contains(matter));
        }
    }

    /** Why one person can reach a matter, or what stops them. */
    public record Reason(
            String kind,
            @Nullable UUID groupId,
            @Nullable String groupName,
            @Nullable String role) {
        static Reason team() {
            return new Reason("team", null, null, null);
        }

        static Reason teamGroup(UUID group, String name) {
            return new Reason("team_group", group, name, null);
        }

        static Reason role(String role) {
            return new Reason("role", null, null, role);
        }
    }

    /**
     * One person's access to a matter: {@code canAccess} only when they have a reason and no wall
     * screens them ({@code screenedBy} lists the walls that do).
     */
    public record Entry(
            UserId user,
            String displayName,
            boolean active,
            boolean canAccess,
            List<Reason> reasons,
            List<WallId> screenedBy) {}

    private final WallRepository wallRepository;
    private final GroupRepository groupRepository;
    private final TeamRepository teamRepository;
    private final RoleAssignments roleAssignments;
    private final Callers callers;
    private final Accounts accounts;
    private final ViewerRepository viewerRepository;

    MatterAccess(
            WallRepository wallRepository,
            GroupRepository groupRepository,
            TeamRepository teamRepository,
            RoleAssignments roleAssignments,
            Callers callers,
            Accounts accounts,
            ViewerRepository viewerRepository) {
        this.viewerRepository = viewerRepository;
        this.wallRepository = wallRepository;
        this.groupRepository = groupRepository;
        this.teamRepository = teamRepository;
        this.roleAssignments = roleAssignments;
        this.callers = callers;
        this.accounts = accounts;
    }

    /** The acting user's view of the firm's matters; {@link Viewer#NOBODY} when nobody acts. */
    @Transactional(readOnly = true)
    public Viewer viewer() {
        var user = callers.actingUser();
        if (user.isEmpty()) {
            return Viewer.NOBODY;
        }
        var sources = viewerRepository.sourcesOf(TenantContext.requireTenant(), user.get());
        return new Viewer(
                user.get(),
                callers.holds(Permission.MATTERS_READ_ALL),
                sources.teamMatters(),
                sources.screenedMatters(),
                sources.screenedClients());
    }

    /**
     * The active users of the bound firm holding {@code permission} through any role (built-in or
     * custom), e.g. the conflicts officers ({@code conflicts.check.all}) a screened checker is told to
     * ask. Their own screening is not considered: the list must not say who is walled from what.
     */
    @Transactional(readOnly = true)
    public List<Account> holdersOf(Permission permission) {
        var tenant = TenantContext.requireTenant();
        return roleAssignments.holdersOf(permission).keySet().stream()
                .map(id -> accounts.find(new UserId(id)))
                .flatMap(Optional::stream)
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .sorted(Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(Account::email))
                .toList();
    }

    @Transactional(readOnly = true)
    public boolean maySee(MatterRef matter) {
        return viewer().maySee(matter.id(), matter.client());
    }

    /** Fails with {@link MatterNotVisibleException} (a 404, never a 403) unless the acting user may see it. */
    public void requireVisible(MatterRef matter) {
        if (!maySee(matter)) {
            throw new MatterNotVisibleException();
        }
    }

    /**
     * Everyone who can reach the matter and why (team, team through a group, a role giving {@code
     * matters.read.all}), and everyone a wall around it screens, with the walls. Call it only for a
     * matter the caller may see.
     */
    @Transactional(readOnly = true)
    public List<Entry> whoCanAccess(MatterRef matter) {
        requireVisible(matter);
        var tenant = TenantContext.requireTenant();
        var groupNames = groupRepository.groups(tenant).stream()
                .collect(Collectors.toMap(g -> g.id().value(), GroupRepository.GroupRow::name));
        var reasons = new HashMap<UUID, List<Reason>>();
        var teamGroups = new HashSet<UUID>();
        for (var row : teamRepository.team(tenant, matter.id())) {
            if (row.member().user() != null) {
                reasons.computeIfAbsent(row.member().id(), k -> new ArrayList<>())
                        .add(Reason.team());
            } else {
                teamGroups.add(row.member().id());
            }
        }
        groupRepository
                .groupsOfMembers(tenant, teamGroups)
                .forEach((user, groups) -> groups.forEach(group -> reasons.computeIfAbsent(user, k -> new ArrayList<>())
                        .add(Reason.teamGroup(group, groupNames.getOrDefault(group, "")))));
        roleAssignments
                .holdersOf(Permission.MATTERS_READ_ALL)
                .forEach((user, roles) -> roles.forEach(role ->
                        reasons.computeIfAbsent(user, k -> new ArrayList<>()).add(Reason.role(role))));

        var screened = new HashMap<UUID, List<WallId>>();
        for (var wall : wallRepository.wallsAround(tenant, matter)) {
            var screenedGroups = new HashSet<UUID>();
            for (var member : wallRepository.screenedBy(tenant, wall.id())) {
                if (member.user() != null) {
                    screened.computeIfAbsent(member.id(), k -> new ArrayList<>())
                            .add(wall.id());
                } else {
                    screenedGroups.add(member.id());
                }
            }
            for (UUID user : groupRepository.groupMembers(tenant, screenedGroups)) {
                var walls = screened.computeIfAbsent(user, k -> new ArrayList<>());
                if (!walls.contains(wall.id())) {
                    walls.add(wall.id());
                }
            }
        }

        Map<UUID, Account> people =
                accounts.all().stream().collect(Collectors.toMap(a -> a.id().value(), Function.identity()));
        var byName = new TreeMap<String, Entry>();
        var everyone = new HashSet<UUID>(reasons.keySet());
        everyone.addAll(screened.keySet());
        for (UUID user : everyone) {
            var account = people.get(user);
            if (account == null) {
                continue;
            }
            var why = reasons.getOrDefault(user, List.of());
            var walls = screened.getOrDefault(user, List.of());
            boolean active = account.status() == io.lexvault.identity.AccountStatus.ACTIVE;
            byName.put(
                    account.displayName() + "\u0000" + user,
                    new Entry(
                            account.id(),
                            account.displayName(),
                            active,
                            !why.isEmpty() && walls.isEmpty() && active,
                            why,
                            walls));
        }
        return List.copyOf(byName.values());
    }
}
