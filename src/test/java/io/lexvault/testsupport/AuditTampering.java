package io.lexvault.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.tenancy.TenantId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * What someone with full control of the database can do to a firm's audit log: statements as a
 * superuser with the append-only triggers switched off. For tests that show the tampering is found.
 */
public final class AuditTampering {

    private AuditTampering() {}

    /** Work on the superuser's connection. */
    public interface Tampering {
        void on(Connection superuser) throws SQLException;
    }

    /** As a database superuser with the append-only triggers switched off, as an attacker would. */
    public static void tamper(Tampering tampering) throws SQLException {
        try (var connection = TestDatabase.shared().administrator().connect()) {
            try (var statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica"); // the triggers no longer fire
            }
            tampering.on(connection);
        }
    }

    /** The id of the event at leaf {@code index} of the firm's log (the leaf must exist). */
    public static UUID eventAt(Connection connection, TenantId firm, long index) throws SQLException {
        try (var statement = connection.prepareStatement(
                "SELECT event_id FROM lexvault.audit_leaves WHERE tenant_id = ? AND leaf_index = ?")) {
            statement.setObject(1, firm.value());
            statement.setLong(2, index);
            try (var row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getObject(1, UUID.class);
            }
        }
    }

    /** Runs the statement with its one parameter (a firm stands for its id); it must change something. */
    public static void update(Connection connection, String sql, Object parameter) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter instanceof TenantId tenant ? tenant.value() : parameter);
            assertThat(statement.executeUpdate()).as(sql).isPositive();
        }
    }
}
