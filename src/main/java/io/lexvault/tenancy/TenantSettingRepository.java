package io.lexvault.tenancy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every statement names tenant_id even though row-level security would filter anyway (first wall). */
@Repository
class TenantSettingRepository {

    private final JdbcClient jdbc;

    TenantSettingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> find(TenantId tenant, String name) {
        return jdbc.sql("SELECT value FROM lexvault.tenant_settings WHERE tenant_id = :tenant AND name = :name")
                .param("tenant", tenant.value())
                .param("name", name)
                .query(String.class)
                .optional();
    }

    Map<String, String> findAll(TenantId tenant) {
        var settings = new LinkedHashMap<String, String>();
        jdbc.sql("SELECT name, value FROM lexvault.tenant_settings WHERE tenant_id = :tenant ORDER BY name")
                .param("tenant", tenant.value())
                .query(row -> {
                    settings.put(row.getString("name"), row.getString("value"));
                });
        return settings;
    }

    void upsert(TenantId tenant, String name, String value) {
        jdbc.sql("""
                        INSERT INTO lexvault.tenant_settings (tenant_id, name, value)
                        VALUES (:tenant, :name, :value)
                        ON CONFLICT (tenant_id, name) DO UPDATE SET value = excluded.value, updated_at = now()
                        """)
                .param("tenant", tenant.value())
                .param("name", name)
                .param("value", value)
                .update();
    }

    boolean delete(TenantId tenant, String name) {
        return jdbc.sql("DELETE FROM lexvault.tenant_settings WHERE tenant_id = :tenant AND name = :name")
                        .param("tenant", tenant.value())
                        .param("name", name)
                        .update()
                > 0;
    }
}
