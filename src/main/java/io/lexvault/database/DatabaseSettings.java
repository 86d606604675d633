package io.lexvault.database;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How to reach PostgreSQL, read from environment variables (the only configuration source of
 * {@code lexvault serve}). See the configuration table in README.md.
 *
 * @param url {@code LEXVAULT_DB_URL}: the database to use; when absent LexVault looks for a local server
 * @param adminUser {@code LEXVAULT_DB_USER}: an administrative login that may create roles and databases
 * @param adminPassword {@code LEXVAULT_DB_PASSWORD}
 * @param appPassword {@code LEXVAULT_DB_APP_PASSWORD}: the runtime role's password; generated and kept
 *     under the data directory when absent
 * @param rolePrefix {@code LEXVAULT_DB_ROLE_PREFIX}: names the roles {@code <prefix>_owner} and
 *     {@code <prefix>_app}, so several installations can share one server
 * @param dataDirectory {@code LEXVAULT_DATA_DIR}: where LexVault keeps its files ({@code ./var})
 * @param embeddedOsUser {@code LEXVAULT_EMBEDDED_PG_USER}: the unprivileged account that runs the
 *     embedded server when LexVault runs as root
 */
public record DatabaseSettings(
        @Nullable String url,
        String adminUser,
        @Nullable String adminPassword,
        @Nullable String appPassword,
        String rolePrefix,
        Path dataDirectory,
        @Nullable String embeddedOsUser) {

    public static final String DEFAULT_DATABASE = "lexvault";

    public static DatabaseSettings fromEnvironment(Map<String, String> env) {
        String url = blankToNull(env.get("LEXVAULT_DB_URL"));
        if (url != null) {
            PostgresUrls.requireNoCredentials(url);
        }
        return new DatabaseSettings(
                blankToNull(env.get("LEXVAULT_DB_URL")),
                orDefault(env.get("LEXVAULT_DB_USER"), "postgres"),
                blankToNull(env.get("LEXVAULT_DB_PASSWORD")),
                blankToNull(env.get("LEXVAULT_DB_APP_PASSWORD")),
                orDefault(env.get("LEXVAULT_DB_ROLE_PREFIX"), "lexvault"),
                Path.of(orDefault(env.get("LEXVAULT_DATA_DIR"), "var"))
                        .toAbsolutePath()
                        .normalize(),
                blankToNull(env.get("LEXVAULT_EMBEDDED_PG_USER")));
    }

    public RoleNames roles() {
        return RoleNames.withPrefix(rolePrefix);
    }

    public DatabaseSettings withDataDirectory(Path directory) {
        return new DatabaseSettings(url, adminUser, adminPassword, appPassword, rolePrefix, directory, embeddedOsUser);
    }

    public DatabaseSettings withRolePrefix(String prefix) {
        return new DatabaseSettings(url, adminUser, adminPassword, appPassword, prefix, dataDirectory, embeddedOsUser);
    }

    public DatabaseSettings withUrl(@Nullable String otherUrl, String user, @Nullable String password) {
        return new DatabaseSettings(otherUrl, user, password, appPassword, rolePrefix, dataDirectory, embeddedOsUser);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + (url == null ? "(discover)" : PostgresUrls.withoutQuery(url)) + ", adminUser="
                + adminUser + ", rolePrefix=" + rolePrefix + ", dataDirectory=" + dataDirectory + "]";
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orDefault(@Nullable String value, String fallback) {
        var present = blankToNull(value);
        return present == null ? fallback : present;
    }
}
