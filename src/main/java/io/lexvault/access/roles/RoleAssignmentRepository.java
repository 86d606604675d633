package io.lexvault.access.roles;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RoleAssignmentRepository {

    private final JdbcClient jdbc;

    RoleAssignmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns false when the user held the role already. */
    boolean assign(TenantId tenant, UserId user, String role) {
        return jdbc.sql("""
                        INSERT INTO lexvault.role_assignments (tenant_id, user_id, role) VALUES (:tenant, :user, :role)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("tenant", tenant.value())
                        .param("user", user.value())
                        .param("role", role)
                        .update()
                == 1;
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

    /** One role the user holds and, for a custom role, one permission it gives (null for built-in roles). */
    record Held(String role, @Nullable String customPermission) {}

    /**
     * The user's roles with their custom roles' permissions, in one round trip: this runs for every
     * request (roles are never cached), so it stays a single indexed query.
     */
    List<Held> heldBy(TenantId tenant, UserId user) {
        return jdbc.sql("""
                        SELECT a.role, c.permission
                          FROM lexvault.role_assignments a
                          LEFT JOIN lexvault.custom_role_permissions c ON c.tenant_id = a.tenant_id AND c.role = a.role
                         WHERE a.tenant_id = :tenant AND a.user_id = :user
                         ORDER BY a.role
                        """)
                .param("tenant", tenant.value())
                .param("user", user.value())
                .query((row, n) -> new Held(row.getString("role"), row.getString("permission")))
                .list();
    }

    /** Who holds the role in the firm. */
    List<UserId> holders(TenantId tenant, String role) {
        return jdbc.sql("SELECT user_id FROM lexvault.role_assignments WHERE tenant_id = :tenant AND role = :role")
                .param("tenant", tenant.value())
                .param("role", role)
                .query((row, n) -> new UserId(row.getObject("user_id", UUID.class)))
                .list();
    }

    /** Takes the role from everyone holding it; returns whom it was taken from. */
    List<UserId> removeFromEveryone(TenantId tenant, String role) {
        return jdbc.sql("""
                        DELETE FROM lexvault.role_assignments WHERE tenant_id = :tenant AND role = :role
                        RETURNING user_id
                        """)
                .param("tenant", tenant.value())
                .param("role", role)
                .query((row, n) -> new UserId(row.getObject("user_id", UUID.class)))
                .list();
    }

    /** Every user of the firm who holds a role, with their role keys in alphabetical order. */
    Map<UserId, List<String>> rolesByUser(TenantId tenant) {
        record Held(UserId user, String role) {}
        var byUser = new LinkedHashMap<UserId, List<String>>();
        jdbc.sql("SELECT user_id, role FROM lexvault.role_assignments WHERE tenant_id = :tenant ORDER BY user_id, role")
                .param("tenant", tenant.value())
                .query((row, n) -> new Held(new UserId(row.getObject("user_id", UUID.class)), row.getString("role")))
                .list()
                .forEach(held -> byUser.computeIfAbsent(held.user(), user -> new ArrayList<>())
                        .add(held.role()));
        return byUser;
    }

    /** Every user holding {@code permission} through a role (built-in or custom), with those roles. */
    Map<UUID, List<String>> holdersOf(TenantId tenant, String permission) {
        var result = new LinkedHashMap<UUID, List<String>>();
        jdbc.sql("""
                        SELECT a.user_id, a.role FROM lexvault.role_assignments a
                         WHERE a.tenant_id = :tenant
                           AND (EXISTS (SELECT 1 FROM lexvault.built_in_role_permissions b
                                         WHERE b.role = a.role AND b.permission = :permission)
                                OR EXISTS (SELECT 1 FROM lexvault.custom_role_permissions c
                                            WHERE c.tenant_id = a.tenant_id AND c.role = a.role
                                              AND c.permission = :permission))
                         ORDER BY a.user_id, a.role
                        """)
                .param("tenant", tenant.value())
                .param("permission", permission)
                .query(row -> {
                    result.computeIfAbsent(row.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(row.getString("role"));
                });
        return result;
    }
}
