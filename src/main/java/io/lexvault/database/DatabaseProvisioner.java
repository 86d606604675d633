package io.lexvault.database;

import static io.lexvault.database.RoleNames.quoted;

import io.lexvault.crypto.SecretFile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the state LexVault runs in, idempotently, with the administrative login:
 *
 * <ul>
 *   <li>the owner role ({@code NOLOGIN}) that owns the schema and every table, and the runtime role
 *       ({@code NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE}, owning nothing) that serves requests;
 *   <li>the database and the {@code lexvault} schema, with {@code PUBLIC} stripped of its default rights;
 *   <li>the PostgreSQL extensions the migrations use, in the {@code lexvault} schema;
 *   <li>the Flyway migrations, run as the owner role; each one grants the runtime role what it needs.
 * </ul>
 *
 * <p>The database may have been made beforehand by a DBA and belong to someone else (usually the
 * administrative login itself). The owner role then holds no right on the database itself, so nothing a
 * migration runs may need one: whatever needs a database-level right (creating the schema and the
 * extensions) is done here, as the administrator, before the migrations run.
 */
public final class DatabaseProvisioner {

    public static final String SCHEMA = "lexvault";

    /**
     * The extensions the migrations use ({@code V1_032}: conflict checks), made in our schema. Both are
     * trusted, so a non-superuser with {@code CREATE} on the database may create them; the owner role
     * has that right only on a database LexVault created itself, so they are made here, as the
     * administrator, and the migrations' own {@code CREATE EXTENSION IF NOT EXISTS} finds them made
     * (PostgreSQL checks no privilege for an extension that exists).
     */
    static final List<String> EXTENSIONS = List.of("pg_trgm", "unaccent");

    private static final String UNDEFINED_DATABASE = "3D000";
    private static final Logger log = LoggerFactory.getLogger(DatabaseProvisioner.class);

    private DatabaseProvisioner() {}

    /**
     * Prepares the server's application database and returns the runtime role's login for it.
     *
     * @param appPassword the runtime role's password (set on every start, so the role and the file
     *     holding the password never drift apart)
     */
    public static DatabaseLogin provision(DatabaseServer server, RoleNames roles, String appPassword) {
        String database = server.applicationDatabase();
        try {
            try (var admin = server.maintenanceAdministrator().connect()) {
                ensureRoles(admin, roles, appPassword);
                ensureDatabase(admin, database, roles);
            } catch (SQLException e) {
                if (server.source() != DatabaseServer.Source.CONFIGURED) {
                    throw e;
                }
                // Managed servers may not let us into the maintenance database; work inside ours.
                try (var admin = server.administrator().connect()) {
                    ensureRoles(admin, roles, appPassword);
                }
            }
            try (var admin = server.administrator().connect()) {
                securePrivileges(admin, database, roles);
                ensureExtensions(admin);
            }
            migrate(server.administrator(), roles);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not prepare database " + database + " on " + server.describe() + ": " + e.getMessage(), e);
        }
        return new DatabaseLogin(
                PostgresUrls.forRuntimeRole(server.administrator().jdbcUrl(), SCHEMA), roles.app(), appPassword);
    }

    /** Removes a database and its roles; used by tests, which create one database per run. */
    public static void drop(DatabaseServer server, RoleNames roles) {
        try (var admin = server.maintenanceAdministrator().connect();
                var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + quoted(server.applicationDatabase()) + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + quoted(roles.app()));
            statement.execute("DROP ROLE IF EXISTS " + quoted(roles.owner()));
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not drop " + server.applicationDatabase() + ": " + e.getMessage(), e);
        }
    }

    /** The runtime role's password: from the environment, else from (or newly into) a 0600 file. */
    public static String appPassword(DatabaseSettings settings) {
        if (settings.appPassword() != null) {
            return settings.appPassword();
        }
        return SecretFile.readOrCreate(settings.dataDirectory()
                .resolve("secrets")
                .resolve("db-" + settings.roles().app() + "-password"));
    }

    private static void ensureRoles(Connection admin, RoleNames roles, String appPassword) throws SQLException {
        // Attributes are re-asserted on every start: a role someone widened by hand is narrowed again.
        createOrNarrow(admin, roles.owner(), false);
        createOrNarrow(admin, roles.app(), true);
        // The driver hashes the password (SCRAM) on our side, so it never reaches the server in clear
        // and cannot end up in a server log.
        admin.unwrap(PGConnection.class).alterUserPassword(roles.app(), appPassword.toCharArray(), "scram-sha-256");
        if (!isSuperuser(admin)) {
            // A CREATEROLE administrator must be a member of the owner role to create its database and
            // to run migrations as it (SET ROLE).
            try (var statement = admin.createStatement()) {
                statement.execute("GRANT " + quoted(roles.owner()) + " TO CURRENT_USER");
            }
        }
    }

    /**
     * Creates the role with every attribute narrowed, or narrows an existing one. {@code ALTER ROLE}
     * names only the attributes that need to change: PostgreSQL lets only a superuser name {@code
     * SUPERUSER}, {@code BYPASSRLS} or {@code REPLICATION}, and (16+) only a {@code CREATEDB} role name
     * {@code CREATEDB}, even to switch them off. So a {@code CREATEROLE} administrator restarts LexVault as
     * well as it first started it, and a role someone widened beyond what the administrator may take
     * away stops the start until someone who may narrows it.
     */
    private static void createOrNarrow(Connection admin, String role, boolean login) throws SQLException {
        var statement = new StringBuilder();
        try (var query = admin.prepareStatement("SELECT rolsuper, rolbypassrls, rolreplication, rolcreatedb,"
                + " rolcreaterole, rolinherit, rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    statement
                            .append("CREATE ROLE ")
                            .append(quoted(role))
                            .append(login ? " LOGIN CONNECTION LIMIT -1" : " NOLOGIN")
                            .append(" NOSUPERUSER NOBYPASSRLS NOREPLICATION NOCREATEDB NOCREATEROLE NOINHERIT");
                } else {
                    narrowing(statement, rows.getBoolean("rolsuper"), " NOSUPERUSER");
                    narrowing(statement, rows.getBoolean("rolbypassrls"), " NOBYPASSRLS");
                    narrowing(statement, rows.getBoolean("rolreplication"), " NOREPLICATION");
                    narrowing(statement, rows.getBoolean("rolcreatedb"), " NOCREATEDB");
                    narrowing(statement, rows.getBoolean("rolcreaterole"), " NOCREATEROLE");
                    narrowing(statement, rows.getBoolean("rolinherit"), " NOINHERIT");
                    narrowing(statement, rows.getBoolean("rolcanlogin") != login, login ? " LOGIN" : " NOLOGIN");
                    narrowing(statement, login && rows.getInt("rolconnlimit") != -1, " CONNECTION LIMIT -1");
                    if (!statement.isEmpty()) {
                        statement.insert(0, "ALTER ROLE " + quoted(role));
                    }
                }
            }
        }
        if (!statement.isEmpty()) {
            try (var executing = admin.createStatement()) {
                executing.execute(statement.toString());
            }
        }
    }

    private static void narrowing(StringBuilder statement, boolean needed, String attribute) {
        if (needed) {
            statement.append(attribute);
        }
    }

    private static void ensureDatabase(Connection admin, String database, RoleNames roles) throws SQLException {
        boolean exists;
        try (var query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, database);
            try (var rows = query.executeQuery()) {
                exists = rows.next();
            }
        }
        if (!exists) {
            try (var statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + quoted(database) + " OWNER " + quoted(roles.owner())
                        + " ENCODING 'UTF8' TEMPLATE template0");
            }
            log.info("Created database {}", database);
        }
    }

    private static void securePrivileges(Connection admin, String database, RoleNames roles) throws SQLException {
        try (var statement = admin.createStatement()) {
            // Nobody but our roles may connect, and nobody may create objects outside migrations.
            statement.execute("REVOKE ALL ON DATABASE " + quoted(database) + " FROM PUBLIC");
            statement.execute("GRANT CONNECT ON DATABASE " + quoted(database) + " TO " + quoted(roles.app()));
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA + " AUTHORIZATION " + quoted(roles.owner()));
            statement.execute("ALTER SCHEMA " + SCHEMA + " OWNER TO " + quoted(roles.owner()));
            statement.execute("REVOKE ALL ON SCHEMA " + SCHEMA + " FROM PUBLIC");
            statement.execute("GRANT USAGE ON SCHEMA " + SCHEMA + " TO " + quoted(roles.app()));
        }
    }

    private static void ensureExtensions(Connection admin) throws SQLException {
        for (String extension : EXTENSIONS) {
            String schema = null;
            try (var query = admin.prepareStatement("SELECT n.nspname FROM pg_extension e"
                    + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ?")) {
                query.setString(1, extension);
                try (var rows = query.executeQuery()) {
                    if (rows.next()) {
                        schema = rows.getString(1);
                    }
                }
            }
            if (schema == null) {
                try (var statement = admin.createStatement()) {
                    statement.execute("CREATE EXTENSION IF NOT EXISTS " + quoted(extension) + " WITH SCHEMA " + SCHEMA);
                }
            } else if (!schema.equals(SCHEMA)) {
                // The migrations name its functions and operators with our schema; moving it ourselves
                // could break whatever else in this database uses it where it is.
                throw new SQLException("Extension " + extension + " is installed in schema " + schema + ", but LexVault"
                        + " needs it in schema " + SCHEMA + " (ALTER EXTENSION " + extension + " SET SCHEMA " + SCHEMA
                        + ", or drop it and let LexVault create it)");
            }
        }
    }

    private static void migrate(DatabaseLogin administrator, RoleNames roles) {
        Flyway.configure()
                .dataSource(administrator.jdbcUrl(), administrator.user(), administrator.password())
                // Migrations create objects as the owner role, never as the administrator.
                .initSql("SET ROLE " + quoted(roles.owner()))
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(false)
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", quoted(roles.app()), "ownerRole", quoted(roles.owner())))
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load()
                .migrate();
    }

    private static boolean isSuperuser(Connection connection) throws SQLException {
        try (var query = connection.prepareStatement("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
                var rows = query.executeQuery()) {
            return rows.next() && rows.getBoolean(1);
        }
    }
}
