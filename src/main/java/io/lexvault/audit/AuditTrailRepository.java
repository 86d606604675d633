package io.lexvault.audit;

import io.lexvault.audit.AuditTrail.Event;
import io.lexvault.audit.AuditTrail.Filter;
import io.lexvault.audit.AuditTrail.Order;
import io.lexvault.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The bound firm's events as {@link AuditTrail} reads them, wall-screened events left out. */
@Repository
class AuditTrailRepository {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditTrailRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Event> page(Filter filter, Order order, int offset, int limit) {
        return query(filter, order, " LIMIT :limit OFFSET :offset")
                .param("limit", limit)
                .param("offset", offset)
                .query(this::event)
                .list();
    }

    void forEach(Filter filter, Order order, Consumer<Event> sink) {
        query(filter, order, "").withFetchSize(1_000).query((ResultSet row) -> sink.accept(event(row, 0)));
    }

    /**
     * The statement for a filter. Only the conditions that are set are added, each from a fixed
     * fragment with a bound parameter, so the planner sees a plain query it can use an index for.
     */
    private JdbcClient.StatementSpec query(Filter filter, Order order, String tail) {
        var sql = new StringBuilder("""
                SELECT e.*, l.leaf_index FROM lexvault.audit_events e
                  LEFT JOIN lexvault.audit_leaves l ON l.tenant_id = e.tenant_id AND l.event_id = e.id
                 CROSS JOIN %s screened
                 WHERE e.tenant_id = :tenant
                   AND NOT %s""".formatted(WallScreening.SCREENED_LISTS, WallScreening.HIDES_EVENT));
        var params = new LinkedHashMap<String, Object>();
        params.put("tenant", TenantContext.requireTenant().value());
        if (filter.actor() != null) {
            sql.append(" AND e.actor_id = :actor");
            params.put("actor", filter.actor());
        }
        if (filter.action() != null) {
            sql.append(" AND e.action = :action");
            params.put("action", filter.action().key());
        }
        if (filter.outcome() != null) {
            sql.append(" AND e.outcome = :outcome");
            params.put("outcome", filter.outcome().key());
        }
        if (filter.matter() != null) {
            // The scope, not the leaf's matter_id: the same for new events, and it also holds the matter
            // V1_036 found for older ones (a refused look at one of its documents, a view of it).
            sql.append(" AND e.scope_matter_id = :matter");
            params.put("matter", filter.matter());
        }
        if (filter.target() != null) {
            sql.append(" AND e.target_id = :target");
            params.put("target", filter.target());
        }
        if (filter.from() != null) {
            sql.append(" AND e.occurred_at >= :from");
            params.put("from", startOf(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND e.occurred_at < :to");
            params.put("to", startOf(filter.to().plusDays(1)));
        }
        sql.append(
                order == Order.NEWEST_FIRST
                        ? " ORDER BY e.occurred_at DESC, e.id DESC"
                        : " ORDER BY e.occurred_at, e.id");
        sql.append(tail);
        return jdbc.sql(sql.toString()).params(params);
    }

    private static Timestamp startOf(LocalDate day) {
        return Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private Event event(ResultSet row, int n) throws SQLException {
        return new Event(
                row.getObject("id", UUID.class),
                row.getObject("leaf_index", Long.class),
                row.getTimestamp("occurred_at").toInstant(),
                row.getString("actor_type"),
                row.getObject("actor_id", UUID.class),
                row.getString("action"),
                row.getString("outcome"),
                row.getString("target_type"),
                row.getObject("target_id", UUID.class),
                row.getObject("matter_id", UUID.class),
                row.getString("source_ip"),
                row.getString("user_agent"),
                row.getString("request_id"),
                details(row.getString("details")));
    }

    private Map<String, String> details(String stored) {
        var details = new LinkedHashMap<String, String>();
        json.readValue(stored, DETAILS).forEach((key, value) -> details.put(key, String.valueOf(value)));
        return details;
    }
}
