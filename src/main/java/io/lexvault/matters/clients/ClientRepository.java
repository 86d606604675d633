package io.lexvault.matters.clients;

import io.lexvault.access.MatterAccess;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.SortOrder;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Clients of a firm. Lists leave out the clients a client-wide wall screens the caller from (the
 * arrays come from {@link MatterAccess}); the database's client_wall policy filters them again.
 */
@Repository
class ClientRepository {

    private static final String COLUMNS = """
            SELECT id, kind, name, email, phone, postal_address, registration_number, notes, created_at, updated_at
              FROM lexvault.clients
            """;

    private static final String VISIBLE = " WHERE tenant_id = :tenant AND NOT (id = ANY (:screenedClients))";

    private final JdbcClient jdbc;

    ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A valid client, checked by {@link Clients}. */
    record Row(
            ClientKind kind,
            String name,
            @org.jspecify.annotations.Nullable String email,
            @org.jspecify.annotations.Nullable String phone,
            @org.jspecify.annotations.Nullable String postalAddress,
            @org.jspecify.annotations.Nullable String registrationNumber,
            @org.jspecify.annotations.Nullable String notes) {}

    void insert(TenantId tenant, ClientId id, Row row) {
        withRow(jdbc.sql("""
                                INSERT INTO lexvault.clients
                                    (tenant_id, id, kind, name, email, phone, postal_address, registration_number, notes)
                                VALUES (:tenant, :id, :kind, :name, :email, :phone, :address, :registration, :notes)
                                """), row)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .update();
    }

    /** Changes the client's details; false when the firm has no such client the caller may change. */
    boolean update(TenantId tenant, ClientId id, Row row) {
        return withRow(jdbc.sql("""
                                        UPDATE lexvault.clients
                                           SET kind = :kind, name = :name, email = :email, phone = :phone,
                                               postal_address = :address, registration_number = :registration,
                                               notes = :notes, updated_at = now()
                                         WHERE tenant_id = :tenant AND id = :id
                                        """), row)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    Optional<Client> find(TenantId tenant, ClientId id) {
        return jdbc.sql(COLUMNS + " WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((row, n) -> client(row))
                .optional();
    }

    List<Client> visible(
            TenantId tenant, MatterAccess.Viewer viewer, SortOrder<ClientSort> order, int limit, long offset) {
        return jdbc.sql(COLUMNS + VISIBLE + " ORDER BY " + order.sql("id") + " LIMIT :limit OFFSET :offset")
                .param("tenant", tenant.value())
                .param("screenedClients", viewer.screenedClients().toArray(UUID[]::new))
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> client(row))
                .list();
    }

    /** Every client the caller may see, by name (pickers). */
    List<Client> allVisible(TenantId tenant, MatterAccess.Viewer viewer) {
        return visible(tenant, viewer, ClientSort.DEFAULT, Integer.MAX_VALUE, 0);
    }

    long countVisible(TenantId tenant, MatterAccess.Viewer viewer) {
        return jdbc.sql("SELECT count(*) FROM lexvault.clients" + VISIBLE)
                .param("tenant", tenant.value())
                .param("screenedClients", viewer.screenedClients().toArray(UUID[]::new))
                .query(Long.class)
                .single();
    }

    private static JdbcClient.StatementSpec withRow(JdbcClient.StatementSpec statement, Row row) {
        return statement
                .param("kind", row.kind().key())
                .param("name", row.name())
                .param("email", row.email(), java.sql.Types.VARCHAR)
                .param("phone", row.phone(), java.sql.Types.VARCHAR)
                .param("address", row.postalAddress(), java.sql.Types.VARCHAR)
                .param("registration", row.registrationNumber(), java.sql.Types.VARCHAR)
                .param("notes", row.notes(), java.sql.Types.VARCHAR);
    }

    private static Client client(ResultSet row) throws SQLException {
        Timestamp updated = row.getTimestamp("updated_at");
        return new Client(
                new ClientId(row.getObject("id", UUID.class)),
                ClientKind.fromKey(row.getString("kind")),
                row.getString("name"),
                row.getString("email"),
                row.getString("phone"),
                row.getString("postal_address"),
                row.getString("registration_number"),
                row.getString("notes"),
                row.getTimestamp("created_at").toInstant(),
                updated == null ? null : updated.toInstant());
    }
}
