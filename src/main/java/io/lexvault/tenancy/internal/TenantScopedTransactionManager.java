package io.lexvault.tenancy.internal;

import io.lexvault.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * The one place where the tenant context reaches PostgreSQL: at the start of every transaction, the
 * bound firm and acting user become transaction-local settings that the row-level security policies
 * read.
 *
 * <p>Both settings are written on every transaction, empty when nothing is bound. Being
 * transaction-local ({@code set_config(..., true)}) they vanish at commit or rollback, so a pooled
 * connection cannot carry one firm's context into the next borrower's transaction; writing the empty
 * value also overrides a session-level value anyone may have left behind. Outside transactions
 * (autocommit) the database ignores any leftover value: the settings count only in the transaction
 * that set them.
 */
public class TenantScopedTransactionManager extends JdbcTransactionManager {

    /** The third setting ties the other two to this transaction (see lexvault.context_is_current()). */
    static final String APPLY_CONTEXT = "SELECT set_config('lexvault.tenant_id', ?, true),"
            + " set_config('lexvault.user_id', ?, true),"
            + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true)";

    public TenantScopedTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        var binding = TenantContext.current();
        try (var statement = connection.prepareStatement(APPLY_CONTEXT)) {
            statement.setString(1, binding.map(b -> b.tenant().toString()).orElse(""));
            statement.setString(
                    2,
                    binding.map(TenantContext.Binding::actingUser)
                            .map(UUID::toString)
                            .orElse(""));
            statement.execute();
        }
    }
}
