package io.lexvault.matters.conflicts;

import io.lexvault.matters.MatterId;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Conflict checks and their saved reports. The search is the definer function {@code
 * lexvault.conflict_check_hits}: it alone sees past the matter walls, for the bound firm, and answers
 * each hit as the acting user may know it (V1_044): in full, with a banded score, or, for a matter a
 * wall screens them from, only as restricted. Reports are saved by {@code
 * lexvault.save_conflict_report} and their hits read back, per reader, by {@code
 * lexvault.conflict_report_hits}: the runtime role can neither read nor write the kept hits itself.
 */
@Repository
class ConflictRepository {

    /**
     * One row of the definer functions: a hit ({@code exact} false when the score is a band), or a
     * restricted one, which carries the searched name's position and nothing else.
     */
    record Hit(
            int term,
            @Nullable String kind,
            @Nullable String matterNumber,
            @Nullable String role,
            double score,
            boolean exact,
            boolean restricted) {}

    /** A report as the runtime role reads it: everything but its hits. */
    record ReportRow(
            UUID id,
            MatterId matter,
            List<String> names,
            double threshold,
            @Nullable UUID checkedBy,
            java.time.Instant checkedAt) {}

    private static final String HIT_COLUMNS = "term, hit_kind, matter_number, party_role, score, exact, restricted";

    private final JdbcClient jdbc;

    ConflictRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws ConflictCheckRefusedException when the database refuses the acting user */
    List<Hit> hits(List<String> names, double threshold, int limit) {
        return refusedAs42501(() -> jdbc.sql("SELECT " + HIT_COLUMNS
                        + " FROM lexvault.conflict_check_hits(:names, CAST(:threshold AS real), :limit)")
                .param("names", names.toArray(String[]::new))
                .param("threshold", threshold)
                .param("limit", limit)
                .query((row, n) -> hit(row))
                .list());
    }

    /**
     * Runs the check again in the database and keeps what it found on the matter.
     *
     * @throws ConflictCheckRefusedException when the database refuses the acting user or the matter
     */
    void saveReport(UUID id, MatterId matter, List<String> names, double threshold) {
        refusedAs42501(
                () -> jdbc.sql("SELECT lexvault.save_conflict_report(:id, :matter, :names, CAST(:threshold AS real))")
                        .param("id", id)
                        .param("matter", matter.value())
                        .param("names", names.toArray(String[]::new))
                        .param("threshold", threshold)
                        .query()
                        .listOfRows());
    }

    List<ReportRow> reports(TenantId tenant, MatterId matter) {
        return jdbc.sql("""
                        SELECT id, matter_id, terms, threshold, checked_by, checked_at
                          FROM lexvault.conflict_reports
                         WHERE tenant_id = :tenant AND matter_id = :matter
                         ORDER BY checked_at DESC, id
                        """)
                .param("tenant", tenant.value())
                .param("matter", matter.value())
                .query((row, n) -> report(row))
                .list();
    }

    /** A report's hits as the acting user may know them (none for a report they may not see). */
    List<Hit> reportHits(UUID report) {
        return refusedAs42501(() -> jdbc.sql("SELECT " + HIT_COLUMNS + " FROM lexvault.conflict_report_hits(:id)")
                .param("id", report)
                .query((row, n) -> hit(row))
                .list());
    }

    private static <T> T refusedAs42501(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (DataAccessException e) {
            if (e.getCause() instanceof SQLException sql && "42501".equals(sql.getSQLState())) {
                throw new ConflictCheckRefusedException();
            }
            throw e;
        }
    }

    private static Hit hit(ResultSet row) throws SQLException {
        return new Hit(
                row.getInt("term"),
                row.getString("hit_kind"),
                row.getString("matter_number"),
                row.getString("party_role"),
                row.getDouble("score"),
                row.getBoolean("exact"),
                row.getBoolean("restricted"));
    }

    private static ReportRow report(ResultSet row) throws SQLException {
        var terms = (String[]) row.getArray("terms").getArray();
        return new ReportRow(
                row.getObject("id", UUID.class),
                new MatterId(row.getObject("matter_id", UUID.class)),
                List.of(terms),
                // Stored as real: shown as the two decimals it was given with, not 0.30000001192.
                Math.round(row.getDouble("threshold") * 100) / 100.0,
                row.getObject("checked_by", UUID.class),
                row.getTimestamp("checked_at").toInstant());
    }
}
