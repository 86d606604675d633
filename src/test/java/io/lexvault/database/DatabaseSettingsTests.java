package io.lexvault.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseSettingsTests {

    @Test
    void configuredUrlIsUsedWithoutProbingAnything() {
        var settings = DatabaseSettings.fromEnvironment(Map.of(
                "LEXVAULT_DB_URL", "jdbc:postgresql://db.example:6543/firmdata",
                "LEXVAULT_DB_USER", "admin",
                "LEXVAULT_DB_PASSWORD", "s3cret-admin"));
        try (var server = DatabaseServer.locate(settings)) {
            assertThat(server.source()).isEqualTo(DatabaseServer.Source.CONFIGURED);
            assertThat(server.applicationDatabase()).isEqualTo("firmdata");
            assertThat(server.maintenanceAdministrator().jdbcUrl())
                    .isEqualTo("jdbc:postgresql://db.example:6543/postgres");
        }
    }

    @Test
    void defaultsNameTheStandardRolesAndDataDirectory() {
        var settings = DatabaseSettings.fromEnvironment(Map.of());
        assertThat(settings.roles()).isEqualTo(new RoleNames("lexvault_owner", "lexvault_app"));
        assertThat(settings.dataDirectory().getFileName()).hasToString("var");
        assertThat(settings.adminUser()).isEqualTo("postgres");
    }

    @Test
    void passwordsNeverAppearInTextForms() {
        var login = new DatabaseLogin("jdbc:postgresql://h:5432/db?sslpassword=keypass", "u", "hunter2-password");
        assertThat(login.toString()).doesNotContain("hunter2-password", "keypass");
        var settings = DatabaseSettings.fromEnvironment(Map.of(
                "LEXVAULT_DB_URL", "jdbc:postgresql://h/db?sslpassword=inurl",
                "LEXVAULT_DB_PASSWORD", "admin-pass",
                "LEXVAULT_DB_APP_PASSWORD", "app-pass"));
        assertThat(settings.toString()).doesNotContain("inurl", "admin-pass", "app-pass");
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        assertThatThrownBy(() -> DatabaseSettings.fromEnvironment(
                        Map.of("LEXVAULT_DB_URL", "jdbc:postgresql://h/db?user=postgres&password=x")))
                .hasMessageContaining("LEXVAULT_DB_USER");
    }

    @Test
    void runtimeRoleInheritsOnlyTransportSettingsFromTheAdministratorsUrl() {
        String url = PostgresUrls.forRuntimeRole(
                "jdbc:postgresql://db:5432/firm?sslmode=verify-full&options=-c%20role%3Dpostgres&sslkey=/admin.key",
                "lexvault");
        assertThat(url).isEqualTo("jdbc:postgresql://db:5432/firm?sslmode=verify-full&currentSchema=lexvault");
    }

    @Test
    void roleNamesThatWouldNeedEscapingAreRefused() {
        assertThatThrownBy(() -> RoleNames.withPrefix("x\"; DROP ROLE postgres; --"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoleNames.withPrefix("Upper")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyPostgresUrlsAreAccepted() {
        assertThatThrownBy(() -> new DatabaseLogin("jdbc:h2:mem:test", "sa", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
