package io.lexvault.access;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Groups, matter teams and ethical walls. Every statement names the tenant although row-level
 * security would filter anyway (wall 1 of docs/security.md); the matter wall is decided in Java from
 * what these queries return and again by the database's own policies.
 */
@Repository
class AccessRepository {

    record GroupRow(GroupId id, String name) {}

    record TeamRow(Member member, @Nullable UUID addedBy, Instant addedAt) {}

    record WallRow(
            WallId id,
            @Nullable UUID matter,
            @Nullable UUID client,
            String reason,
            UUID createdBy,
            Instant createdAt,
            @Nullable UUID changedBy,
            @Nullable Instant changedAt) {}

    /** What walls screen someone from: matters by id and whole clients by id. */
    record Screening(Set<UUID> matters, Set<UUID> clients) {}

    private final JdbcClient jdbc;

    AccessRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Groups

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

    /** The walls that screen this group (and so everyone in it). */
    Set<UUID> wallsScreeningGroup(TenantId tenant, GroupId group) {
        return new HashSet<>(jdbc.sql("""
                        SELECT wall_id FROM lexvault.wall_screened WHERE tenant_id = :tenant AND group_id = :group
                        """)
                .param("tenant", tenant.value())
                .param("group", group.value())
                .query(UUID.class)
                .list());
    }

    /** Whether any of these walls screens the user, directly or through one of {@code groups}. */
    boolean anyWallScreens(TenantId tenant, Set<UUID> walls, UserId user, Set<UUID> groups) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM lexvault.wall_screened
                                        WHERE tenant_id = :tenant AND wall_id = ANY (:walls)
                                          AND (user_id = :user OR group_id = ANY (:groups)))
                        """)
                .param("tenant", tenant.value())
                .param("walls", walls.toArray(UUID[]::new))
                .param("user", user.value())
                .param("groups", groups.toArray(UUID[]::new))
                .query(Boolean.class)
                .single();
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

    // Teams

    /** The matters whose team has the user on it, directly or through one of {@code groups}. */
    Set<UUID> teamMatters(TenantId tenant, UserId user, Set<UUID> groups) {
        return new HashSet<>(jdbc.sql("""
                        SELECT matter_id FROM lexvault.matter_team_members
                         WHERE tenant_id = :tenant AND (user_id = :user OR group_id = ANY (:groups))
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("groups", groups.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    boolean addTeamMember(TenantId tenant, MatterRef matter, Member member, @Nullable UUID addedBy) {
        return jdbc.sql("""
                        INSERT INTO lexvault.matter_team_members (tenant_id, matter_id, client_id, user_id, group_id, added_by)
                        VALUES (:tenant, :matter, :client, :user, :group, :addedBy) ON CONFLICT DO NOTHING
                        """)
                        .param("tenant", tenant.value())
                        .param("matter", matter.id())
                        .param("client", matter.client())
                        .param(
                                "user",
                                member.user() == null ? null : member.user().value())
                        .param(
                                "group",
                                member.group() == null ? null : member.group().value())
                        .param("addedBy", addedBy)
                        .update()
                == 1;
    }

    boolean removeTeamMember(TenantId tenant, MatterRef matter, Member member) {
        return jdbc.sql("""
                        DELETE FROM lexvault.matter_team_members
                         WHERE tenant_id = :tenant AND matter_id = :matter
                           AND (user_id = :member OR group_id = :member)
                        """)
                        .param("tenant", tenant.value())
                        .param("matter", matter.id())
                        .param("member", member.id())
                        .update()
                == 1;
    }

    List<TeamRow> team(TenantId tenant, UUID matter) {
        return jdbc.sql("""
                        SELECT user_id, group_id, added_by, added_at FROM lexvault.matter_team_members
                         WHERE tenant_id = :tenant AND matter_id = :matter ORDER BY added_at, user_id, group_id
                        """)
                .param("tenant", tenant.value())
                .param("matter", matter)
                .query((row, n) -> {
                    UUID user = row.getObject("user_id", UUID.class);
                    UUID group = row.getObject("group_id", UUID.class);
                    var member = user != null ? Member.user(new UserId(user)) : Member.group(new GroupId(group));
                    return new TeamRow(
                            member,
                            row.getObject("added_by", UUID.class),
                            row.getTimestamp("added_at").toInstant());
                })
                .list();
    }

    // Walls

    Screening screeningOf(TenantId tenant, UserId user, Set<UUID> groups) {
        var matters = new HashSet<UUID>();
        var clients = new HashSet<UUID>();
        jdbc.sql("""
                        SELECT w.matter_id, w.client_id
                          FROM lexvault.wall_screened s
                          JOIN lexvault.ethical_walls w ON w.tenant_id = s.tenant_id AND w.id = s.wall_id
                         WHERE s.tenant_id = :tenant AND (s.user_id = :user OR s.group_id = ANY (:groups))
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("groups", groups.toArray(UUID[]::new))
                .query(row -> {
                    UUID matter = row.getObject("matter_id", UUID.class);
                    UUID client = row.getObject("client_id", UUID.class);
                    if (matter != null) matters.add(matter);
                    if (client != null) clients.add(client);
                });
        return new Screening(matters, clients);
    }

    void insertWall(
            TenantId tenant, WallId id, @Nullable UUID matter, @Nullable UUID client, String reason, UUID createdBy) {
        jdbc.sql("""
                        INSERT INTO lexvault.ethical_walls (tenant_id, id, matter_id, client_id, reason, created_by)
                        VALUES (:tenant, :id, :matter, :client, :reason, :createdBy)
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("matter", matter)
                .param("client", client)
                .param("reason", reason)
                .param("createdBy", createdBy)
                .update();
    }

    boolean changeReason(TenantId tenant, WallId id, String reason, UUID changedBy, Instant at) {
        return jdbc.sql("""
                        UPDATE lexvault.ethical_walls SET reason = :reason, changed_by = :changedBy, changed_at = :at
                         WHERE tenant_id = :tenant AND id = :id
                        """)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .param("reason", reason)
                        .param("changedBy", changedBy)
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    boolean deleteWall(TenantId tenant, WallId id) {
        return jdbc.sql("DELETE FROM lexvault.ethical_walls WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    void screen(TenantId tenant, WallId wall, Member member) {
        jdbc.sql("""
                        INSERT INTO lexvault.wall_screened (tenant_id, wall_id, user_id, group_id)
                        VALUES (:tenant, :wall, :user, :group) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenant.value())
                .param("wall", wall.value())
                .param("user", member.user() == null ? null : member.user().value())
                .param("group", member.group() == null ? null : member.group().value())
                .update();
    }

    boolean unscreen(TenantId tenant, WallId wall, Member member) {
        return jdbc.sql("""
                        DELETE FROM lexvault.wall_screened
                         WHERE tenant_id = :tenant AND wall_id = :wall AND (user_id = :member OR group_id = :member)
                        """)
                        .param("tenant", tenant.value())
                        .param("wall", wall.value())
                        .param("member", member.id())
                        .update()
                == 1;
    }

    List<WallRow> walls(TenantId tenant) {
        return jdbc.sql("""
                        SELECT id, matter_id, client_id, reason, created_by, created_at, changed_by, changed_at
                          FROM lexvault.ethical_walls WHERE tenant_id = :tenant ORDER BY created_at, id
                        """)
                .param("tenant", tenant.value())
                .query((row, n) -> wallRow(row))
                .list();
    }

    Optional<WallRow> wall(TenantId tenant, WallId id) {
        return jdbc.sql("""
                        SELECT id, matter_id, client_id, reason, created_by, created_at, changed_by, changed_at
                          FROM lexvault.ethical_walls WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((row, n) -> wallRow(row))
                .optional();
    }

    /** The walls on this matter or on its client. */
    List<WallRow> wallsAround(TenantId tenant, MatterRef matter) {
        return jdbc.sql("""
                        SELECT id, matter_id, client_id, reason, created_by, created_at, changed_by, changed_at
                          FROM lexvault.ethical_walls
                         WHERE tenant_id = :tenant AND (matter_id = :matter OR client_id = :client)
                         ORDER BY created_at, id
                        """)
                .param("tenant", tenant.value())
                .param("matter", matter.id())
                .param("client", matter.client())
                .query((row, n) -> wallRow(row))
                .list();
    }

    List<Member> screenedBy(TenantId tenant, WallId wall) {
        return jdbc.sql("""
                        SELECT user_id, group_id FROM lexvault.wall_screened
                         WHERE tenant_id = :tenant AND wall_id = :wall ORDER BY user_id, group_id
                        """)
                .param("tenant", tenant.value())
                .param("wall", wall.value())
                .query((row, n) -> {
                    UUID user = row.getObject("user_id", UUID.class);
                    UUID group = row.getObject("group_id", UUID.class);
                    return user != null ? Member.user(new UserId(user)) : Member.group(new GroupId(group));
                })
                .list();
    }

    /** Every user holding {@code permission} through a role (built-in or custom), with those roles. */
    Map<UUID, List<String>> holdersOf(TenantId tenant, String permission) {
        var result = new LinkedHashMap<UUID, List<String>>();
        jdbc.sql("""
                        SELECT a.user_id, a.role FROM lexvault.role_assignments a
                         WHERE a.tenant_id = :tenant
                           AND (EXISTS (SELECT 1 FROM lexvault.built_in_role_permissions b
                                         WHERE b.role = a.role AND b.permission = :permission)
                                OR EXISTS (SELECT 1 FROM lexvault.custom_role_permissions c
                                            WHERE c.tenant_id = a.tenant_id AND c.role = a.role
                                              AND c.permission = :permission))
                         ORDER BY a.user_id, a.role
                        """)
                .param("tenant", tenant.value())
                .param("permission", permission)
                .query(row -> {
                    result.computeIfAbsent(row.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(row.getString("role"));
                });
        return result;
    }

    private static WallRow wallRow(java.sql.ResultSet row) throws java.sql.SQLException {
        Timestamp changedAt = row.getTimestamp("changed_at");
        return new WallRow(
                new WallId(row.getObject("id", UUID.class)),
                row.getObject("matter_id", UUID.class),
                row.getObject("client_id", UUID.class),
                row.getString("reason"),
                row.getObject("created_by", UUID.class),
                row.getTimestamp("created_at").toInstant(),
                row.getObject("changed_by", UUID.class),
                changedAt == null ? null : changedAt.toInstant());
    }
}
