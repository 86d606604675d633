package io.lexvault.database;

import io.lexvault.database.internal.EmbeddedPostgres;
import java.net.ConnectException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server LexVault uses, found the same way by the launcher and the tests:
 *
 * <ol>
 *   <li>{@code LEXVAULT_DB_URL} (with {@code LEXVAULT_DB_USER} / {@code LEXVAULT_DB_PASSWORD}) if set;
 *   <li>otherwise a PostgreSQL on 127.0.0.1:5432 if one answers and accepts the administrative login;
 *   <li>otherwise a private embedded PostgreSQL under {@code <data dir>/pg}, stopped by {@link #close()}.
 * </ol>
 */
public final class DatabaseServer implements AutoCloseable {

    public enum Source {
        CONFIGURED,
        LOCAL,
        EMBEDDED
    }

    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String MAINTENANCE_DATABASE = "postgres";
    private static final Logger log = LoggerFactory.getLogger(DatabaseServer.class);

    private final Source source;
    private final DatabaseLogin administrator;
    private final String applicationDatabase;
    private final @Nullable EmbeddedPostgres embedded;

    private DatabaseServer(
            Source source,
            DatabaseLogin administrator,
            String applicationDatabase,
            @Nullable EmbeddedPostgres embedded) {
        this.source = source;
        this.administrator = administrator;
        this.applicationDatabase = applicationDatabase;
        this.embedded = embedded;
    }

    public static DatabaseServer locate(DatabaseSettings settings) {
        return locate(settings, LOCAL_URL, false);
    }

    /** For test suites: an embedded server, if one is needed, skips fsync. */
    public static DatabaseServer locateForTests(DatabaseSettings settings) {
        return locate(settings, LOCAL_URL, true);
    }

    static DatabaseServer locate(DatabaseSettings settings, String localUrl, boolean throwAwayEmbedded) {
        if (settings.url() != null) {
            var login = new DatabaseLogin(settings.url(), settings.adminUser(), settings.adminPassword());
            return new DatabaseServer(Source.CONFIGURED, login, login.database(), null);
        }
        var local = new DatabaseLogin(localUrl, settings.adminUser(), settings.adminPassword());
        if (answers(local)) {
            return new DatabaseServer(Source.LOCAL, local, DatabaseSettings.DEFAULT_DATABASE, null);
        }
        return startEmbedded(settings, throwAwayEmbedded);
    }

    /** Starts a private server under {@code <data dir>/pg} regardless of what else is running. */
    public static DatabaseServer startEmbedded(DatabaseSettings settings, boolean throwAway) {
        var server =
                EmbeddedPostgres.start(settings.dataDirectory().resolve("pg"), settings.embeddedOsUser(), !throwAway);
        return new DatabaseServer(
                Source.EMBEDDED,
                server.superuserLogin(MAINTENANCE_DATABASE),
                DatabaseSettings.DEFAULT_DATABASE,
                server);
    }

    private static boolean answers(DatabaseLogin login) {
        try (var connection = login.connect()) {
            return connection.isValid(5);
        } catch (SQLException e) {
            if (e.getCause() instanceof ConnectException) {
                log.debug("No PostgreSQL on {}", login);
            } else {
                // Something listens but refuses us: say so, since the user may have meant to use it.
                log.warn(
                        "A PostgreSQL answers at {} but the login failed ({}); using the embedded server instead."
                                + " Set LEXVAULT_DB_URL, LEXVAULT_DB_USER and LEXVAULT_DB_PASSWORD to use it.",
                        login,
                        e.getSQLState());
            }
            return false;
        }
    }

    public Source source() {
        return source;
    }

    /** The administrative login, on the application database. */
    public DatabaseLogin administrator() {
        return administrator.withDatabase(applicationDatabase);
    }

    /** The administrative login on the maintenance database, for creating and dropping databases. */
    public DatabaseLogin maintenanceAdministrator() {
        return administrator.withDatabase(MAINTENANCE_DATABASE);
    }

    /** The database LexVault keeps its data in: the one in {@code LEXVAULT_DB_URL}, else {@code lexvault}. */
    public String applicationDatabase() {
        return applicationDatabase;
    }

    public DatabaseServer withApplicationDatabase(String database) {
        return new DatabaseServer(source, administrator, RoleNames.requireSafe(database), embedded);
    }

    public @Nullable EmbeddedPostgres embedded() {
        return embedded;
    }

    public String describe() {
        return switch (source) {
            case CONFIGURED -> "PostgreSQL from LEXVAULT_DB_URL (" + administrator() + ")";
            case LOCAL -> "the local PostgreSQL on 127.0.0.1:5432 (" + administrator() + ")";
            case EMBEDDED -> "the embedded PostgreSQL on 127.0.0.1:" + embedded.port();
        };
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
