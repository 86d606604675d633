package io.lexvault.audit;

import io.lexvault.audit.AuditRetention.ExpiredBy;
import io.lexvault.audit.AuditRetention.Expiry;
import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each firm's chosen audit retention, and the database function that expires what is past it. */
@Repository
class AuditRetentionRepository {

    private final JdbcClient jdbc;

    AuditRetentionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Expires at most {@code max} due leaves of the bound firm, recording the range under {@code
     * event}; none when nothing is due.
     */
    Optional<Expiry> expire(TenantId firm, UUID event, ExpiredBy by, int max) {
        return jdbc.sql("SELECT * FROM lexvault.expire_audit_events(:event, :by, :max)")
                .param("event", event)
                .param("by", by.key())
                .param("max", max)
                .query((row, n) -> new Expiry(
                        firm,
                        row.getLong("first_leaf"),
                        row.getLong("last_leaf"),
                        row.getTimestamp("cutoff").toInstant(),
                        row.getInt("retention_years")))
                .optional();
    }

    /** The firm's chosen retention, its row locked until the transaction ends. */
    Optional<Integer> lockedYears(TenantId firm) {
        return jdbc.sql("SELECT retention_years FROM lexvault.audit_retention WHERE tenant_id = :tenant FOR UPDATE")
                .param("tenant", firm.value())
                .query(Integer.class)
                .optional();
    }

    void store(TenantId firm, int years, Instant at, @Nullable UUID changedBy) {
        jdbc.sql("""
                        INSERT INTO lexvault.audit_retention (tenant_id, retention_years, changed_at, changed_by)
                        VALUES (:tenant, :years, :now, :by)
                        ON CONFLICT (tenant_id) DO UPDATE
                           SET retention_years = excluded.retention_years, changed_at = excluded.changed_at,
                               changed_by = excluded.changed_by
                        """)
                .param("tenant", firm.value())
                .param("years", years)
                .param("now", Timestamp.from(at))
                .param("by", changedBy)
                .update();
    }

    Optional<Integer> chosenYears(TenantId firm) {
        return jdbc.sql("SELECT retention_years FROM lexvault.audit_retention WHERE tenant_id = :tenant")
                .param("tenant", firm.value())
                .query(Integer.class)
                .optional();
    }
}
