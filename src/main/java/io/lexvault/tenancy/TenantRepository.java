package io.lexvault.tenancy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    TenantId register(String name, String slug) {
        UUID id = jdbc.sql("SELECT lexvault.register_tenant(:name, :slug)")
                .param("name", name)
                .param("slug", slug)
                .query(UUID.class)
                .single();
        return new TenantId(id);
    }

    Optional<TenantId> findIdBySlug(String slug) {
        return jdbc.sql("SELECT id FROM lexvault.find_tenant_by_slug(:slug)")
                .param("slug", slug)
                .query(UUID.class)
                .optional()
                .map(TenantId::new);
    }

    Optional<Tenant> find(TenantId tenant) {
        return jdbc.sql("SELECT id, name, slug, status, created_at FROM lexvault.tenants WHERE id = :id")
                .param("id", tenant.value())
                .query(TenantRepository::tenant)
                .optional();
    }

    private static Tenant tenant(ResultSet row, int rowNumber) throws SQLException {
        Timestamp created = row.getTimestamp("created_at");
        return new Tenant(
                new TenantId(row.getObject("id", UUID.class)),
                row.getString("name"),
                row.getString("slug"),
                TenantStatus.fromDatabase(row.getString("status")),
                created.toInstant());
    }
}
