package io.lexvault.tenancy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads PostgreSQL's catalogue and lists every way the tenant wall could be missing:
 *
 * <ul>
 *   <li>a table with a {@code tenant_id} column (or {@code tenants}) whose row-level security is not
 *       enabled, not forced, or has no policy on the current tenant;
 *   <li>a permissive policy for the runtime role whose expression is anything but the canonical
 *       tenant check (an added {@code OR true} counts);
 *   <li>a view, materialized view or foreign table the runtime role can read, unless it is a
 *       {@code security_invoker} view (others run with their owner's rights);
 *   <li>a {@code SECURITY DEFINER} function the runtime role may execute that is not one of the named
 *       paths in docs/security.md;
 *   <li>{@code TRUNCATE}, {@code TRIGGER} or {@code REFERENCES} on any table for the runtime role or
 *       {@code PUBLIC} ({@code TRUNCATE} ignores row-level security);
 *   <li>a runtime role that could bypass row-level security (superuser, BYPASSRLS, owner of objects,
 *       member of roles).
 * </ul>
 *
 * <p>Runs at every start (LexVault refuses to start on a violation) and in the test suite.
 */
public final class IsolationCatalogue {

    /** The tenant-less paths of docs/security.md; any other definer function is a violation. */
    static final Set<String> NAMED_DEFINER_FUNCTIONS = Set.of(
            "lexvault.register_tenant(p_name text, p_slug text)",
            "lexvault.find_tenant_by_slug(p_slug text)",
            "lexvault.find_sign_in(p_email text)",
            "lexvault.find_api_key(p_secret_hmac bytea)",
            "lexvault.firms_with_mail_due(p_now timestamp with time zone)",
            "lexvault.firms_with_unsequenced_events()",
            "lexvault.firms_with_audit_log()",
            "lexvault.expire_audit_events(p_event_id uuid, p_expired_by text, p_max_leaves integer)",
            "lexvault.firms_with_checkpoint_exports_due(p_now timestamp with time zone)",
            "lexvault.matter_client_in_bound_firm(p_matter uuid)",
            "lexvault.highest_matter_sequence_in_bound_firm(p_prefix text, p_suffix text, p_min_digits integer)",
            "lexvault.acting_user_screened_matter_ids()",
            "lexvault.group_on_a_team_behind_acting_users_wall(p_group uuid)",
            "lexvault.destroy_tenant_keysets()",
            "lexvault.conflict_check_hits(p_names text[], p_threshold real, p_limit integer)",
            "lexvault.save_conflict_report(p_report uuid, p_matter uuid, p_names text[], p_threshold real)",
            "lexvault.conflict_report_hits(p_report uuid)",
            "lexvault.firms_with_keysets()",
            "lexvault.document_scope_in_bound_firm(p_document uuid)",
            "lexvault.stored_document_blob_keys(p_documents uuid[])",
            "lexvault.document_version_for_indexing(p_document uuid, p_version integer)",
            "lexvault.current_document_versions_in_bound_firm()",
            "lexvault.search_prepare_version(p_document uuid, p_version integer)",
            "lexvault.search_record_outcome(p_document uuid, p_version integer, p_state text, p_chunks integer,"
                    + " p_reason text, p_language text)",
            "lexvault.search_forget_versions(p_document uuid, p_below integer)",
            "lexvault.search_relabel(p_document uuid)");

    private static final String APPLICATION_SCHEMAS = """
            n.nspname NOT IN ('pg_catalog', 'information_schema')
               AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
            """;

    private static final String TABLES = """
            WITH runtime AS (SELECT oid FROM pg_roles WHERE rolname = :role),
            applicable AS (
                SELECT p.polrelid, p.polpermissive,
                       replace(pg_get_expr(p.polqual, p.polrelid), 'lexvault.current_tenant_id()',
                               'current_tenant_id()') AS using_expr,
                       replace(pg_get_expr(p.polwithcheck, p.polrelid), 'lexvault.current_tenant_id()',
                               'current_tenant_id()') AS check_expr
                  FROM pg_policy p
                 WHERE p.polroles @> ARRAY[0::oid] OR p.polroles @> ARRAY[(SELECT oid FROM runtime)]
            ),
            tenant_tables AS (
                SELECT c.oid, format('%%I.%%I', n.nspname, c.relname) AS table_name,
                       c.relrowsecurity, c.relforcerowsecurity,
                       CASE WHEN n.nspname = 'lexvault' AND c.relname = 'tenants' THEN 'id' ELSE 'tenant_id' END
                           AS tenant_key
                  FROM pg_class c
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p')
                   AND %s
                   AND (EXISTS (SELECT 1 FROM pg_attribute a
                                 WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
                        OR (n.nspname = 'lexvault' AND c.relname = 'tenants'))
            )
            SELECT t.table_name, t.relrowsecurity AS enabled, t.relforcerowsecurity AS forced,
                   EXISTS (SELECT 1 FROM applicable a
                            WHERE a.polrelid = t.oid AND a.polpermissive
                              AND a.using_expr = '(' || t.tenant_key
                                                 || ' = ( SELECT current_tenant_id() AS current_tenant_id))')
                       AS has_tenant_policy,
                   EXISTS (SELECT 1 FROM applicable a
                            WHERE a.polrelid = t.oid AND a.polpermissive
                              AND (a.using_expr IS DISTINCT FROM '(' || t.tenant_key
                                                 || ' = ( SELECT current_tenant_id() AS current_tenant_id))'
                                   OR a.check_expr IS DISTINCT FROM NULL
                                      AND a.check_expr IS DISTINCT FROM '(' || t.tenant_key
                                                 || ' = ( SELECT current_tenant_id() AS current_tenant_id))'))
                       AS has_open_policy
              FROM tenant_tables t
             ORDER BY 1
            """.formatted(APPLICATION_SCHEMAS);

    private static final String READABLE_VIEWS = """
            SELECT format('%%I.%%I', n.nspname, c.relname) AS view_name
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('v', 'm', 'f')
               AND %s
               AND has_table_privilege(:role, c.oid, 'SELECT')
               AND NOT (c.relkind = 'v' AND coalesce(c.reloptions @> ARRAY['security_invoker=true'], false))
             ORDER BY 1
            """.formatted(APPLICATION_SCHEMAS);

    private static final String DEFINER_FUNCTIONS = """
            SELECT format('%%I.%%I(%%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
              FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE p.prosecdef
               AND %s
               AND has_function_privilege(:role, p.oid, 'EXECUTE')
             ORDER BY 1
            """.formatted(APPLICATION_SCHEMAS);

    private static final String RLS_IGNORING_PRIVILEGES = """
            SELECT format('%%I.%%I', n.nspname, c.relname) AS table_name, privilege
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             CROSS JOIN unnest(ARRAY['TRUNCATE', 'TRIGGER', 'REFERENCES']) AS privilege
             WHERE c.relkind IN ('r', 'p')
               AND %s
               AND has_table_privilege(:role, c.oid, privilege)
             ORDER BY 1, 2
            """.formatted(APPLICATION_SCHEMAS);
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
        boolean roleExists = jdbc.sql("SELECT count(*) > 0 FROM pg_roles WHERE rolname = :role")
                .param("role", runtimeRole)
                .query(Boolean.class)
                .single();
        if (!roleExists) {
            return List.of("role " + runtimeRole + " does not exist");
        }
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
        jdbc.sql(READABLE_VIEWS).param("role", runtimeRole).query(row -> {
            violations.add(row.getString("view_name") + ": " + runtimeRole + " can read it, and it does not run with"
                    + " the reader's rights (only security_invoker views respect row level security)");
        });
        for (String function : jdbc.sql(DEFINER_FUNCTIONS)
                .param("role", runtimeRole)
                .query(String.class)
                .list()) {
            if (!NAMED_DEFINER_FUNCTIONS.contains(function)) {
                violations.add(function + ": a SECURITY DEFINER function " + runtimeRole
                        + " may execute that is not a named tenant-less path");
            }
        }
        jdbc.sql(RLS_IGNORING_PRIVILEGES).param("role", runtimeRole).query(row -> {
            violations.add(row.getString("table_name") + ": " + runtimeRole + " holds " + row.getString("privilege")
                    + ", which row level security does not restrict");
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
        roles.getFirst().forEach(problem -> violations.add("role " + runtimeRole + " " + problem));
        return violations;
    }
}
