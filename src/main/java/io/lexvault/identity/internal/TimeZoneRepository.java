package io.lexvault.identity.internal;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.sql.Types;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each person's time zone (lexvault.users.time_zone, V1_082). */
@Repository
class TimeZoneRepository {

    private final JdbcClient jdbc;

    TimeZoneRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> zoneOf(TenantId tenant, UserId user) {
        return jdbc.sql("SELECT time_zone FROM lexvault.users WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", user.value())
                .query((row, n) -> Optional.ofNullable(row.getString("time_zone")))
                .optional()
                .flatMap(zone -> zone);
    }

    void setZone(TenantId tenant, UserId user, @Nullable String zone) {
        jdbc.sql("UPDATE lexvault.users SET time_zone = :zone WHERE tenant_id = :tenant AND id = :id")
                .param("zone", zone, Types.VARCHAR)
                .param("tenant", tenant.value())
                .param("id", user.value())
                .update();
    }

    /** Sets the zone only when the person has none (a browser's guess never replaces a choice). */
    void setZoneIfNone(TenantId tenant, UserId user, String zone) {
        jdbc.sql("""
                        UPDATE lexvault.users SET time_zone = :zone
                         WHERE tenant_id = :tenant AND id = :id AND time_zone IS NULL""")
                .param("zone", zone)
                .param("tenant", tenant.value())
                .param("id", user.value())
                .update();
    }
}
