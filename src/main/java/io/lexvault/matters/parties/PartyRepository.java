package io.lexvault.matters.parties;

import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterId;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The parties of a matter. Callers check that the acting user may see the matter first; the matter
 * wall's policies on {@code matter_parties} filter the same rows again in the database.
 */
@Repository
class PartyRepository {

    /** How a list may be ordered; the SQL is fixed here, never built from input. */
    enum Order {
        NAME("p.name, p.role, p.id"),
        ROLE("p.role, p.name, p.id");

        final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    private static final String COLUMNS = """
            SELECT p.id, p.matter_id, p.name, p.kind, p.role, p.notes, p.added_by, p.added_at
              FROM lexvault.matter_parties p
            """;

    private final JdbcClient jdbc;

    PartyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            TenantId tenant,
            PartyId id,
            Matter matter,
            String name,
            PartyKind kind,
            PartyRole role,
            @Nullable String notes,
            @Nullable UUID addedBy) {
        jdbc.sql("""
                        INSERT INTO lexvault.matter_parties
                               (tenant_id, id, matter_id, client_id, name, kind, role, notes, added_by)
                        VALUES (:tenant, :id, :matter, :client, :name, :kind, :role, :notes, :addedBy)
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("matter", matter.id().value())
                .param("client", matter.client().value())
                .param("name", name)
                .param("kind", kind.key())
                .param("role", role.key())
                .param("notes", notes)
                .param("addedBy", addedBy)
                .update();
    }

    boolean update(
            TenantId tenant,
            MatterId matter,
            PartyId id,
            String name,
            PartyKind kind,
            PartyRole role,
            @Nullable String notes) {
        return jdbc.sql("""
                        UPDATE lexvault.matter_parties
                           SET name = :name, kind = :kind, role = :role, notes = :notes
                         WHERE tenant_id = :tenant AND matter_id = :matter AND id = :id
                        """)
                        .param("tenant", tenant.value())
                        .param("matter", matter.value())
                        .param("id", id.value())
                        .param("name", name)
                        .param("kind", kind.key())
                        .param("role", role.key())
                        .param("notes", notes)
                        .update()
                > 0;
    }

    boolean delete(TenantId tenant, MatterId matter, PartyId id) {
        return jdbc.sql(
                                "DELETE FROM lexvault.matter_parties WHERE tenant_id = :tenant AND matter_id = :matter AND id = :id")
                        .param("tenant", tenant.value())
                        .param("matter", matter.value())
                        .param("id", id.value())
                        .update()
                > 0;
    }

    Optional<Party> find(TenantId tenant, MatterId matter, PartyId id) {
        return jdbc.sql(COLUMNS + " WHERE p.tenant_id = :tenant AND p.matter_id = :matter AND p.id = :id")
                .param("tenant", tenant.value())
                .param("matter", matter.value())
                .param("id", id.value())
                .query((row, n) -> party(row))
                .optional();
    }

    List<Party> list(TenantId tenant, MatterId matter, Order order, int limit, long offset) {
        return jdbc.sql(COLUMNS + " WHERE p.tenant_id = :tenant AND p.matter_id = :matter ORDER BY " + order.sql
                        + " LIMIT :limit OFFSET :offset")
                .param("tenant", tenant.value())
                .param("matter", matter.value())
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> party(row))
                .list();
    }

    /** A party's matter and its name folded as conflict checks fold it (V1_032's conflict_name). */
    record FoldedName(UUID matter, String folded) {}

    /**
     * Every party of the bound firm that the database shows the acting user (forced row-level security
     * and the matter wall), with its name folded. Only matter ids and folded names leave here.
     */
    List<FoldedName> foldedNames(TenantId tenant) {
        return jdbc.sql("""
                        SELECT p.matter_id, lexvault.conflict_name(p.name) AS folded
                          FROM lexvault.matter_parties p
                         WHERE p.tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query((row, n) -> new FoldedName(row.getObject("matter_id", UUID.class), row.getString("folded")))
                .list();
    }

    String fold(String name) {
        return jdbc.sql("SELECT lexvault.conflict_name(:name)")
                .param("name", name)
                .query(String.class)
                .single();
    }

    long count(TenantId tenant, MatterId matter) {
        return jdbc.sql(
                        "SELECT count(*) FROM lexvault.matter_parties WHERE tenant_id = :tenant AND matter_id = :matter")
                .param("tenant", tenant.value())
                .param("matter", matter.value())
                .query(Long.class)
                .single();
    }

    private static Party party(ResultSet row) throws SQLException {
        return new Party(
                new PartyId(row.getObject("id", UUID.class)),
                new MatterId(row.getObject("matter_id", UUID.class)),
                row.getString("name"),
                PartyKind.byKey(row.getString("kind")).orElseThrow(),
                PartyRole.byKey(row.getString("role")).orElseThrow(),
                row.getString("notes"),
                row.getObject("added_by", UUID.class),
                row.getTimestamp("added_at").toInstant());
    }
}
