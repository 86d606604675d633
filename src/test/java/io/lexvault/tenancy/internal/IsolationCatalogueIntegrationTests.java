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
                // table); the query names the runtime role whose policies it evaluates.
                check.accept(jdbc(admin));
            } finally {
                admin.rollback();
            }
        }
    }

    private static JdbcClient jdbc(Connection connection) {
        return JdbcClient.create(new SingleConnectionDataSource(connection, true));
    }
}
