package io.lexvault.access;

import io.lexvault.audit.AuditAction;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.text.HumanText;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups of users, put on matter teams or screened by walls as a whole: joining a group that a wall
 * screens screens the person at once, on their next request.
 */
@Service
public class Groups {

    public record Group(GroupId id, String name, List<UserId> members) {}

    private final AccessRepository repository;
    private final Accounts accounts;
    private final AccessAudit audit;
    private final Callers callers;

    Groups(AccessRepository repository, Accounts accounts, AccessAudit audit, Callers callers) {
        this.repository = repository;
        this.accounts = accounts;
        this.audit = audit;
        this.callers = callers;
    }

    @Transactional
    public GroupId create(String name) {
        String trimmed = HumanText.line("A group's name", name, 100);
        var id = new GroupId(UUID.randomUUID());
        repository.insertGroup(TenantContext.requireTenant(), id, trimmed);
        audit.succeeded(AuditAction.GROUP_CREATED, "group", id.value(), null, null, Map.of());
        return id;
    }

    @Transactional(readOnly = true)
    public List<Group> all() {
        var tenant = TenantContext.requireTenant();
        return repository.groups(tenant).stream()
                .map(g -> new Group(
                        g.id(),
                        g.name(),
                        repository.groupMembers(tenant, Set.of(g.id().value())).stream()
                                .map(UserId::new)
                                .toList()))
                .toList();
    }

    /** @throws IllegalArgumentException when the group or the user is not in the firm */
    @Transactional
    public boolean addMember(GroupId group, UserId user) {
        var tenant = TenantContext.requireTenant();
        if (repository.group(tenant, group).isEmpty() || accounts.find(user).isEmpty()) {
            throw new IllegalArgumentException("No such group or user in this firm.");
        }
        boolean added = repository.addGroupMember(tenant, group, user);
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
    }

    /**
     * Takes a user out of a group; false when they were not in it. Nobody takes themselves out (the
     * database refuses it too): a screened administrator must not leave the group a wall screens.
     */
    @Transactional
    public boolean removeMember(GroupId group, UserId user) {
        if (callers.actingUser().filter(user::equals).isPresent()) {
            throw new IllegalArgumentException("Ask another administrator to take you out of a group.");
        }
        boolean removed = repository.removeGroupMember(TenantContext.requireTenant(), group, user);
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
    }
}
