package io.lexvault.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.internal.TenantScopedTransactionManager;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raw SQL as the runtime role, outside the application: the probes that show a wall holds in the
 * database itself, whatever the Java code does. {@link #as} runs in a transaction whose tenant and
 * acting user are bound exactly as the application binds them; {@link #unbound()} binds nothing.
 */
public final class RuntimeRoleSql implements AutoCloseable {

    private final HikariDataSource pool;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    private RuntimeRoleSql(HikariDataSource pool) {
        this.pool = pool;
        this.jdbc = JdbcClient.create(pool);
        this.transactions = new TransactionTemplate(new TenantScopedTransactionManager(pool));
    }

    /** A small pool of the shared test database's runtime role; close it after the test class. */
    public static RuntimeRoleSql open(String poolName) {
        var runtime = TestDatabase.shared().runtime();
        var config = new HikariConfig();
        config.setJdbcUrl(runtime.jdbcUrl());
        config.setUsername(runtime.user());
        config.setPassword(runtime.password());
        config.setMaximumPoolSize(2);
        config.setPoolName(poolName);
        return new RuntimeRoleSql(new HikariDataSource(config));
    }

    /** Statements with no firm and no acting user bound (each in its own transaction). */
    public JdbcClient unbound() {
        return jdbc;
    }

    /** {@code work} in one transaction, with the firm (if any) and the acting user (if any) bound. */
    public <T> T as(@Nullable TenantId tenant, People.@Nullable Person person, Function<JdbcClient, T> work) {
        if (tenant == null) {
            return transactions.execute(status -> work.apply(jdbc));
        }
        return TenantContext.callAs(
                tenant,
                person == null ? null : person.id().value(),
                () -> transactions.execute(status -> work.apply(jdbc)));
    }

    /** {@code SELECT count(*) ...} with named parameters, run as {@link #as} runs it. */
    public long count(@Nullable TenantId tenant, People.@Nullable Person person, String sql, Map<String, ?> params) {
        return as(
                tenant,
                person,
                jdbc -> jdbc.sql(sql).params(params).query(Long.class).single());
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A pool for one test class: {@code @RegisterExtension static final RuntimeRoleSql.PerClass runtimeSql = ...}. */
    public static PerClass perClass(String poolName) {
        return new PerClass(poolName);
    }

    /** Opens the pool before the class's first test and closes it after its last. */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {

        private final String poolName;
        private @Nullable RuntimeRoleSql sql;

        private PerClass(String poolName) {
            this.poolName = poolName;
        }

        @Override
        public void beforeAll(ExtensionContext context) {
            sql = open(poolName);
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (sql != null) {
                sql.close();
                sql = null;
            }
        }

        /** As {@link RuntimeRoleSql#unbound}. */
        public JdbcClient unbound() {
            return opened().unbound();
        }

        /** As {@link RuntimeRoleSql#as}. */
        public <T> T as(@Nullable TenantId tenant, People.@Nullable Person person, Function<JdbcClient, T> work) {
            return opened().as(tenant, person, work);
        }

        /** As {@link RuntimeRoleSql#count}. */
        public long count(
                @Nullable TenantId tenant, People.@Nullable Person person, String sql, Map<String, ?> params) {
            return opened().count(tenant, person, sql, params);
        }

        private RuntimeRoleSql opened() {
            if (sql == null) {
                throw new IllegalStateException(
                        "The runtime-role pool " + poolName + " is open only while its class runs");
            }
            return sql;
        }
    }
}
