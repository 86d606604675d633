package io.lexvault.access;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ethical walls and whom they screen. Every statement names the tenant although row-level security
 * would filter anyway (wall 1 of docs/security.md); the matter wall is decided in Java from what these
 * queries return and again by the database's own policies.
 */
@Repository
class WallRepository {

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

    WallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Who each of the firm's walls screens, by wall: one read for the walls page. */
    Map<WallId, List<Member>> screenedByEveryWall(TenantId tenant) {
        var result = new HashMap<WallId, List<Member>>();
        jdbc.sql("""
                        SELECT wall_id, user_id, group_id FROM lexvault.wall_screened
                         WHERE tenant_id = :tenant ORDER BY wall_id, user_id, group_id
                        """).param("tenant", tenant.value()).query(row -> {
            result.computeIfAbsent(new WallId(row.getObject("wall_id", UUID.class)), k -> new ArrayList<>())
                    .add(member(row));
        });
        return result;
    }

    List<Member> screenedBy(TenantId tenant, WallId wall) {
        return jdbc.sql("""
                        SELECT user_id, group_id FROM lexvault.wall_screened
                         WHERE tenant_id = :tenant AND wall_id = :wall ORDER BY user_id, group_id
                        """)
                .param("tenant", tenant.value())
                .param("wall", wall.value())
                .query((row, n) -> member(row))
                .list();
    }

    private static Member member(java.sql.ResultSet row) throws java.sql.SQLException {
        UUID user = row.getObject("user_id", UUID.class);
        UUID group = row.getObject("group_id", UUID.class);
        return user != null ? Member.user(new UserId(user)) : Member.group(new GroupId(group));
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
