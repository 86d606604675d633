package io.lexvault.matters;

import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conflict checks and their saved reports. The search itself is the definer function {@code
 * lexvault.conflict_check_hits} (V1_032): it alone sees past the matter walls, for the bound firm,
 * and answers matter numbers, roles and scores only.
 */
@Repository
class ConflictRepository {

    /** One row of the definer function. */
    /** One row of the definer function; {@code exact} false when the score is a band (a hidden matter). */
    record Hit(int term, String kind, @Nullable String matterNumber, String role, double score, boolean exact) {}

    private static final TypeReference<List<ConflictHit>> HITS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConflictRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @throws ConflictCheckRefusedException when the database refuses the acting user */
    List<Hit> hits(List<String> names, double threshold, int limit) {
        try {
            return jdbc.sql("""
                            SELECT term, hit_kind, matter_number, party_role, score, exact
                              FROM lexvault.conflict_check_hits(:names, CAST(:threshold AS real), :limit)
                            """)
                    .param("names", names.toArray(String[]::new))
                    .param("threshold", threshold)
                    .param("limit", limit)
                    .query((row, n) -> new Hit(
                            row.getInt("term"),
                            row.getString("hit_kind"),
                            row.getString("matter_number"),
                            row.getString("party_role"),
                            row.getDouble("score"),
                            row.getBoolean("exact")))
                    .list();
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                throw new ConflictCheckRefusedException();
            }
            throw e;
        }
    }

    void insertReport(TenantId tenant, UUID id, Matter matter, ConflictCheck check, @Nullable UUID checkedBy) {
        jdbc.sql("""
                        INSERT INTO lexvault.conflict_reports
                               (tenant_id, id, matter_id, client_id, terms, threshold, hits, checked_by)
                        VALUES (:tenant, :id, :matter, :client, :terms, CAST(:threshold AS real),
                                CAST(:hits AS jsonb), :checkedBy)
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .param("matter", matter.id().value())
                .param("client", matter.client().value())
                .param("terms", check.names().toArray(String[]::new))
                .param("threshold", check.threshold())
                .param("hits", json.writeValueAsString(check.hits()))
                .param("checkedBy", checkedBy)
                .update();
    }

    List<ConflictReport> reports(TenantId tenant, MatterId matter) {
        return jdbc.sql("""
                        SELECT id, matter_id, terms, threshold, hits::text AS hits, checked_by, checked_at
                          FROM lexvault.conflict_reports
                         WHERE tenant_id = :tenant AND matter_id = :matter
                         ORDER BY checked_at DESC, id
                        """)
                .param("tenant", tenant.value())
                .param("matter", matter.value())
                .query((row, n) -> report(row))
                .list();
    }

    private ConflictReport report(ResultSet row) throws SQLException {
        var terms = (String[]) row.getArray("terms").getArray();
        return new ConflictReport(
                row.getObject("id", UUID.class),
                new MatterId(row.getObject("matter_id", UUID.class)),
                List.of(terms),
                // Stored as real: shown as the two decimals it was given with, not 0.30000001192.
                Math.round(row.getDouble("threshold") * 100) / 100.0,
                Objects.requireNonNull(json.readValue(row.getString("hits"), HITS)),
                List.of(),
                List.of(),
                row.getObject("checked_by", UUID.class),
                row.getTimestamp("checked_at").toInstant());
    }
}
