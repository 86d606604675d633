package io.lexvault.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The production set-up: a DBA makes the database beforehand, so it belongs to someone other than
 * LexVault's owner role (the administrative login itself, or a role of the DBA's), and the owner role
 * holds no right on the database. Provisioning must still bring it to the running state, on the first
 * start and on every later one.
 */
class PreMadeDatabaseIntegrationTests {

    private final String run = TestDatabase.randomName();
    private final String database = "lexvault_premade_" + run;
    private final String dba = "lexvault_p" + run + "_dba";
    private final RoleNames roles = RoleNames.withPrefix("lexvault_p" + run);
    private final DatabaseServer superuser = TestDatabase.shared().server().withApplicationDatabase(database);

    @AfterEach
    void dropEverything() throws SQLException {
        DatabaseProvisioner.drop(superuser, roles);
        sql(superuser.maintenanceAdministrator(), "DROP ROLE IF EXISTS " + dba);
    }

    @Test
    void migratesADatabaseADbaMadeForAnotherRole() throws SQLException {
        sql(superuser.maintenanceAdministrator(), "CREATE ROLE " + dba + " NOLOGIN");
        sql(superuser.maintenanceAdministrator(), "CREATE DATABASE " + database + " OWNER " + dba);

        var runtime = DatabaseProvisioner.provision(superuser, roles, "runtime-password-" + run);

        assertMigratedAndServable(runtime);
        assertThat(query(
                        superuser.administrator(),
                        "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"))
                .as("the database stays the DBA's")
                .isEqualTo(dba);

        // Someone widens the runtime role by hand; the next start narrows it again.
        sql(superuser.maintenanceAdministrator(), "ALTER ROLE " + roles.app() + " BYPASSRLS CREATEDB INHERIT");
        DatabaseProvisioner.provision(superuser, roles, "runtime-password-" + run);
        assertThat(attributes()).isEqualTo(narrowed());
    }

    @Test
    void aCreateRoleAdministratorStartsOnTheDatabaseItMadeAndStartsAgain() throws SQLException {
        // The administrative login of a managed PostgreSQL: CREATEROLE, not a superuser, owner of the
        // database the DBA made with it.
        String password = "dba-password-" + run;
        sql(
                superuser.maintenanceAdministrator(),
                "CREATE ROLE " + dba + " LOGIN CREATEROLE PASSWORD '" + password + "'");
        sql(superuser.maintenanceAdministrator(), "CREATE DATABASE " + database + " OWNER " + dba);
        var settings = DatabaseSettings.fromEnvironment(Map.of(
                "LEXVAULT_DB_URL",
                superuser.administrator().jdbcUrl(),
                "LEXVAULT_DB_USER",
                dba,
                "LEXVAULT_DB_PASSWORD",
                password,
                "LEXVAULT_DB_ROLE_PREFIX",
                "lexvault_p" + run,
                "LEXVAULT_DATA_DIR",
                Path.of("target", "test-var").toAbsolutePath().toString()));
        var server = DatabaseServer.locate(settings);
        assertThat(server.source()).isEqualTo(DatabaseServer.Source.CONFIGURED);

        assertMigratedAndServable(DatabaseProvisioner.provision(server, settings.roles(), "first-password-" + run));
        // A restart re-asserts the roles' attributes, which a non-superuser may not always name.
        var restarted = DatabaseProvisioner.provision(server, settings.roles(), "second-password-" + run);

        assertMigratedAndServable(restarted);
        assertThat(attributes()).as("both roles narrowed").isEqualTo(narrowed());
    }

    private String attributes() throws SQLException {
        return query(
                superuser.administrator(),
                "SELECT string_agg(rolname || ':' || rolsuper || rolbypassrls || rolcreatedb || rolcreaterole"
                        + " || rolinherit || rolcanlogin, ',' ORDER BY rolname) FROM pg_roles WHERE rolname IN ('"
                        + roles.owner() + "', '" + roles.app() + "')");
    }

    private String narrowed() {
        return roles.app() + ":falsefalsefalsefalsefalsetrue," + roles.owner() + ":falsefalsefalsefalsefalsefalse";
    }

    @Test
    void refusesAnExtensionTheDbaInstalledInAnotherSchema() throws SQLException {
        sql(superuser.maintenanceAdministrator(), "CREATE DATABASE " + database);
        sql(superuser.administrator(), "CREATE EXTENSION unaccent WITH SCHEMA public");

        assertThatThrownBy(() -> DatabaseProvisioner.provision(superuser, roles, "runtime-password-" + run))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Extension unaccent is installed in schema public")
                .hasMessageContaining("ALTER EXTENSION unaccent SET SCHEMA lexvault");
    }

    /** Every migration ran, the extensions answer, and the runtime role can work. */
    private void assertMigratedAndServable(DatabaseLogin runtime) throws SQLException {
        assertThat(query(
                        superuser.administrator(),
                        "SELECT count(*) FILTER (WHERE NOT success) || '/' || count(*) FILTER (WHERE script LIKE"
                                + " '%V1_032%') FROM lexvault.flyway_schema_history"))
                .isEqualTo("0/1");
        assertThat(query(superuser.administrator(), "SELECT lexvault.conflict_name('Müller GmbH')"))
                .as("the conflict checks' name folding, through both extensions")
                .isEqualTo("muller");
        assertThat(query(runtime, "SELECT count(*) FROM lexvault.tenants"))
                .as("the runtime role logs in and reads (no firm bound: no rows)")
                .isEqualTo("0");
    }

    private static void sql(DatabaseLogin login, String statement) throws SQLException {
        try (var connection = login.connect();
                var executing = connection.createStatement()) {
            executing.execute(statement);
        }
    }

    private static String query(DatabaseLogin login, String sql) throws SQLException {
        try (var connection = login.connect();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
