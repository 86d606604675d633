package io.lexvault.tenancy.internal;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads PostgreSQL's catalogue and lists every way the tenant wall could be missing: a table with a
 * {@code tenant_id} column whose row-level security is not enabled, not forced, or has no policy on
 * the current tenant; a permissive policy that lets the runtime role past the tenant; and a runtime
 * role that could bypass row-level security (superuser, BYPASSRLS, owner of objects, member of roles).
 *
 * <p>Runs at every start (LexVault refuses to start on a violation) and in the test suite.
 */
public final class IsolationCatalogue {

    private static final String TABLES = """
            WITH runtime AS (SELECT oid FROM pg_roles WHERE rolname = :role),
            applicable AS (
                SELECT p.polrelid, p.polpermissive,
                       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
                       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr
                  FROM pg_policy p
                 WHERE p.polroles @> ARRAY[0::oid] OR p.polroles @> ARRAY[(SELECT oid FROM runtime)]
            )
            SELECT format('%I.%I', n.nspname, c.relname) AS table_name,
                   c.relrowsecurity AS enabled,
                   c.relforcerowsecurity AS forced,
                   EXISTS (SELECT 1 FROM applicable a
                            WHERE a.polrelid = c.oid AND a.polpermissive
                              AND a.using_expr LIKE '%current_tenant_id()%') AS has_tenant_policy,
                   EXISTS (SELECT 1 FROM applicable a
                            WHERE a.polrelid = c.oid AND a.polpermissive
                              AND (coalesce(a.using_expr, '') NOT LIKE '%current_tenant_id()%'
                                   OR (a.check_expr IS NOT NULL AND a.check_expr NOT LIKE '%current_tenant_id()%')))
                       AS has_open_policy
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p')
               AND n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
               AND (EXISTS (SELECT 1 FROM pg_attribute a
                             WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                    OR (n.nspname = 'lexvault' AND c.relname = 'tenants'))
             ORDER BY 1
            """;

    private static final String ROLE = """
            SELECT r.rolsuper, r.rolbypassrls, r.rolcreatedb, r.rolcreaterole,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
                 + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid)
                 + (SELECT count(*) FROM pg_proc f WHERE f.proowner = r.oid)
                 + (SELECT count(*) FROM pg_type t WHERE t.typowner = r.oid) AS owned,
                   (SELECT string_agg(g.rolname, ', ' ORDER BY g.rolname)
                      FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     WHERE m.member = r.oid) AS member_of
              FROM pg_roles r
             WHERE r.rolname = :role
            """;

    private IsolationCatalogue() {}

    /** Every violation, each naming its table or role; empty when the walls stand. */
    public static List<String> violations(JdbcClient jdbc, String runtimeRole) {
        var violations = new ArrayList<String>();
        jdbc.sql(TABLES).param("role", runtimeRole).query(row -> {
            String table = row.getString("table_name");
            if (!row.getBoolean("enabled")) {
                violations.add(table + ": row level security is not enabled");
            }
            if (!row.getBoolean("forced")) {
                violations.add(table + ": row level security is not forced");
            }
            if (!row.getBoolean("has_tenant_policy")) {
                violations.add(table + ": no policy restricts " + runtimeRole + " to the current tenant");
            }
            if (row.getBoolean("has_open_policy")) {
                violations.add(table + ": a permissive policy lets " + runtimeRole + " past the tenant check");
            }
        });
        var roles = jdbc.sql(ROLE)
                .param("role", runtimeRole)
                .query((row, n) -> {
                    var problems = new ArrayList<String>();
                    if (row.getBoolean("rolsuper")) problems.add("is a superuser");
                    if (row.getBoolean("rolbypassrls")) problems.add("has BYPASSRLS");
                    if (row.getBoolean("rolcreatedb")) problems.add("has CREATEDB");
                    if (row.getBoolean("rolcreaterole")) problems.add("has CREATEROLE");
                    if (row.getLong("owned") > 0) problems.add("owns " + row.getLong("owned") + " objects");
                    if (row.getString("member_of") != null)
                        problems.add("is a member of " + row.getString("member_of"));
                    return problems;
                })
                .list();
        if (roles.isEmpty()) {
            violations.add("role " + runtimeRole + " does not exist");
        } else {
            roles.getFirst().forEach(problem -> violations.add("role " + runtimeRole + " " + problem));
        }
        return violations;
    }
}
