package io.lexvault.matters;

import io.lexvault.tenancy.TenantId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The per-firm counters behind automatic matter numbers (V1_031). */
@Repository
class MatterNumberCounters {

    private final JdbcClient jdbc;

    MatterNumberCounters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The next value of the firm's counter for the scope. One statement: the row lock it takes makes a
     * concurrent allocation wait until this transaction ends, so two never get the same value.
     */
    int next(TenantId tenant, String scope) {
        return jdbc.sql("""
                        INSERT INTO lexvault.matter_number_counters AS c (tenant_id, scope, last_value)
                        VALUES (:tenant, :scope, 1)
                        ON CONFLICT (tenant_id, scope) DO UPDATE SET last_value = c.last_value + 1
                        RETURNING last_value
                        """)
                .param("tenant", tenant.value())
                .param("scope", scope)
                .query(Integer.class)
                .single();
    }

    /** Moves the counter up to at least the value (a number typed by hand); never down. */
    void atLeast(TenantId tenant, String scope, int value) {
        jdbc.sql("""
                        INSERT INTO lexvault.matter_number_counters AS c (tenant_id, scope, last_value)
                        VALUES (:tenant, :scope, :value)
                        ON CONFLICT (tenant_id, scope) DO UPDATE SET last_value = greatest(c.last_value, EXCLUDED.last_value)
                        """)
                .param("tenant", tenant.value())
                .param("scope", scope)
                .param("value", value)
                .update();
    }

    Optional<Integer> last(TenantId tenant, String scope) {
        return jdbc.sql("""
                        SELECT last_value FROM lexvault.matter_number_counters
                         WHERE tenant_id = :tenant AND scope = :scope
                        """)
                .param("tenant", tenant.value())
                .param("scope", scope)
                .query(Integer.class)
                .optional();
    }
}
