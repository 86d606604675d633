package io.lexvault.access;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The source rows of one user's view of the firm's matters (their team matters, directly or through
 * a group, and what walls screen them from, directly or through a group) in ONE statement: {@link
 * MatterAccess#viewer()} runs on every matter request, and its three lookups were three round trips.
 * Read from the source tables (never from lexvault.matter_visibility), so that the application's
 * rule stays independent of the database's copy.
 */
@Repository
class ViewerRepository {

    /** The acting user's team matters and walls. */
    record Sources(Set<UUID> teamMatters, Set<UUID> screenedMatters, Set<UUID> screenedClients) {}

    private final JdbcClient jdbc;

    ViewerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Sources sourcesOf(TenantId tenant, UserId user) {
        var team = new HashSet<UUID>();
        var matters = new HashSet<UUID>();
        var clients = new HashSet<UUID>();
        jdbc.sql("""
                        WITH acting_groups AS (
                            SELECT group_id FROM lexvault.user_group_members WHERE tenant_id = :tenant AND user_id = :user)
                        SELECT true AS team, t.matter_id, NULL::uuid AS client_id
                          FROM lexvault.matter_team_members t
                         WHERE t.tenant_id = :tenant
                           AND (t.user_id = :user OR t.group_id IN (SELECT group_id FROM acting_groups))
                        UNION ALL
                        SELECT false, w.matter_id, w.client_id
                          FROM lexvault.wall_screened s
                          JOIN lexvault.ethical_walls w ON w.tenant_id = s.tenant_id AND w.id = s.wall_id
                         WHERE s.tenant_id = :tenant
                           AND (s.user_id = :user OR s.group_id IN (SELECT group_id FROM acting_groups))
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .query(row -> {
                    UUID matter = row.getObject("matter_id", UUID.class);
                    UUID client = row.getObject("client_id", UUID.class);
                    if (row.getBoolean("team")) {
                        team.add(matter);
                    } else if (matter != null) {
                        matters.add(matter);
                    } else if (client != null) {
                        clients.add(client);
                    }
                });
        return new Sources(team, matters, clients);
    }
}
