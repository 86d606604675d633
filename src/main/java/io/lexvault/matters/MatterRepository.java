package io.lexvault.matters;

import io.lexvault.access.MatterAccess;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Matters. Lists carry the matter wall in their SQL as parameters computed by {@link
 * MatterAccess} (wall 3 in the application); PostgreSQL's own policies filter the same rows again.
 */
@Repository
class MatterRepository {

    private static final String MATTER_COLUMNS = """
            SELECT m.id, m.client_id, c.name AS client_name, m.number, m.title, m.description, m.status,
                   m.practice_area, m.responsible_attorney_id, m.opened_on, m.closed_on, m.created_at
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

    /** Whether the firm has the client (the client wall policy hides screened ones). */
    boolean clientExists(TenantId tenant, ClientId id) {
        return jdbc.sql("SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** A checked matter as {@link Matters} stores it. */
    record Row(
            String title,
            @Nullable String description,
            @Nullable String practiceArea,
            @Nullable UUID responsibleAttorney,
            LocalDate openedOn) {}

    /**
     * Inserts the matter; a number the firm has already is a DuplicateKeyException. (Not ON CONFLICT DO
     * NOTHING: PostgreSQL applies the SELECT policies to its new row, and the matter wall hides a new
     * matter from its creator until they are on its team.)
     */
    void insertMatter(TenantId tenant, MatterId id, ClientId client, String number, Row row) {
        // No RETURNING: the new row is not visible to its creator until they are on its team.
        withRow(jdbc.sql("""
                                INSERT INTO lexvault.matters (tenant_id, id, client_id, number, title, description,
                                                              practice_area, responsible_attorney_id, opened_on)
                                VALUES (:tenant, :id, :client, :number, :title, :description,
                                        :practiceArea, :attorney, :openedOn)
                                """), row)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("client", client.value())
                .param("number", number)
                .update();
    }

    /** Changes the details (not number, client or status); the matter wall's UPDATE policy applies too. */
    boolean updateMatter(TenantId tenant, MatterId id, Row row) {
        return withRow(jdbc.sql("""
                                        UPDATE lexvault.matters
                                           SET title = :title, description = :description, practice_area = :practiceArea,
                                               responsible_attorney_id = :attorney, opened_on = :openedOn, updated_at = now()
                                         WHERE tenant_id = :tenant AND id = :id
                                        """), row)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /** Sets the status and its closing date (none when open). */
    boolean updateStatus(TenantId tenant, MatterId id, MatterStatus status, @Nullable LocalDate closedOn) {
        return jdbc.sql("""
                                UPDATE lexvault.matters SET status = :status, closed_on = :closedOn, updated_at = now()
                                 WHERE tenant_id = :tenant AND id = :id
                                """)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .param("status", status.key())
                        .param("closedOn", closedOn, Types.DATE)
                        .update()
                == 1;
    }

    private static JdbcClient.StatementSpec withRow(JdbcClient.StatementSpec statement, Row row) {
        return statement
                .param("title", row.title())
                .param("description", row.description(), Types.VARCHAR)
                .param("practiceArea", row.practiceArea(), Types.VARCHAR)
                .param("attorney", row.responsibleAttorney(), Types.OTHER)
                .param("openedOn", row.openedOn());
    }

    Optional<Matter> matter(TenantId tenant, MatterId id) {
        return jdbc.sql(MATTER_COLUMNS + " WHERE m.tenant_id = :tenant AND m.id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((row, n) -> matter(row))
                .optional();
    }

    /** Those of these matters that the bound person may see (the matter wall), in no order. */
    List<Matter> matters(TenantId tenant, Collection<MatterId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(MATTER_COLUMNS + " WHERE m.tenant_id = :tenant AND m.id = ANY (:ids)")
                .param("tenant", tenant.value())
                .param("ids", ids.stream().map(MatterId::value).toArray(UUID[]::new))
                .query((row, n) -> matter(row))
                .list();
    }

    /** The matter with this number (numbers are unique in a firm), for filters that take a number. */
    Optional<Matter> matterNumbered(TenantId tenant, String number) {
        return jdbc.sql(MATTER_COLUMNS + " WHERE m.tenant_id = :tenant AND m.number = :number")
                .param("tenant", tenant.value())
                .param("number", number)
                .query((row, n) -> matter(row))
                .optional();
    }

    /**
     * The client of the bound firm's matter, whether or not the caller may see it, or empty when the
     * firm has no such matter (definer function, V1_037); for the audit log only.
     */
    Optional<ClientId> clientInBoundFirm(MatterId id) {
        return jdbc.sql("""
                        SELECT client_id FROM (SELECT lexvault.matter_client_in_bound_firm(:id) AS client_id) c
                         WHERE client_id IS NOT NULL
                        """)
                .param("id", id.value())
                .query(UUID.class)
                .optional()
                .map(ClientId::new);
    }

    List<Matter> visibleMatters(
            TenantId tenant, MatterAccess.Viewer viewer, Matters.Filter filter, int limit, long offset) {
        return withFilter(
                        withViewer(
                                jdbc.sql(MATTER_COLUMNS + VISIBLE + filterSql(filter) + " ORDER BY "
                                        + filter.order().sql("m.number, m.id") + " LIMIT :limit OFFSET :offset"),
                                tenant,
                                viewer),
                        filter)
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> matter(row))
                .list();
    }

    /**
     * The open matters the viewer may see that are theirs: as responsible attorney or on the team
     * (directly or through a group); the wall still applies, as in every list.
     */
    List<Matter> ownMatters(TenantId tenant, MatterAccess.Viewer viewer, UserId user, int limit) {
        return withViewer(jdbc.sql(MATTER_COLUMNS + VISIBLE + """
                                   AND m.status = 'open'
                                   AND (m.responsible_attorney_id = :user OR m.id = ANY (:teamMatters))
                                 ORDER BY m.opened_on DESC, m.number
                                 LIMIT :limit
                                """), tenant, viewer)
                .param("user", user.value())
                .param("limit", limit)
                .query((row, n) -> matter(row))
                .list();
    }

    long countVisibleMatters(TenantId tenant, MatterAccess.Viewer viewer, Matters.Filter filter) {
        return withFilter(
                        withViewer(
                                jdbc.sql("SELECT count(*) FROM lexvault.matters m" + VISIBLE + filterSql(filter)),
                                tenant,
                                viewer),
                        filter)
                .query(Long.class)
                .single();
    }

    /** The visible matters counted only as far as {@code cap}: a bounded scan, however many there are. */
    long countVisibleMatters(TenantId tenant, MatterAccess.Viewer viewer, Matters.Filter filter, long cap) {
        return withFilter(
                        withViewer(
                                jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM lexvault.matters m" + VISIBLE
                                        + filterSql(filter) + " LIMIT :cap) AS counted"),
                                tenant,
                                viewer),
                        filter)
                .param("cap", cap)
                .query(Long.class)
                .single();
    }

    /** Fixed fragments only: the values are bound parameters. */
    private static String filterSql(Matters.Filter filter) {
        return (filter.status() == null ? "" : " AND m.status = :status")
                + (filter.client() == null ? "" : " AND m.client_id = :client");
    }

    private static JdbcClient.StatementSpec withFilter(JdbcClient.StatementSpec statement, Matters.Filter filter) {
        if (filter.status() != null) {
            statement = statement.param("status", filter.status().key());
        }
        if (filter.client() != null) {
            statement = statement.param("client", filter.client().value());
        }
        return statement;
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

    private static Matter matter(ResultSet row) throws SQLException {
        UUID attorney = row.getObject("responsible_attorney_id", UUID.class);
        return new Matter(
                new MatterId(row.getObject("id", UUID.class)),
                new ClientId(row.getObject("client_id", UUID.class)),
                row.getString("client_name"),
                row.getString("number"),
                row.getString("title"),
                row.getString("description"),
                MatterStatus.fromKey(row.getString("status")),
                row.getString("practice_area"),
                attorney == null ? null : new UserId(attorney),
                row.getObject("opened_on", LocalDate.class),
                row.getObject("closed_on", LocalDate.class),
                row.getTimestamp("created_at").toInstant());
    }
}
