package io.lexvault.access;

import io.lexvault.audit.AuditAction;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Matter teams: the users and groups who work on a matter and therefore see it. Every method first
 * checks that the acting user may see the matter ({@link MatterNotVisibleException} otherwise), so a
 * team cannot be read or changed through a matter behind a wall.
 */
@Service
public class Teams {

    /** @param name the user's display name or the group's name */
    public record TeamMember(
            Member member, String name, @Nullable UUID addedBy, Instant addedAt) {}

    private final GroupRepository groupRepository;
    private final TeamRepository teamRepository;
    private final MatterAccess access;
    private final Accounts accounts;
    private final Callers callers;
    private final AccessAudit audit;

    Teams(
            GroupRepository groupRepository,
            TeamRepository teamRepository,
            MatterAccess access,
            Accounts accounts,
            Callers callers,
            AccessAudit audit) {
        this.groupRepository = groupRepository;
        this.teamRepository = teamRepository;
        this.access = access;
        this.accounts = accounts;
        this.callers = callers;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<TeamMember> members(MatterRef matter) {
        access.requireVisible(matter);
        var tenant = TenantContext.requireTenant();
        var groups = groupRepository.groups(tenant);
        return teamRepository.team(tenant, matter.id()).stream()
                .map(row -> new TeamMember(
                        row.member(),
                        row.member().user() != null
                                ? accounts.find(row.member().user())
                                        .map(a -> a.displayName())
                                        .orElse("")
                                : groups.stream()
                                        .filter(g -> g.id().equals(row.member().group()))
                                        .map(GroupRepository.GroupRow::name)
                                        .findFirst()
                                        .orElse(""),
                        row.addedBy(),
                        row.addedAt()))
                .toList();
    }

    /**
     * Puts a user or group on the matter's team (audited); false when already on it.
     *
     * @throws IllegalArgumentException when the user or group is not in the firm
     */
    @Transactional
    public boolean add(MatterRef matter, Member member) {
        access.requireVisible(matter);
        var tenant = TenantContext.requireTenant();
        requireExists(member);
        boolean added = teamRepository.addTeamMember(
                tenant, matter, member, callers.actingUser().map(UserId::value).orElse(null));
        if (added) {
            audited(AuditAction.TEAM_MEMBER_ADDED, matter, member);
        }
        return added;
    }

    /**
     * Puts the acting user on the team of the matter they have just opened, which they cannot see yet
     * (nobody is on its team). Refused for a matter that already has a team or a wall screening them,
     * so this cannot be used to join someone else's matter.
     */
    @Transactional
    public void addFirstMember(MatterRef matter, UserId creator) {
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        if (!creator.equals(viewer.user())
                || viewer.screenedFrom(matter.id(), matter.client())
                || !teamRepository.team(tenant, matter.id()).isEmpty()) {
            throw new MatterNotVisibleException();
        }
        var member = Member.user(creator);
        teamRepository.addTeamMember(tenant, matter, member, creator.value());
        audited(AuditAction.TEAM_MEMBER_ADDED, matter, member);
    }

    /** Takes a user or group off the matter's team (audited); false when not on it. */
    @Transactional
    public boolean remove(MatterRef matter, Member member) {
        access.requireVisible(matter);
        boolean removed = teamRepository.removeTeamMember(TenantContext.requireTenant(), matter, member);
        if (removed) {
            audited(AuditAction.TEAM_MEMBER_REMOVED, matter, member);
        }
        return removed;
    }

    /** A change to the matter's team, in its audit trail: who (the member's kind and id), never a name. */
    private void audited(AuditAction action, MatterRef matter, Member member) {
        audit.succeeded(
                action,
                "matter",
                matter.id(),
                matter.id(),
                matter.client(),
                Map.of("member_type", member.kind(), "member_id", member.id().toString()));
    }

    void requireExists(Member member) {
        boolean exists = member.user() != null
                ? accounts.find(member.user()).isPresent()
                : groupRepository
                        .group(TenantContext.requireTenant(), member.group())
                        .isPresent();
        if (!exists) {
            throw new IllegalArgumentException("No such " + member.kind() + " in this firm.");
        }
    }
}
