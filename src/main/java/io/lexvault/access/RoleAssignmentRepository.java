package io.lexvault.access;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RoleAssignmentRepository {

    private final JdbcClient jdbc;

    RoleAssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void assign(TenantId tenant, UserId user, String role) {
        jdbc.sql("""
                        INSERT INTO lexvault.role_assignments (tenant_id, user_id, role) VALUES (:tenant, :user, :role)
                        ON CONFLICT DO NOTHING
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .param("role", role)
                .update();
    }

    boolean remove(TenantId tenant, UserId user, String role) {
        return jdbc.sql(
                                "DELETE FROM lexvault.role_assignments WHERE tenant_id = :tenant AND user_id = :user AND role = :role")
                        .param("tenant", tenant.value())
                        .param("user", user.value())
                        .param("role", role)
                        .update()
                == 1;
    }

    Set<String> rolesOf(TenantId tenant, UserId user) {
        return new LinkedHashSet<>(jdbc.sql("""
                        SELECT role FROM lexvault.role_assignments
                         WHERE tenant_id = :tenant AND user_id = :user ORDER BY role
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .query(String.class)
                .list());
    }
}
