package io.lexvault.access;

import io.lexvault.access.walls.WallChangeRefusedException;
import io.lexvault.audit.AuditAction;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.mail.Outbox;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.text.HumanText;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ethical walls: an administrator screens users or groups from one matter or from every matter of a
 * client, for a stated reason. A screened person cannot reach the matter by any path whatever roles
 * they hold; {@link MatterAccess} and the database's policies enforce it.
 *
 * <p>Creating, changing and removing a wall is audited in the same transaction (ids only: the reason
 * may name people and stays out of the log) and e-mails the people it newly screens or releases. The
 * notice names the least that lets them comply: the matter's number, or the client's name for a
 * client-wide wall; never the matter's title, its team or the reason (docs/security.md §1).
 *
 * <p>Nobody sees, changes or removes a wall that screens them, nor walls around matters they cannot
 * see: such a wall is "not found", like the matter itself. Every change needs {@code walls.manage}
 * (here, in the handlers and in the database), and so does every change to a group a wall screens
 * ({@link Groups}).
 */
@Service
public class EthicalWalls {

    /** Exactly one of {@code matter} and {@code client} is set. */
    public record Wall(
            WallId id,
            @Nullable MatterRef matter,
            @Nullable ClientRef client,
            String reason,
            List<Member> screened,
            UUID createdBy,
            Instant createdAt,
            @Nullable UUID changedBy,
            @Nullable Instant changedAt) {}

    private static final int MAX_REASON = 1000;

    private final WallRepository wallRepository;
    private final GroupRepository groupRepository;
    private final MatterDirectory directory;
    private final Teams teams;
    private final Callers callers;
    private final Accounts accounts;
    private final AccessAudit audit;
    private final Outbox outbox;
    private final Clock clock;

    EthicalWalls(
            WallRepository wallRepository,
            GroupRepository groupRepository,
            MatterDirectory directory,
            Teams teams,
            Callers callers,
            Accounts accounts,
            AccessAudit audit,
            Outbox outbox,
            Clock clock) {
        this.wallRepository = wallRepository;
        this.groupRepository = groupRepository;
        this.directory = directory;
        this.teams = teams;
        this.callers = callers;
        this.accounts = accounts;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Screens {@code screened} from a matter or (when {@code matter} is null) from every matter of a
     * client.
     *
     * @throws MatterNotVisibleException when the caller cannot see the matter or client
     * @throws IllegalArgumentException for a missing reason, nobody screened, or an unknown member
     */
    @Transactional
    public WallId create(@Nullable UUID matter, @Nullable UUID client, String reason, Set<Member> screened) {
        var author = requireActingUser();
        if ((matter == null) == (client == null)) {
            throw new IllegalArgumentException("A wall is around one matter or one client.");
        }
        String why = checkedReason(reason);
        if (screened.isEmpty()) {
            throw new IllegalArgumentException("A wall screens at least one user or group.");
        }
        MatterRef matterRef =
                matter == null ? null : directory.visibleMatter(matter).orElseThrow(MatterNotVisibleException::new);
        ClientRef clientRef =
                client == null ? null : directory.visibleClient(client).orElseThrow(MatterNotVisibleException::new);
        screened.forEach(teams::requireExists);
        requireWallsManage();

        var tenant = TenantContext.requireTenant();
        var id = new WallId(UUID.randomUUID());
        wallRepository.insertWall(
                tenant,
                id,
                matterRef == null ? null : matterRef.id(),
                clientRef == null ? null : clientRef.id(),
                why,
                author.value());
        screened.forEach(member -> wallRepository.screen(tenant, id, member));
        var details = new HashMap<String, String>(scopeDetails(matterRef, clientRef));
        details.putAll(memberDetails("screened", screened));
        audit.succeeded(
                AuditAction.WALL_CREATED,
                "wall",
                id.value(),
                matterRef == null ? null : matterRef.id(),
                clientOf(matterRef, clientRef),
                details);
        notifyScreened(tenant, usersOf(tenant, screened), matterRef, clientRef, true);
        return id;
    }

    /**
     * Changes a wall's reason and whom it screens (the target stays: a wall around something else is a
     * new wall). Returns false when nothing changed.
     *
     * @throws MatterNotVisibleException when the wall does not exist for the caller
     */
    @Transactional
    public boolean change(WallId id, String reason, Set<Member> screened) {
        var author = requireActingUser();
        String why = checkedReason(reason);
        if (screened.isEmpty()) {
            throw new IllegalArgumentException("A wall screens at least one user or group; remove it instead.");
        }
        var wall = find(id).orElseThrow(MatterNotVisibleException::new);
        requireWallsManage();
        screened.forEach(teams::requireExists);
        var tenant = TenantContext.requireTenant();
        var before = new LinkedHashSet<>(wall.screened());
        var added = new LinkedHashSet<>(screened);
        added.removeAll(before);
        var removed = new LinkedHashSet<>(before);
        removed.removeAll(screened);
        boolean reasonChanged = !why.equals(wall.reason());
        if (!reasonChanged && added.isEmpty() && removed.isEmpty()) {
            return false;
        }
        // Who was screened before the change, expanded through groups, decides who hears of it.
        var usersBefore = usersOf(tenant, before);
        if (!wallRepository.changeReason(tenant, id, why, author.value(), clock.instant())) {
            // The database refused (it screens the caller): same answer as a wall that does not exist.
            throw new MatterNotVisibleException();
        }
        added.forEach(member -> wallRepository.screen(tenant, id, member));
        for (var member : removed) {
            if (!wallRepository.unscreen(tenant, id, member)) {
                throw new MatterNotVisibleException();
            }
        }
        var usersAfter = usersOf(tenant, screened);
        var details = new HashMap<String, String>(scopeDetails(wall.matter(), wall.client()));
        details.putAll(memberDetails("added", added));
        details.putAll(memberDetails("removed", removed));
        details.put("reason_changed", String.valueOf(reasonChanged));
        audit.succeeded(
                AuditAction.WALL_CHANGED,
                "wall",
                id.value(),
                wall.matter() == null ? null : wall.matter().id(),
                clientOf(wall.matter(), wall.client()),
                details);
        var newlyScreened = new LinkedHashSet<>(usersAfter);
        newlyScreened.removeAll(usersBefore);
        var released = new LinkedHashSet<>(usersBefore);
        released.removeAll(usersAfter);
        notifyScreened(tenant, newlyScreened, wall.matter(), wall.client(), true);
        notifyScreened(tenant, released, wall.matter(), wall.client(), false);
        return true;
    }

    /** Removes a wall; the people it screened see the matter again from their next request. */
    @Transactional
    public void remove(WallId id) {
        requireActingUser();
        var wall = find(id).orElseThrow(MatterNotVisibleException::new);
        requireWallsManage();
        var tenant = TenantContext.requireTenant();
        var users = usersOf(tenant, wall.screened());
        if (!wallRepository.deleteWall(tenant, id)) {
            throw new MatterNotVisibleException();
        }
        var details = new HashMap<String, String>(scopeDetails(wall.matter(), wall.client()));
        details.putAll(memberDetails("screened", wall.screened()));
        audit.succeeded(
                AuditAction.WALL_REMOVED,
                "wall",
                id.value(),
                wall.matter() == null ? null : wall.matter().id(),
                clientOf(wall.matter(), wall.client()),
                details);
        notifyScreened(tenant, users, wall.matter(), wall.client(), false);
    }

    /**
     * Whether the caller may change every wall that screens this group: each is one they may know of
     * ({@link #find}: around something they can see, not screening them). Changing who is in the
     * group changes whom those walls screen, so it asks what changing them directly would ask.
     */
    boolean mayChangeEveryWallOf(TenantId tenant, GroupId group) {
        return wallRepository.wallsScreeningGroup(tenant, group).stream()
                .allMatch(wall -> find(new WallId(wall)).isPresent());
    }

    /**
     * Runs a change to who is in a group and mails the people it newly screens from, or releases from,
     * each wall that screens the group, exactly as a change to the wall itself would (the same notice,
     * naming the matter's number or the client only). Someone screened by the same wall some other way
     * (directly, or through another group) hears nothing: for them nothing changed.
     */
    <T> T changingGroupMembers(TenantId tenant, GroupId group, java.util.function.Supplier<T> change) {
        var before = new HashMap<WallId, Set<UUID>>();
        var shown = new HashMap<WallId, Wall>();
        for (UUID id : wallRepository.wallsScreeningGroup(tenant, group)) {
            var wall = find(new WallId(id));
            // Only walls the caller may know of reach here (mayChangeEveryWallOf); a wall they may not
            // know of names nothing in a notice sent on their behalf.
            wall.ifPresent(w -> {
                shown.put(w.id(), w);
                before.put(w.id(), usersOf(tenant, w.screened()));
            });
        }
        T result = change.get();
        for (var entry : shown.entrySet()) {
            var wall = entry.getValue();
            var after = usersOf(tenant, wall.screened());
            var newlyScreened = new LinkedHashSet<>(after);
            newlyScreened.removeAll(before.get(entry.getKey()));
            var released = new LinkedHashSet<>(before.get(entry.getKey()));
            released.removeAll(after);
            notifyScreened(tenant, newlyScreened, wall.matter(), wall.client(), true);
            notifyScreened(tenant, released, wall.matter(), wall.client(), false);
        }
        return result;
    }

    /** The walls the caller may know of: around what they can see, and not screening them. */
    @Transactional(readOnly = true)
    public List<Wall> all() {
        var tenant = TenantContext.requireTenant();
        var viewer = callers.actingUser();
        if (viewer.isEmpty()) {
            return List.of();
        }
        // A fixed number of reads for the whole page, however many walls: who each screens, the
        // members of the groups among them, and the walled matters and clients the caller may see.
        var rows = wallRepository.walls(tenant);
        var screenedBy = wallRepository.screenedByEveryWall(tenant);
        var groups = new HashSet<UUID>();
        screenedBy
                .values()
                .forEach(members ->
                        members.stream().filter(m -> m.user() == null).forEach(m -> groups.add(m.id())));
        var membersOfGroup = new HashMap<UUID, Set<UUID>>();
        if (!groups.isEmpty()) {
            groupRepository
                    .groupsOfMembers(tenant, groups)
                    .forEach((user, ofUser) -> ofUser.forEach(group -> membersOfGroup
                            .computeIfAbsent(group, g -> new HashSet<>())
                            .add(user)));
        }
        var matters = directory.visibleMatters(rows.stream()
                .map(WallRepository.WallRow::matter)
                .filter(Objects::nonNull)
                .toList());
        Map<UUID, ClientRef> clients = rows.stream().anyMatch(row -> row.client() != null)
                ? directory.visibleClients().stream().collect(Collectors.toMap(ClientRef::id, c -> c))
                : Map.of();
        var result = new ArrayList<Wall>();
        for (var row : rows) {
            var screened = screenedBy.getOrDefault(row.id(), List.of());
            var users = new HashSet<UUID>();
            for (var member : screened) {
                if (member.user() != null) users.add(member.id());
                else users.addAll(membersOfGroup.getOrDefault(member.id(), Set.of()));
            }
            shown(
                            row,
                            screened,
                            users,
                            row.matter() == null ? Optional.empty() : Optional.ofNullable(matters.get(row.matter())),
                            row.client() == null ? Optional.empty() : Optional.ofNullable(clients.get(row.client())))
                    .ifPresent(result::add);
        }
        return result;
    }

    @Transactional(readOnly = true)
    public Optional<Wall> find(WallId id) {
        if (callers.actingUser().isEmpty()) {
            return Optional.empty();
        }
        var tenant = TenantContext.requireTenant();
        return wallRepository.wall(tenant, id).flatMap(row -> shown(tenant, row));
    }

    private Optional<Wall> shown(TenantId tenant, WallRepository.WallRow row) {
        var screened = wallRepository.screenedBy(tenant, row.id());
        return shown(
                row,
                screened,
                usersOf(tenant, screened),
                row.matter() == null ? Optional.empty() : directory.visibleMatter(row.matter()),
                row.client() == null ? Optional.empty() : directory.visibleClient(row.client()));
    }

    /** The wall as the caller may see it, from what was read of it (one wall, or every wall at once). */
    private Optional<Wall> shown(
            WallRepository.WallRow row,
            List<Member> screened,
            Set<UUID> screenedUsers,
            Optional<MatterRef> visibleMatter,
            Optional<ClientRef> visibleClient) {
        var user = callers.actingUser().orElseThrow();
        // A wall screening the caller stays invisible to them: it would name what they are screened
        // from, and a screened administrator could otherwise take it down.
        if (screenedUsers.contains(user.value())) {
            return Optional.empty();
        }
        MatterRef matter = null;
        ClientRef client = null;
        if (row.matter() != null) {
            matter = visibleMatter.orElse(null);
            if (matter == null) return Optional.empty();
        } else if (row.client() != null) {
            client = visibleClient.orElse(null);
            if (client == null) return Optional.empty();
        }
        return Optional.of(new Wall(
                row.id(),
                matter,
                client,
                row.reason(),
                screened,
                row.createdBy(),
                row.createdAt(),
                row.changedBy(),
                row.changedAt()));
    }

    private UserId requireActingUser() {
        // Every wall names its author: a change nobody can be held to account for is refused.
        return callers.actingUser().orElseThrow(MatterNotVisibleException::new);
    }

    /**
     * Every handler asks for walls.manage already; the facade asks again, so that no other path (a
     * page, a job, another module) changes whom a wall screens without it. The database asks too
     * (V1_042). Asked after the wall or its target is found: a wall the caller may not know of stays
     * "not found", whatever they hold.
     */
    private void requireWallsManage() {
        if (!callers.holds(Permission.WALLS_MANAGE)) {
            throw new WallChangeRefusedException(WallChangeRefusedException.Reason.WALLS_MANAGE_REQUIRED);
        }
    }

    private static String checkedReason(String reason) {
        return HumanText.lines("A wall's reason", reason, MAX_REASON);
    }

    /** The users behind members: users themselves, and every current member of each group. */
    private Set<UUID> usersOf(TenantId tenant, Iterable<Member> members) {
        var users = new LinkedHashSet<UUID>();
        var groups = new LinkedHashSet<UUID>();
        for (var member : members) {
            if (member.user() != null) users.add(member.id());
            else groups.add(member.id());
        }
        if (!groups.isEmpty()) {
            users.addAll(groupRepository.groupMembers(tenant, groups));
        }
        return users;
    }

    /**
     * The client a wall's events are about: the walled client, or the walled matter's. A client-wide
     * wall's events name no matter, and before they named their client only in the details, which the
     * audit views did not look at: the people the wall screens read when and by whom it was put up.
     */
    private static UUID clientOf(@Nullable MatterRef matter, @Nullable ClientRef client) {
        return matter != null ? matter.client() : Objects.requireNonNull(client).id();
    }

    private static Map<String, String> scopeDetails(@Nullable MatterRef matter, @Nullable ClientRef client) {
        return matter != null
                ? Map.of("scope", "matter", "matter_id", matter.id().toString())
                : Map.of("scope", "client", "client_id", client.id().toString());
    }

    private static Map<String, String> memberDetails(String prefix, java.util.Collection<Member> members) {
        var details = new HashMap<String, String>();
        String users = members.stream()
                .filter(m -> m.user() != null)
                .map(m -> m.id().toString())
                .sorted()
                .collect(Collectors.joining(","));
        String groups = members.stream()
                .filter(m -> m.group() != null)
                .map(m -> m.id().toString())
                .sorted()
                .collect(Collectors.joining(","));
        if (!users.isEmpty()) details.put(prefix + "_users", users);
        if (!groups.isEmpty()) details.put(prefix + "_groups", groups);
        return details;
    }

    private void notifyScreened(
            TenantId tenant,
            Set<UUID> users,
            @Nullable MatterRef matter,
            @Nullable ClientRef client,
            boolean screened) {
        String what = matter != null
                ? "matter " + matter.number()
                : "every matter of the client " + client.name().replaceAll("\\p{Cntrl}", " ");
        for (UUID user : users) {
            accounts.find(new UserId(user)).ifPresent(account -> {
                if (screened) {
                    outbox.enqueue(account.email(), "You have been screened by an ethical wall", """
                            Hello %s,

                            An ethical wall now screens you from %s.

                            LexVault no longer shows it to you. Do not access, discuss or work on it, and do not \
                            discuss it with anyone who does. If you think this is a mistake, or you hold \
                            information about it, tell your firm's security officer, not the people on the matter.
                            """.formatted(
                                    account.displayName().replaceAll("\\p{Cntrl}", " "), what));
                } else {
                    outbox.enqueue(account.email(), "An ethical wall no longer screens you", """
                            Hello %s,

                            The ethical wall that screened you from %s no longer applies to you. Whether you \
                            now see it depends on your team memberships and roles.
                            """.formatted(
                                    account.displayName().replaceAll("\\p{Cntrl}", " "), what));
                }
            });
        }
    }
}
