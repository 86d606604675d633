package io.lexvault.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The catalogue check that runs at every start: every table with tenant_id has forced row-level
 * security and a tenant policy, and the runtime role has no way around it. The scratch-table tests
 * prove the check fails, naming the table, when a migration forgets its policy.
 */
class IsolationCatalogueIntegrationTests {

    private final TestDatabase database = TestDatabase.shared();

    @Test
    void migratedSchemaHasNoIsolationGaps() throws SQLException {
        try (Connection connection = database.runtime().connect()) {
            assertThat(IsolationCatalogue.violations(
                            jdbc(connection), database.roles().app()))
                    .isEmpty();
        }
    }

    @Test
    void tenantTablesHaveForcedRowLevelSecurity() throws SQLException {
        try (Connection connection = database.runtime().connect()) {
            var forced = jdbc(connection)
                    .sql("SELECT relname FROM pg_class WHERE relforcerowsecurity AND relrowsecurity"
                            + " AND relnamespace = 'lexvault'::regnamespace ORDER BY relname")
                    .query(String.class)
                    .list();
            assertThat(forced).contains("tenants", "tenant_settings");
        }
    }

    @Test
    void tableWithoutRowLevelSecurityIsReportedByName() throws SQLException {
        withScratchTable(
                "CREATE TABLE lexvault.scratch_without_rls (tenant_id uuid NOT NULL, note text)",
                jdbc -> assertThat(IsolationCatalogue.violations(
                                jdbc, database.roles().app()))
                        .contains(
                                "lexvault.scratch_without_rls: row level security is not enabled",
                                "lexvault.scratch_without_rls: row level security is not forced",
                                "lexvault.scratch_without_rls: no policy restricts "
                                        + database.roles().app() + " to the current tenant"));
    }

    @Test
    void tableInAnotherSchemaIsCheckedToo() throws SQLException {
        withScratchTable(
                "CREATE TABLE public.scratch_elsewhere (tenant_id uuid NOT NULL)",
                jdbc -> assertThat(IsolationCatalogue.violations(
                                jdbc, database.roles().app()))
                        .contains("public.scratch_elsewhere: row level security is not enabled"));
    }

    @Test
    void enabledButNotForcedIsReported() throws SQLException {
        withScratchTable(
                """
                CREATE TABLE lexvault.scratch_not_forced (tenant_id uuid NOT NULL);
                ALTER TABLE lexvault.scratch_not_forced ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON lexvault.scratch_not_forced
                    USING (tenant_id = (SELECT lexvault.current_tenant_id()));
                """,
                jdbc -> assertThat(IsolationCatalogue.violations(
                                jdbc, database.roles().app()))
                        .containsExactly("lexvault.scratch_not_forced: row level security is not forced"));
    }

    @Test
    void permissivePolicyThatIgnoresTheTenantIsReported() throws SQLException {
        withScratchTable(
                """
                CREATE TABLE lexvault.scratch_open (tenant_id uuid NOT NULL);
                SELECT lexvault.enable_tenant_rls('lexvault.scratch_open');
                CREATE POLICY everyone ON lexvault.scratch_open USING (true);
                """,
                jdbc -> assertThat(IsolationCatalogue.violations(
                                jdbc, database.roles().app()))
                        .containsExactly("lexvault.scratch_open: a permissive policy lets "
                                + database.roles().app() + " past the tenant check"));
    }

    @Test
    void policyWithAnAddedEscapeHatchIsReported() throws SQLException {
        withScratchTable(
                """
                CREATE TABLE lexvault.scratch_or_true (tenant_id uuid NOT NULL);
                ALTER TABLE lexvault.scratch_or_true ENABLE ROW LEVEL SECURITY;
                ALTER TABLE lexvault.scratch_or_true FORCE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON lexvault.scratch_or_true
                    USING (tenant_id = (SELECT lexvault.current_tenant_id()) OR true);
                """,
                jdbc -> assertThat(IsolationCatalogue.violations(jdbc, app()))
                        .contains("lexvault.scratch_or_true: a permissive policy lets " + app()
                                + " past the tenant check"));
    }

    @Test
    void viewsThatRunWithTheirOwnersRightsAreReported() throws SQLException {
        withScratchTable(
                """
                CREATE VIEW lexvault.scratch_all_firms AS SELECT id, name FROM lexvault.tenants;
                CREATE MATERIALIZED VIEW lexvault.scratch_firm_names AS SELECT name FROM lexvault.tenants;
                CREATE VIEW lexvault.scratch_invoker WITH (security_invoker = true) AS SELECT id FROM lexvault.tenants;
                GRANT SELECT ON lexvault.scratch_all_firms, lexvault.scratch_firm_names, lexvault.scratch_invoker
                    TO %s;
                """.formatted(app()),
                jdbc -> assertThat(IsolationCatalogue.violations(jdbc, app()))
                        .anyMatch(v -> v.startsWith("lexvault.scratch_all_firms: "))
                        .anyMatch(v -> v.startsWith("lexvault.scratch_firm_names: "))
                        .noneMatch(v -> v.startsWith("lexvault.scratch_invoker")));
    }

    @Test
    void unlistedSecurityDefinerFunctionIsReported() throws SQLException {
        withScratchTable(
                """
                CREATE FUNCTION lexvault.scratch_all_settings() RETURNS SETOF text
                    LANGUAGE sql SECURITY DEFINER SET search_path = lexvault, pg_temp
                    AS $$ SELECT value FROM lexvault.tenant_settings $$;
                GRANT EXECUTE ON FUNCTION lexvault.scratch_all_settings() TO %s;
                """.formatted(app()),
                jdbc -> assertThat(IsolationCatalogue.violations(jdbc, app()))
                        .contains("lexvault.scratch_all_settings(): a SECURITY DEFINER function " + app()
                                + " may execute that is not a named tenant-less path"));
    }

    @Test
    void privilegesThatIgnoreRowLevelSecurityAreReported() throws SQLException {
        withScratchTable(
                "GRANT TRUNCATE, TRIGGER ON lexvault.tenant_settings TO %s".formatted(app()),
                jdbc -> assertThat(IsolationCatalogue.violations(jdbc, app()))
                        .contains(
                                "lexvault.tenant_settings: " + app() + " holds TRUNCATE, which row level security"
                                        + " does not restrict",
                                "lexvault.tenant_settings: " + app() + " holds TRIGGER, which row level security"
                                        + " does not restrict"));
    }

    @Test
    void operatorOnlyFunctionIsNotExecutableByTheRuntimeRole() throws SQLException {
        try (Connection runtime = database.runtime().connect()) {
            boolean mayLock = jdbc(runtime)
                    .sql("SELECT has_function_privilege(current_user, 'lexvault.set_tenant_status(uuid, text)',"
                            + " 'EXECUTE')")
                    .query(Boolean.class)
                    .single();
            assertThat(mayLock)
                    .as("a web request must not lock or unlock firms")
                    .isFalse();
        }
    }

    @Test
    void helperMakesATableCompliant() throws SQLException {
        withScratchTable(
                """
                CREATE TABLE lexvault.scratch_compliant (tenant_id uuid NOT NULL);
                SELECT lexvault.enable_tenant_rls('lexvault.scratch_compliant');
                """,
                jdbc -> assertThat(IsolationCatalogue.violations(
                                jdbc, database.roles().app()))
                        .isEmpty());
    }

    @Test
    void roleThatOwnsTheTablesIsReported() throws SQLException {
        try (Connection admin = database.administrator().connect()) {
            assertThat(IsolationCatalogue.violations(
                            jdbc(admin), database.roles().owner()))
                    .as("the owner role owns the tables, so it must never serve requests")
                    .anyMatch(violation ->
                            violation.startsWith("role " + database.roles().owner() + " owns"));
        }
    }

    @Test
    void missingRuntimeRoleIsReported() throws SQLException {
        try (Connection admin = database.administrator().connect()) {
            assertThat(IsolationCatalogue.violations(jdbc(admin), "no_such_role_" + TestDatabase.randomName()))
                    .anyMatch(violation -> violation.endsWith("does not exist"));
        }
    }

    /** Creates scratch objects as the owner role, runs the check as the runtime role, then drops them. */
    private void withScratchTable(String ddl, java.util.function.Consumer<JdbcClient> check) throws SQLException {
        try (Connection admin = database.administrator().connect();
                var statement = admin.createStatement()) {
            admin.setAutoCommit(false);
            statement.execute("SET ROLE " + database.roles().owner());
            if (ddl.contains("public.")) {
                statement.execute("RESET ROLE");
            }
            statement.execute(ddl);
            try {
                // Checked inside the uncommitted transaction (other sessions never see the scratch
                // objects), on the administrator's connection; every query evaluates the grants and
                // policies of the runtime role it names.
                check.accept(jdbc(admin));
            } finally {
                admin.rollback();
            }
        }
    }

    private String app() {
        return database.roles().app();
    }

    private static JdbcClient jdbc(Connection connection) {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }
}
