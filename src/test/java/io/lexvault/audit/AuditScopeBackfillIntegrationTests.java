package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.database.DatabaseServer;
import io.lexvault.database.RoleNames;
import io.lexvault.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migration that gives audit events their matter and client (V1_036) on a log written before it:
 * events that named their walled matter or client only in their details, or not at all (a refused look
 * at a document), get both, found through what still exists and through the log itself; nothing of
 * what their Merkle leaves hold changes; and the log is append-only and under row-level security again
 * afterwards.
 */
class AuditScopeBackfillIntegrationTests {

    private static final String LAST_VERSION_BEFORE = "1.035";

    private final String run = TestDatabase.randomName();
    private final RoleNames roles = RoleNames.withPrefix("lexvault_bf" + run);
    private final DatabaseServer server =
            TestDatabase.shared().server().withApplicationDatabase("lexvault_backfill_" + run);

    private final UUID firm = UUID.randomUUID();
    private final UUID openClient = UUID.randomUUID();
    private final UUID walledClient = UUID.randomUUID();
    private final UUID walledMatter = UUID.randomUUID();
    private final UUID clientsMatter = UUID.randomUUID();
    private final UUID document = UUID.randomUUID();
    private final UUID deletedDocument = UUID.randomUUID();
    private final UUID clientWall = UUID.randomUUID();
    private final UUID removedClientWall = UUID.randomUUID();

    @BeforeEach
    void databaseBeforeTheMigration() throws SQLException {
        try (var admin = server.maintenanceAdministrator().connect();
                var statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + roles.owner() + " NOLOGIN");
            statement.execute("CREATE ROLE " + roles.app() + " NOLOGIN");
            statement.execute("GRANT " + roles.owner() + " TO CURRENT_USER");
            statement.execute("CREATE DATABASE " + server.applicationDatabase() + " OWNER " + roles.owner()
                    + " ENCODING 'UTF8' TEMPLATE template0");
        }
        try (var admin = server.administrator().connect();
                var statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA lexvault AUTHORIZATION " + roles.owner());
            statement.execute("GRANT USAGE ON SCHEMA lexvault TO " + roles.app());
        }
        migrate(LAST_VERSION_BEFORE);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        try (var admin = server.maintenanceAdministrator().connect();
                var statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + server.applicationDatabase() + " WITH (FORCE)");
            statement.execute("DROP ROLE IF EXISTS " + roles.app());
            statement.execute("DROP ROLE IF EXISTS " + roles.owner());
        }
    }

    @Test
    void olderEventsGetTheMatterAndClientTheyAreAboutAndKeepTheirLeaves() throws SQLException {
        var expected = new HashMap<UUID, UUID[]>();
        inFirm(connection -> {
            execute(connection, "INSERT INTO tenants (id, name, slug) VALUES (?, 'Old firm', ?)", firm, "old-" + run);
            for (UUID client : new UUID[] {openClient, walledClient}) {
                execute(connection, "INSERT INTO clients (tenant_id, id, name) VALUES (?, ?, 'Client')", firm, client);
            }
            execute(
                    connection,
                    "INSERT INTO matters (tenant_id, id, client_id, number, title) VALUES (?, ?, ?, 'M-1', 'One')",
                    firm,
                    walledMatter,
                    openClient);
            execute(
                    connection,
                    "INSERT INTO matters (tenant_id, id, client_id, number, title) VALUES (?, ?, ?, 'M-2', 'Two')",
                    firm,
                    clientsMatter,
                    walledClient);
            execute(
                    connection,
                    "INSERT INTO documents (tenant_id, id, matter_id, client_id, title, current_version)"
                            + " VALUES (?, ?, ?, ?, 'Memo', 1)",
                    firm,
                    document,
                    walledMatter,
                    openClient);
            execute(
                    connection,
                    "INSERT INTO ethical_walls (tenant_id, id, client_id, reason, created_by) VALUES (?, ?, ?, 'r', ?)",
                    firm,
                    clientWall,
                    walledClient,
                    UUID.randomUUID());

            expected.put(
                    event(connection, "matter.opened", "matter", walledMatter, walledMatter, "{}"),
                    scope(walledMatter, openClient));
            expected.put(
                    event(connection, "client.created", "client", walledClient, null, "{}"), scope(null, walledClient));
            expected.put(
                    event(
                            connection,
                            "wall.created",
                            "wall",
                            clientWall,
                            null,
                            "{\"scope\":\"client\",\"client_id\":\"" + walledClient + "\"}"),
                    scope(null, walledClient));
            // A wall removed since: only its own events know its client.
            expected.put(
                    event(
                            connection,
                            "wall.removed",
                            "wall",
                            removedClientWall,
                            null,
                            "{\"scope\":\"client\",\"client_id\":\"" + walledClient + "\"}"),
                    scope(null, walledClient));
            expected.put(
                    event(connection, "document.access_denied", "document", document, null, "{\"exists\":\"true\"}"),
                    scope(walledMatter, openClient));
            // A document deleted since: its upload's event knows its matter.
            expected.put(
                    event(connection, "document.uploaded", "document", deletedDocument, walledMatter, "{}"),
                    scope(walledMatter, openClient));
            expected.put(
                    event(
                            connection,
                            "document.access_denied",
                            "document",
                            deletedDocument,
                            null,
                            "{\"exists\":\"true\"}"),
                    scope(walledMatter, openClient));
            expected.put(
                    event(
                            connection,
                            "audit.viewed",
                            null,
                            null,
                            null,
                            "{\"view\":\"timeline\",\"matter\":\"" + clientsMatter + "\"}"),
                    scope(clientsMatter, walledClient));
            expected.put(
                    event(
                            connection,
                            "audit.exported",
                            null,
                            null,
                            null,
                            "{\"format\":\"csv\",\"target\":\"" + document + "\"}"),
                    scope(walledMatter, openClient));
            expected.put(
                    event(connection, "sign_in.succeeded", "user", UUID.randomUUID(), null, "{}"), scope(null, null));
            expected.put(
                    event(
                            connection,
                            "matter.access_denied",
                            "matter",
                            UUID.randomUUID(),
                            null,
                            "{\"exists\":\"false\"}"),
                    scope(null, null));
            expected.put(
                    event(connection, "audit.viewed", null, null, null, "{\"matter\":\"not-an-id\",\"target\":\"12\"}"),
                    scope(null, null));
        });
        var leavesBefore = recordedFields();

        migrate(null);

        inFirm(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT id, scope_matter_id, client_id FROM audit_events WHERE tenant_id = ?")) {
                query.setObject(1, firm);
                try (var rows = query.executeQuery()) {
                    var found = new HashMap<UUID, UUID[]>();
                    while (rows.next()) {
                        found.put(
                                rows.getObject("id", UUID.class),
                                scope(
                                        rows.getObject("scope_matter_id", UUID.class),
                                        rows.getObject("client_id", UUID.class)));
                    }
                    assertThat(found.keySet()).isEqualTo(expected.keySet());
                    expected.forEach((id, scope) ->
                            assertThat(found.get(id)).as("event %s", id).containsExactly(scope));
                }
            }
        });
        // Append-only again: the trigger lifted for the back-fill is back.
        assertThatThrownBy(() -> inFirm(connection ->
                        execute(connection, "UPDATE audit_events SET client_id = NULL WHERE tenant_id = ?", firm)))
                .hasMessageContaining("append-only");
        assertThat(recordedFields()).as("everything a leaf is made of").isEqualTo(leavesBefore);
        try (var admin = server.administrator().connect();
                var query = admin.prepareStatement("""
                        SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'lexvault' AND c.relkind = 'r' AND c.relrowsecurity
                           AND NOT c.relforcerowsecurity
                        """);
                var rows = query.executeQuery()) {
            rows.next();
            assertThat(rows.getLong(1))
                    .as("tables left without forced row-level security")
                    .isZero();
        }
    }

    /** Every column of the firm's events but the two the migration adds, as text. */
    private Map<UUID, String> recordedFields() throws SQLException {
        var fields = new HashMap<UUID, String>();
        inFirm(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT id, (to_jsonb(e) - 'client_id' - 'scope_matter_id')::text FROM audit_events e"
                            + " WHERE tenant_id = ?")) {
                query.setObject(1, firm);
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        fields.put(rows.getObject(1, UUID.class), rows.getString(2));
                    }
                }
            }
        });
        return fields;
    }

    private UUID event(
            Connection connection,
            String action,
            @Nullable String targetType,
            @Nullable UUID target,
            @Nullable UUID matter,
            String details)
            throws SQLException {
        UUID id = UUID.randomUUID();
        execute(
                connection,
                "INSERT INTO audit_events (tenant_id, id, occurred_at, actor_type, action, outcome, target_type,"
                        + " target_id, matter_id, details) VALUES (?, ?, now(), 'system', ?, 'success', ?, ?, ?,"
                        + " CAST(? AS jsonb))",
                firm,
                id,
                action,
                targetType,
                target,
                matter,
                details);
        return id;
    }

    private static UUID[] scope(@Nullable UUID matter, @Nullable UUID client) {
        return new UUID[] {matter, client};
    }

    private interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** As the owner role, bound to the firm exactly as the application binds a transaction. */
    private void inFirm(Work work) throws SQLException {
        try (var connection = server.administrator().connect()) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("SET LOCAL ROLE " + roles.owner());
                statement.execute("SET LOCAL search_path = lexvault");
            }
            try (var bind = connection.prepareStatement("SELECT set_config('lexvault.tenant_id', ?, true),"
                    + " set_config('lexvault.context_started',"
                    + " ((extract(epoch FROM now()) * 1000000)::bigint)::text, true)")) {
                bind.setString(1, firm.toString());
                bind.execute();
            }
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void execute(Connection connection, String sql, @Nullable Object... values) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.execute();
        }
    }

    private void migrate(@Nullable String target) {
        var flyway = Flyway.configure()
                .dataSource(
                        server.administrator().jdbcUrl(),
                        server.administrator().user(),
                        server.administrator().password())
                .initSql("SET ROLE \"" + roles.owner() + "\"")
                .schemas("lexvault")
                .defaultSchema("lexvault")
                .createSchemas(false)
                .locations("classpath:db/migration")
                .placeholders(Map.of("appRole", "\"" + roles.app() + "\"", "ownerRole", "\"" + roles.owner() + "\""));
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }
}
