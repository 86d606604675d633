package io.lexvault.access.roles;

import io.lexvault.access.Permission;
import io.lexvault.access.Role;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The firm's custom roles and their permissions (V1_022, V1_025); deleted roles are kept, marked. */
@Repository
class CustomRoleRepository {

    private record Row(
            String key,
            String title,
            String description,
            @Nullable String copiedFrom) {}

    private final JdbcClient jdbc;

    CustomRoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Live custom roles, by title. */
    List<Role> all(TenantId tenant) {
        var rows = jdbc.sql("""
                        SELECT key, title, description, copied_from FROM lexvault.custom_roles
                         WHERE tenant_id = :tenant AND deleted_at IS NULL ORDER BY lower(title), key
                        """)
                .param("tenant", tenant.value())
                .query(CustomRoleRepository::row)
                .list();
        var permissions = permissionsByRole(tenant);
        var roles = new ArrayList<Role>();
        for (var row : rows) {
            roles.add(role(row, permissions.getOrDefault(row.key(), Set.of())));
        }
        return roles;
    }

    /**
     * A live custom role; with {@code lockForChange} its row stays locked until the transaction ends,
     * so two people editing one role at once change it one after the other, each from the other's result.
     */
    Optional<Role> find(TenantId tenant, String key, boolean lockForChange) {
        var row = jdbc.sql("""
                        SELECT key, title, description, copied_from FROM lexvault.custom_roles
                         WHERE tenant_id = :tenant AND key = :key AND deleted_at IS NULL
                        """ + (lockForChange ? " FOR UPDATE" : ""))
                .param("tenant", tenant.value())
                .param("key", key)
                .query(CustomRoleRepository::row)
                .optional();
        return row.map(found -> role(found, permissionsOf(tenant, key)));
    }

    /** Whether the key was ever used in the firm, deleted roles included (keys are never reused). */
    boolean keyTaken(TenantId tenant, String key) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM lexvault.custom_roles WHERE tenant_id = :tenant AND key = :key)")
                .param("tenant", tenant.value())
                .param("key", key)
                .query(Boolean.class)
                .single();
    }

    /** Serialises creating roles within one firm, so two new roles never pick the same free key. */
    void lockKeysOf(TenantId tenant) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('lexvault.custom_roles:' || :tenant, 0))")
                .param("tenant", tenant.value().toString())
                .query()
                .singleValue();
    }

    void insert(TenantId tenant, String key, String title, String description, @Nullable String copiedFrom) {
        jdbc.sql("""
                        INSERT INTO lexvault.custom_roles (tenant_id, key, title, description, copied_from)
                        VALUES (:tenant, :key, :title, :description, :copiedFrom)
                        """)
                .param("tenant", tenant.value())
                .param("key", key)
                .param("title", title)
                .param("description", description)
                .param("copiedFrom", copiedFrom)
                .update();
    }

    void describe(TenantId tenant, String key, String title, String description) {
        jdbc.sql("""
                        UPDATE lexvault.custom_roles SET title = :title, description = :description
                         WHERE tenant_id = :tenant AND key = :key AND deleted_at IS NULL
                        """)
                .param("tenant", tenant.value())
                .param("key", key)
                .param("title", title)
                .param("description", description)
                .update();
    }

    void grant(TenantId tenant, String key, Set<Permission> permissions) {
        for (var permission : permissions) {
            jdbc.sql("""
                            INSERT INTO lexvault.custom_role_permissions (tenant_id, role, permission)
                            VALUES (:tenant, :role, :permission)
                            """)
                    .param("tenant", tenant.value())
                    .param("role", key)
                    .param("permission", permission.key())
                    .update();
        }
    }

    void revoke(TenantId tenant, String key, Set<Permission> permissions) {
        if (permissions.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        DELETE FROM lexvault.custom_role_permissions
                         WHERE tenant_id = :tenant AND role = :role AND permission = ANY (:permissions)
                        """)
                .param("tenant", tenant.value())
                .param("role", key)
                .param("permissions", permissions.stream().map(Permission::key).toArray(String[]::new))
                .update();
    }

    /** Marks the role deleted and drops its permissions; its assignments are the caller's to remove. */
    void markDeleted(TenantId tenant, String key) {
        jdbc.sql("""
                        UPDATE lexvault.custom_roles SET deleted_at = now()
                         WHERE tenant_id = :tenant AND key = :key AND deleted_at IS NULL
                        """).param("tenant", tenant.value()).param("key", key).update();
        jdbc.sql("DELETE FROM lexvault.custom_role_permissions WHERE tenant_id = :tenant AND role = :key")
                .param("tenant", tenant.value())
                .param("key", key)
                .update();
    }

    private Set<Permission> permissionsOf(TenantId tenant, String key) {
        var permissions = EnumSet.noneOf(Permission.class);
        jdbc.sql("SELECT permission FROM lexvault.custom_role_permissions WHERE tenant_id = :tenant AND role = :role")
                .param("tenant", tenant.value())
                .param("role", key)
                .query(String.class)
                .list()
                .forEach(stored -> Permission.fromKey(stored).ifPresent(permissions::add));
        return permissions;
    }

    private Map<String, Set<Permission>> permissionsByRole(TenantId tenant) {
        record Grant(String role, String permission) {}
        var byRole = new HashMap<String, Set<Permission>>();
        jdbc.sql("SELECT role, permission FROM lexvault.custom_role_permissions WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query((row, n) -> new Grant(row.getString("role"), row.getString("permission")))
                .list()
                // A permission key no longer in the catalogue grants nothing, here as in the code.
                .forEach(grant -> Permission.fromKey(grant.permission())
                        .ifPresent(permission -> byRole.computeIfAbsent(
                                        grant.role(), role -> EnumSet.noneOf(Permission.class))
                                .add(permission)));
        return byRole;
    }

    private static Row row(ResultSet row, int n) throws SQLException {
        return new Row(
                row.getString("key"),
                row.getString("title"),
                row.getString("description"),
                row.getString("copied_from"));
    }

    private static Role role(Row row, Set<Permission> permissions) {
        return new Role(row.key(), row.title(), row.description(), false, permissions, row.copiedFrom());
    }
}
