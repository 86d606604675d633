package io.lexvault.access;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Matter teams: the users and groups put on a matter. Every statement names the tenant although
 * row-level security would filter anyway (wall 1 of docs/security.md).
 */
@Repository
class TeamRepository {

    record TeamRow(Member member, @Nullable UUID addedBy, Instant addedAt) {}

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

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
}
