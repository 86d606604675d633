package io.lexvault.access;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * User groups and their members. Every statement names the tenant although row-level security would
 * filter anyway (wall 1 of docs/security.md).
 */
@Repository
class GroupRepository {

    record GroupRow(GroupId id, String name) {}

    private final JdbcClient jdbc;

    GroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertGroup(TenantId tenant, GroupId id, String name) {
        jdbc.sql("INSERT INTO lexvault.user_groups (tenant_id, id, name) VALUES (:tenant, :id, :name)")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("name", name)
                .update();
    }

    List<GroupRow> groups(TenantId tenant) {
        return jdbc.sql("SELECT id, name FROM lexvault.user_groups WHERE tenant_id = :tenant ORDER BY name")
                .param("tenant", tenant.value())
                .query((row, n) -> new GroupRow(new GroupId(row.getObject("id", UUID.class)), row.getString("name")))
                .list();
    }

    Optional<GroupRow> group(TenantId tenant, GroupId id) {
        return jdbc.sql("SELECT id, name FROM lexvault.user_groups WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((row, n) -> new GroupRow(new GroupId(row.getObject("id", UUID.class)), row.getString("name")))
                .optional();
    }

    boolean addGroupMember(TenantId tenant, GroupId group, UserId user) {
        return jdbc.sql("""
                        INSERT INTO lexvault.user_group_members (tenant_id, group_id, user_id)
                        VALUES (:tenant, :group, :user) ON CONFLICT DO NOTHING
                        """)
                        .param("tenant", tenant.value())
                        .param("group", group.value())
                        .param("user", user.value())
                        .update()
                == 1;
    }

    boolean removeGroupMember(TenantId tenant, GroupId group, UserId user) {
        return jdbc.sql("""
                        DELETE FROM lexvault.user_group_members
                         WHERE tenant_id = :tenant AND group_id = :group AND user_id = :user
                        """)
                        .param("tenant", tenant.value())
                        .param("group", group.value())
                        .param("user", user.value())
                        .update()
                == 1;
    }

    boolean deleteGroup(TenantId tenant, GroupId group) {
        return jdbc.sql("DELETE FROM lexvault.user_groups WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", tenant.value())
                        .param("id", group.value())
                        .update()
                == 1;
    }

    /**
     * Whether the group is on the team of a matter a wall screens the acting user from. Those team rows
     * are hidden from the runtime role (team_wall policy), so the definer function of V1_042 answers,
     * with this one boolean about the acting user's own screening.
     */
    boolean groupOnATeamBehindActingUsersWall(GroupId group) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT lexvault.group_on_a_team_behind_acting_users_wall(:group)")
                .param("group", group.value())
                .query(Boolean.class)
                .single());
    }

    List<UUID> groupMembers(TenantId tenant, Set<UUID> groups) {
        return jdbc.sql("""
                        SELECT DISTINCT user_id FROM lexvault.user_group_members
                         WHERE tenant_id = :tenant AND group_id = ANY (:groups)
                        """)
                .param("tenant", tenant.value())
                .param("groups", groups.toArray(UUID[]::new))
                .query(UUID.class)
                .list();
    }

    /** Each member of these groups with the groups they are in. */
    Map<UUID, List<UUID>> groupsOfMembers(TenantId tenant, Set<UUID> groups) {
        var result = new LinkedHashMap<UUID, List<UUID>>();
        jdbc.sql("""
                        SELECT user_id, group_id FROM lexvault.user_group_members
                         WHERE tenant_id = :tenant AND group_id = ANY (:groups)
                         ORDER BY user_id, group_id
                        """)
                .param("tenant", tenant.value())
                .param("groups", groups.toArray(UUID[]::new))
                .query(row -> {
                    result.computeIfAbsent(row.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(row.getObject("group_id", UUID.class));
                });
        return result;
    }

    Set<UUID> groupsOf(TenantId tenant, UserId user) {
        return new HashSet<>(jdbc.sql("""
                        SELECT group_id FROM lexvault.user_group_members WHERE tenant_id = :tenant AND user_id = :user
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .query(UUID.class)
                .list());
    }
}
