package io.lexvault.matters;

import io.lexvault.access.MatterAccess;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Clients and matters. Lists carry the matter wall in their SQL as parameters computed by {@link
 * MatterAccess} (wall 3 in the application); PostgreSQL's own policies filter the same rows again.
 */
@Repository
class MatterRepository {

    private static final String MATTER_COLUMNS = """
            SELECT m.id, m.client_id, c.name AS client_name, m.number, m.title, m.created_at
              FROM lexvault.matters m
              JOIN lexvault.clients c ON c.tenant_id = m.tenant_id AND c.id = m.client_id
            """;

    /** The wall as the application sees it; :readsAll and the arrays come from MatterAccess.Viewer. */
    private static final String VISIBLE = """
             WHERE m.tenant_id = :tenant
               AND :hasUser
               AND NOT (m.id = ANY (:screenedMatters))
               AND NOT (m.client_id = ANY (:screenedClients))
               AND (:readsAll OR m.id = ANY (:teamMatters))
            """;

    private final JdbcClient jdbc;

    MatterRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertClient(TenantId tenant, ClientId id, String name) {
        jdbc.sql("INSERT INTO lexvault.clients (tenant_id, id, name) VALUES (:tenant, :id, :name)")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("name", name)
                .update();
    }

    Optional<Client> client(TenantId tenant, ClientId id) {
        return jdbc.sql("SELECT id, name, created_at FROM lexvault.clients WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((row, n) -> client(row))
                .optional();
    }

    List<Client> clients(TenantId tenant, MatterAccess.Viewer viewer) {
        return jdbc.sql("""
                        SELECT id, name, created_at FROM lexvault.clients
                         WHERE tenant_id = :tenant AND NOT (id = ANY (:screenedClients))
                         ORDER BY name, id
                        """)
                .param("tenant", tenant.value())
                .param("screenedClients", viewer.screenedClients().toArray(UUID[]::new))
                .query((row, n) -> client(row))
                .list();
    }

    void insertMatter(TenantId tenant, MatterId id, ClientId client, String number, String title) {
        // No RETURNING: the new row is not visible to its creator until they are on its team.
        jdbc.sql("""
                        INSERT INTO lexvault.matters (tenant_id, id, client_id, number, title)
                        VALUES (:tenant, :id, :client, :number, :title)
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("client", client.value())
                .param("number", number)
                .param("title", title)
                .update();
    }

    Optional<Matter> matter(TenantId tenant, MatterId id) {
        return jdbc.sql(MATTER_COLUMNS + " WHERE m.tenant_id = :tenant AND m.id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((row, n) -> matter(row))
                .optional();
    }

    /** Whether the bound firm has this matter, whether or not the caller may see it (definer function, V1_027). */
    boolean existsInBoundFirm(MatterId id) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT lexvault.matter_exists_in_bound_firm(:id)")
                .param("id", id.value())
                .query(Boolean.class)
                .single());
    }

    List<Matter> visibleMatters(TenantId tenant, MatterAccess.Viewer viewer, int limit, long offset) {
        return withViewer(
                        jdbc.sql(MATTER_COLUMNS + VISIBLE + " ORDER BY m.number, m.id LIMIT :limit OFFSET :offset"),
                        tenant,
                        viewer)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> matter(row))
                .list();
    }

    long countVisibleMatters(TenantId tenant, MatterAccess.Viewer viewer) {
        return withViewer(jdbc.sql("SELECT count(*) FROM lexvault.matters m" + VISIBLE), tenant, viewer)
                .query(Long.class)
                .single();
    }

    private static JdbcClient.StatementSpec withViewer(
            JdbcClient.StatementSpec statement, TenantId tenant, MatterAccess.Viewer viewer) {
        return statement
                .param("tenant", tenant.value())
                .param("hasUser", viewer.user() != null)
                .param("screenedMatters", viewer.screenedMatters().toArray(UUID[]::new))
                .param("screenedClients", viewer.screenedClients().toArray(UUID[]::new))
                .param("readsAll", viewer.readsAll())
                .param("teamMatters", viewer.teamMatters().toArray(UUID[]::new));
    }

    private static Client client(ResultSet row) throws SQLException {
        return new Client(
                new ClientId(row.getObject("id", UUID.class)),
                row.getString("name"),
                row.getTimestamp("created_at").toInstant());
    }

    private static Matter matter(ResultSet row) throws SQLException {
        return new Matter(
                new MatterId(row.getObject("id", UUID.class)),
                new ClientId(row.getObject("client_id", UUID.class)),
                row.getString("client_name"),
                row.getString("number"),
                row.getString("title"),
                row.getTimestamp("created_at").toInstant());
    }
}
