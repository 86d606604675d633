package io.lexvault.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lexvault.tenancy.internal.TenantScopedTransactionManager;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database wall on its own: raw SQL as the runtime role, with statements that deliberately omit
 * the tenant_id predicate, must still see and touch only the bound firm's rows.
 */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class TenantIsolationIntegrationTests extends FirmTest {

    private static HikariDataSource singleConnectionPool;

    @Autowired
    TenantSettings settings;

    TenantId firmA;
    TenantId firmB;

    @BeforeAll
    static void openSingleConnectionPool() {
        var runtime = TestDatabase.shared().runtime();
        var config = new HikariConfig();
        config.setJdbcUrl(runtime.jdbcUrl());
        config.setUsername(runtime.user());
        config.setPassword(runtime.password());
        config.setMaximumPoolSize(1);
        config.setPoolName("single-connection");
        singleConnectionPool = new HikariDataSource(config);
    }

    @AfterAll
    static void closePool() {
        singleConnectionPool.close();
    }

    @BeforeEach
    void twoFirmsWithSettings() {
        firmA = Firms.aFirm(tenants, "Alpha LLP");
        firmB = Firms.aFirm(tenants, "Beta LLP");
        TenantContext.runAs(firmA, null, () -> settings.put("secret.a", "alpha-only"));
        TenantContext.runAs(firmB, null, () -> settings.put("secret.b", "beta-only"));
    }

    @Test
    void noTenantBoundSeesNoRows() {
        var jdbc = JdbcClient.create(singleConnectionPool);
        var transactions = transactions();
        Long visible = transactions.execute(status -> jdbc.sql("SELECT count(*) FROM tenant_settings")
                .query(Long.class)
                .single());
        Long firms = transactions.execute(status ->
                jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single());
        assertThat(visible).isZero();
        assertThat(firms).isZero();
        // Outside any transaction (autocommit) nothing was ever set either.
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_settings")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void facadeRefusesToWorkWithoutTenant() {
        assertThatThrownBy(() -> settings.get("secret.a")).isInstanceOf(NoTenantBoundException.class);
    }

    @Test
    void firmSeesOnlyItsOwnRowsEvenWithoutTenantPredicate() {
        List<String> seenByA = asTenant(
                firmA,
                jdbc -> jdbc.sql("SELECT value FROM tenant_settings ORDER BY value")
                        .query(String.class)
                        .list());
        assertThat(seenByA).containsExactly("alpha-only");
        List<UUID> firmsSeenByA = asTenant(
                firmA,
                jdbc -> jdbc.sql("SELECT id FROM tenants").query(UUID.class).list());
        assertThat(firmsSeenByA).containsExactly(firmA.value());
    }

    @Test
    void firmCannotUpdateOrDeleteAnotherFirmsRows() {
        int updated = asTenant(
                firmA,
                jdbc -> jdbc.sql("UPDATE tenant_settings SET value = 'pwned' WHERE name = 'secret.b'")
                        .update());
        int deleted = asTenant(
                firmA,
                jdbc -> jdbc.sql("DELETE FROM tenant_settings WHERE name = 'secret.b'")
                        .update());
        assertThat(updated).isZero();
        assertThat(deleted).isZero();
        assertThat(TenantContext.callAs(firmB, null, () -> settings.get("secret.b")))
                .contains("beta-only");
    }

    @Test
    void firmCannotInsertRowsForAnotherFirm() {
        assertThatThrownBy(() -> asTenant(
                        firmA,
                        jdbc -> jdbc.sql(
                                        "INSERT INTO tenant_settings (tenant_id, name, value) VALUES (:other, 'planted', 'x')")
                                .param("other", firmB.value())
                                .update()))
                .rootCause()
                .hasMessageContaining("violates row-level security policy");
    }

    @Test
    void firmCannotMoveItsRowsIntoAnotherFirm() {
        assertThatThrownBy(() -> asTenant(
                        firmA,
                        jdbc -> jdbc.sql("UPDATE tenant_settings SET tenant_id = :other WHERE name = 'secret.a'")
                                .param("other", firmB.value())
                                .update()))
                .rootCause()
                .hasMessageContaining("violates row-level security policy");
    }

    @Test
    void runtimeRoleCannotSwitchRowSecurityOffOrBecomeTheOwner() throws SQLException {
        try (Connection connection = TestDatabase.shared().runtime().connect();
                var statement = connection.createStatement()) {
            statement.execute("SET row_security = off");
            // With row_security off, PostgreSQL raises an error instead of returning unfiltered rows.
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM tenant_settings"))
                    .hasMessageContaining("row-level security");
            statement.execute("RESET row_security");
            assertThatThrownBy(() -> statement.execute(
                            "SET ROLE " + TestDatabase.shared().roles().owner()))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> statement.execute("ALTER TABLE tenant_settings DISABLE ROW LEVEL SECURITY"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.execute("DROP POLICY tenant_isolation ON tenant_settings"))
                    .hasMessageContaining("must be owner");
            assertThatThrownBy(() -> statement.execute("INSERT INTO tenants (id, name, slug) VALUES"
                            + " (gen_random_uuid(), 'Rogue', 'rogue-" + TestDatabase.randomName() + "')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void sessionLevelTenantSettingLeaksNeitherIntoTransactionsNorIntoAutocommit() {
        var jdbc = JdbcClient.create(singleConnectionPool);
        try {
            // Someone sets the whole context for the session on the only pooled connection...
            jdbc.sql("SELECT set_config('lexvault.tenant_id', :tenant, false),"
                            + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text,"
                            + " false)")
                    .param("tenant", firmA.toString())
                    .query((row, n) -> n)
                    .single();
            // ...a later autocommit query on that connection still sees nothing: the setting belongs
            // to the statement that made it, not to this one...
            assertThat(jdbc.sql("SELECT count(*) FROM tenant_settings")
                            .query(Long.class)
                            .single())
                    .isZero();
            // ...and neither does a transaction without a bound tenant, which overwrites it.
            Long visible = transactions()
                    .execute(status -> jdbc.sql("SELECT count(*) FROM tenant_settings")
                            .query(Long.class)
                            .single());
            assertThat(visible).isZero();
        } finally {
            jdbc.sql("RESET lexvault.tenant_id").update();
            jdbc.sql("RESET lexvault.context_started").update();
        }
    }

    @Test
    void singlePooledConnectionServingInterleavedFirmsNeverLeaksContext() {
        for (int round = 0; round < 20; round++) {
            TenantId firm = round % 3 == 0 ? firmA : firmB;
            List<String> seen = asTenant(
                    firm,
                    jdbc -> jdbc.sql("SELECT value FROM tenant_settings")
                            .query(String.class)
                            .list());
            assertThat(seen).containsExactly(firm.equals(firmA) ? "alpha-only" : "beta-only");
            // After each firm's transaction, one without a tenant on the same connection sees nothing.
            Long leaked = transactions()
                    .execute(status -> JdbcClient.create(singleConnectionPool)
                            .sql("SELECT count(*) FROM tenant_settings")
                            .query(Long.class)
                            .single());
            assertThat(leaked).isZero();
        }
        // The pool really had a single connection: every transaction above reused it.
        assertThat(singleConnectionPool.getHikariPoolMXBean().getTotalConnections())
                .isEqualTo(1);
    }

    @Test
    void rolledBackTransactionLeavesNoContextBehind() {
        var jdbc = JdbcClient.create(singleConnectionPool);
        assertThatThrownBy(() -> TenantContext.runAs(
                        firmA,
                        null,
                        () -> transactions().executeWithoutResult(status -> {
                            jdbc.sql("SELECT count(*) FROM tenant_settings")
                                    .query(Long.class)
                                    .single();
                            throw new IllegalStateException("boom");
                        })))
                .hasMessage("boom");
        String after = jdbc.sql("SELECT coalesce(current_setting('lexvault.tenant_id', true), '')")
                .query(String.class)
                .single();
        assertThat(after).isEmpty();
    }

    @Test
    void bindingInsideARunningTransactionIsRefused() {
        assertThatThrownBy(
                        () -> transactions().executeWithoutResult(status -> TenantContext.runAs(firmA, null, () -> {})))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void actingUserReachesTheDatabase() {
        UUID user = UUID.randomUUID();
        UUID seen = TenantContext.callAs(
                firmA,
                user,
                () -> transactions()
                        .execute(status -> JdbcClient.create(singleConnectionPool)
                                .sql("SELECT lexvault.current_user_id()")
                                .query(UUID.class)
                                .single()));
        assertThat(seen).isEqualTo(user);
    }

    private static TransactionTemplate transactions() {
        return new TransactionTemplate(new TenantScopedTransactionManager(singleConnectionPool));
    }

    private static <T> T asTenant(TenantId tenant, java.util.function.Function<JdbcClient, T> work) {
        var jdbc = JdbcClient.create(singleConnectionPool);
        return TenantContext.callAs(tenant, null, () -> transactions().execute(status -> work.apply(jdbc)));
    }
}
