package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.DatabasePermissions;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.People;
import java.util.Arrays;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database's copy of what built-in roles allow (read by row-level security) is exactly what the
 * code says, and {@code lexvault.acting_user_holds} answers for the acting user of the transaction.
 */
// MockMvc and the throttle setting go unused here; declaring them lets this class share the web tests' context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class BuiltInRolePermissionsMirrorTests extends FirmTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theDatabaseMirrorsTheBuiltInRolesOfTheCode() {
        var inCode = new TreeSet<String>();
        Arrays.stream(BuiltInRole.values())
                .forEach(role -> role.permissions().forEach(p -> inCode.add(role.key() + " " + p.key())));
        var inDatabase =
                new TreeSet<>(jdbc.sql("SELECT role || ' ' || permission FROM lexvault.built_in_role_permissions")
                        .query(String.class)
                        .list());
        assertThat(inDatabase)
                .as("a change to BuiltInRole needs a migration that updates lexvault.built_in_role_permissions")
                .isEqualTo(inCode);
    }

    @Test
    void theActingUserHoldsWhatTheirRolesGiveInTheirOwnFirmOnly() {
        var firm = aFirm("Mirror");
        var other = aFirm("Mirror");
        var administrator = People.aPerson(accounts, firm);
        var attorney = People.aPerson(accounts, firm);
        TenantContext.runAs(firm, null, () -> {
            roles.assign(administrator.id(), BuiltInRole.ADMINISTRATOR);
            roles.assign(attorney.id(), BuiltInRole.ATTORNEY);
        });
        assertThat(holds(firm, administrator, "matters.read.all")).isTrue();
        assertThat(holds(firm, attorney, "matters.read.all")).isFalse();
        assertThat(holds(firm, attorney, "matters.read")).isTrue();
        assertThat(holds(other, administrator, "matters.read.all"))
                .as("bound to another firm, the administrator holds nothing there")
                .isFalse();
        Boolean withoutUser = TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql("SELECT lexvault.acting_user_holds('matters.read.all')")
                        .query(Boolean.class)
                        .single()));
        assertThat(withoutUser).as("no acting user, no permission").isFalse();
    }

    private boolean holds(io.lexvault.tenancy.TenantId firm, People.Person person, String permission) {
        return DatabasePermissions.holds(jdbc, transactions, firm, person, permission);
    }
}
