package io.lexvault.audit.internal;

import io.lexvault.audit.internal.ExpiredRanges.Range;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A firm's expired ranges ({@code audit_expired_ranges}) and what a verifier checks of each. */
@Repository
class ExpiredRangeRepository {

    private final JdbcClient jdbc;

    ExpiredRangeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Range> ranges(UUID firm) {
        return jdbc.sql("""
                        SELECT first_leaf, last_leaf, cutoff, expired_at, expired_by, event_id
                          FROM lexvault.audit_expired_ranges WHERE tenant_id = :tenant ORDER BY first_leaf
                        """).param("tenant", firm).query((row, n) -> range(row)).list();
    }

    long treeSize(UUID firm) {
        return jdbc.sql("SELECT coalesce(max(leaf_index) + 1, 0) FROM lexvault.audit_leaves WHERE tenant_id = :tenant")
                .param("tenant", firm)
                .query(Long.class)
                .single();
    }

    /**
     * Hands each range, in leaf order, to {@code check} with what a verifier needs to believe it: how
     * many of its leaves were placed after its cutoff, how many of its events are still there, and
     * the event that records it.
     */
    void eachRangeChecked(UUID firm, RowCallbackHandler check) {
        jdbc.sql("""
                        SELECT r.first_leaf, r.last_leaf, r.cutoff,
                               r.cutoff > r.expired_at - interval '1 year' AS cutoff_too_recent,
                               (SELECT count(*) FROM lexvault.audit_leaves l
                                 WHERE l.tenant_id = r.tenant_id AND l.leaf_index BETWEEN r.first_leaf AND r.last_leaf
                                   AND l.sequenced_at >= r.cutoff) AS placed_after_cutoff,
                               (SELECT count(*) FROM lexvault.audit_leaves l
                                  JOIN lexvault.audit_events e ON e.tenant_id = l.tenant_id AND e.id = l.event_id
                                 WHERE l.tenant_id = r.tenant_id AND l.leaf_index BETWEEN r.first_leaf AND r.last_leaf)
                                   AS events_still_there,
                               e.id IS NOT NULL AS recording_event_present,
                               e.action AS recording_action,
                               e.details ->> 'first_leaf' AS recorded_first,
                               e.details ->> 'last_leaf' AS recorded_last,
                               l.leaf_index AS recording_leaf
                          FROM lexvault.audit_expired_ranges r
                          LEFT JOIN lexvault.audit_events e ON e.tenant_id = r.tenant_id AND e.id = r.event_id
                          LEFT JOIN lexvault.audit_leaves l ON l.tenant_id = r.tenant_id AND l.event_id = r.event_id
                         WHERE r.tenant_id = :tenant
                         ORDER BY r.first_leaf
                        """).param("tenant", firm).query(check);
    }

    private static Range range(ResultSet row) throws SQLException {
        return new Range(
                row.getLong("first_leaf"),
                row.getLong("last_leaf"),
                row.getTimestamp("cutoff").toInstant(),
                row.getTimestamp("expired_at").toInstant(),
                row.getString("expired_by"),
                row.getObject("event_id", UUID.class));
    }
}
