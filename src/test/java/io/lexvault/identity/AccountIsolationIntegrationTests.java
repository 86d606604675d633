package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.sql.DriverManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** Accounts belong to one firm: the facade, and PostgreSQL underneath it, show no other firm's. */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AccountIsolationIntegrationTests extends FirmTest {

    @Test
    void anotherFirmsAccountIsNotFoundThroughTheFacade() {
        var a = People.aPerson(accounts, aFirm("A"));
        var b = People.aPerson(accounts, aFirm("B"));
        TenantContext.runAs(a.firm(), a.id().value(), () -> {
            assertThat(accounts.find(b.id())).isEmpty();
            assertThat(accounts.findByEmail(b.email())).isEmpty();
            assertThat(accounts.find(a.id())).isPresent();
        });
    }

    @Test
    void noFirmBoundMeansNoAccounts() {
        assertThatThrownBy(() -> accounts.find(UserId.random()))
                .isInstanceOf(io.lexvault.tenancy.NoTenantBoundException.class);
    }

    @Test
    void anAddressCannotBeRegisteredTwiceEvenInAnotherFirm() {
        var a = People.aPerson(accounts, aFirm("A"));
        var other = aFirm("B");
        assertThatThrownBy(() -> TenantContext.runAs(
                        other,
                        null,
                        () -> accounts.create(a.email().toUpperCase(java.util.Locale.ROOT), "Copy", People.PASSWORD)))
                .isInstanceOf(EmailTakenException.class);
    }

    @Test
    void runtimeRoleSeesOnlyTheBoundFirmsAccountsWithDirectSql() throws Exception {
        var a = People.aPerson(accounts, aFirm("A"));
        var b = People.aPerson(accounts, aFirm("B"));
        var runtime = TestDatabase.shared().runtime();
        try (var connection = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password())) {
            connection.setAutoCommit(false);
            try (var bind = connection.prepareStatement(
                    "SELECT set_config('lexvault.tenant_id', ?, true),"
                            + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true)")) {
                bind.setString(1, a.firm().toString());
                bind.execute();
            }
            try (var query = connection.createStatement();
                    var rows = query.executeQuery("SELECT id, password_hash FROM lexvault.users")) {
                int seen = 0;
                while (rows.next()) {
                    seen++;
                    assertThat(rows.getObject("id", UUID.class)).isNotEqualTo(b.id().value());
                }
                assertThat(seen).isEqualTo(1);
            }
            try (var update = connection.prepareStatement(
                    "UPDATE lexvault.users SET password_hash = 'x', failed_sign_ins = 0 WHERE id = ?")) {
                update.setObject(1, b.id().value());
                assertThat(update.executeUpdate())
                        .as("B's account cannot be changed from A")
                        .isZero();
            }
            connection.rollback();
        }
    }

    @Test
    void theTenantlessSignInLookupRevealsOnlyWhereAnAccountLives() throws Exception {
        var a = People.aPerson(accounts, aFirm("A"));
        var runtime = TestDatabase.shared().runtime();
        try (var connection = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password());
                var lookup = connection.prepareStatement("SELECT * FROM lexvault.find_sign_in(?)")) {
            lookup.setString(1, a.email());
            try (var rows = lookup.executeQuery()) {
                assertThat(rows.getMetaData().getColumnCount()).isEqualTo(2);
                assertThat(rows.next()).isTrue();
                assertThat(rows.getObject("tenant_id", UUID.class))
                        .isEqualTo(a.firm().value());
                assertThat(rows.getObject("user_id", UUID.class)).isEqualTo(a.id().value());
            }
            try (var query = connection.createStatement();
                    var rows = query.executeQuery("SELECT count(*) FROM lexvault.users")) {
                rows.next();
                assertThat(rows.getLong(1)).as("no firm bound: no accounts").isZero();
            }
        }
    }
}
