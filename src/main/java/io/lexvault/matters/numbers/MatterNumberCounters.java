package io.lexvault.matters.numbers;

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
     * The next value of the firm's counter for the scope, above {@code inUse} (the highest sequence the
     * firm's matters already have, walled ones included: {@link #highestInUse}). Without that floor a
     * counter that starts below numbers already in use (matters from before the counters, numbers of an
     * earlier format) would hand out only taken numbers, and as the opening rolls back, the counter
     * with it, it would never get past them. One statement: the row lock it takes makes a concurrent
     * allocation wait until this transaction ends and then count on from the value it left, so two
     * never get the same value (a floor read before the wait is lower, never higher, than that value).
     */
    int next(TenantId tenant, String scope, int inUse) {
        return jdbc.sql("""
                        INSERT INTO lexvault.matter_number_counters AS c (tenant_id, scope, last_value)
                        VALUES (:tenant, :scope, :inUse + 1)
                        ON CONFLICT (tenant_id, scope)
                            DO UPDATE SET last_value = greatest(c.last_value, :inUse) + 1
                        RETURNING last_value
                        """)
                .param("tenant", tenant.value())
                .param("scope", scope)
                .param("inUse", inUse)
                .query(Integer.class)
                .single();
    }

    /**
     * The highest sequence among the bound firm's matter numbers of this shape, 0 when none; counts
     * the matters hidden from the caller by walls too (the definer function of V1_031, which answers
     * this one integer only).
     */
    int highestInUse(MatterNumberFormat.Shape shape) {
        return jdbc.sql("SELECT lexvault.highest_matter_sequence_in_bound_firm(:prefix, :suffix, :digits)")
                .param("prefix", shape.prefix())
                .param("suffix", shape.suffix())
                .param("digits", shape.digits())
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
