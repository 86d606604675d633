package io.lexvault.testsupport;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** What the database itself says a person may do: the permission check row-level security uses. */
public final class DatabasePermissions {

    private DatabasePermissions() {}

    /** {@code lexvault.acting_user_holds(permission)}, with the firm and the person bound as the application binds them. */
    public static boolean holds(
            JdbcClient jdbc, TransactionTemplate transactions, TenantId firm, People.Person person, String permission) {
        return TenantContext.callAs(
                firm,
                person.id().value(),
                () -> transactions.execute(status -> jdbc.sql("SELECT lexvault.acting_user_holds(:permission)")
                        .param("permission", permission)
                        .query(Boolean.class)
                        .single()));
    }
}
