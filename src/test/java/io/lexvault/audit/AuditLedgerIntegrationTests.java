package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.TenantSettings;
import io.lexvault.testsupport.AuditLogTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/** The audit log's events: written with their action, in their firm, and never changed afterwards. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditLedgerIntegrationTests extends AuditLogTest {

    private static final String BIND = "SELECT set_config('lexvault.tenant_id', ?, true),"
            + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true)";

    @Autowired
    AuditLedger ledger;

    @Autowired
    TenantSettings settings;

    private long events(TenantId firm, String action) {
        return TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql(
                                "SELECT count(*) FROM lexvault.audit_events WHERE tenant_id = :t AND action = :a")
                        .param("t", firm.value())
                        .param("a", action)
                        .query(Long.class)
                        .single()));
    }

    @Test
    void signInsThatSucceedAndFailAreInTheFirmsLogWithoutWhatWasTyped() throws Exception {
        var person = People.aPerson(accounts, aFirm("Audit"));
        assertThat(events(person.firm(), "account.created")).isEqualTo(1);
        mvc.perform(post("/login")
                .param("email", person.email())
                .param("password", "wrong one")
                .with(csrf()));
        mvc.perform(post("/login")
                .param("email", person.email())
                .param("password", person.password())
                .with(csrf()));
        assertThat(events(person.firm(), "sign_in.failed")).isEqualTo(1);
        assertThat(events(person.firm(), "sign_in.succeeded")).isEqualTo(1);
        var details = TenantContext.callAs(
                person.firm(),
                null,
                () -> transactions.execute(status -> jdbc.sql(
                                "SELECT details::text FROM lexvault.audit_events WHERE tenant_id = :t AND action = 'sign_in.failed'")
                        .param("t", person.firm().value())
                        .query(String.class)
                        .single()));
        assertThat(details).contains("wrong_password").doesNotContain("wrong one", person.email());
    }

    @Test
    void anActionWhoseEventCannotBeWrittenDoesNotHappen() {
        var firm = aFirm("Audit");
        String tooLarge = "x".repeat(5000);
        assertThatThrownBy(() -> TenantContext.runAs(
                        firm,
                        null,
                        () -> transactions.executeWithoutResult(status -> {
                            settings.put("audit.test", "changed");
                            ledger.append(AuditRecord.bySystem(
                                    AuditAction.FIRM_SETTINGS_CHANGED, Instant.now(), Map.of("note", tooLarge)));
                        })))
                .isInstanceOf(RuntimeException.class);
        assertThat(TenantContext.callAs(firm, null, () -> settings.get("audit.test")))
                .isEmpty();
    }

    @Test
    void theLogCannotBeChangedOrEmptiedByTheRuntimeRoleOrEvenASuperuser() throws Exception {
        var person = People.aPerson(accounts, aFirm("Audit"));
        var runtime = TestDatabase.shared().runtime();
        for (String change : new String[] {
            "UPDATE lexvault.audit_events SET action = 'account.deactivated'",
            "DELETE FROM lexvault.audit_events",
            "TRUNCATE lexvault.audit_events"
        }) {
            try (var connection = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password())) {
                connection.setAutoCommit(false);
                try (var bind = connection.prepareStatement(BIND)) {
                    bind.setString(1, person.firm().toString());
                    bind.execute();
                }
                try (var statement = connection.createStatement()) {
                    assertThatThrownBy(() -> statement.execute(change))
                            .as(change)
                            .isInstanceOf(SQLException.class);
                }
                connection.rollback();
            }
        }
        try (var admin = TestDatabase.shared().administrator().connect();
                var statement = admin.createStatement()) {
            assertThatThrownBy(() -> statement.execute(
                            "UPDATE lexvault.audit_events SET action = 'account.deactivated' WHERE tenant_id = '"
                                    + person.firm() + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> statement.execute(
                            "DELETE FROM lexvault.audit_events WHERE tenant_id = '" + person.firm() + "'"))
                    .hasMessageContaining("append-only");
        }
        assertThat(events(person.firm(), "account.created")).isEqualTo(1);
    }

    @Test
    void anotherFirmsEventsAreInvisible() {
        var a = People.aPerson(accounts, aFirm("A"));
        var b = People.aPerson(accounts, aFirm("B"));
        long seenFromA = TenantContext.callAs(
                a.firm(),
                null,
                () -> transactions.execute(
                        status -> jdbc.sql("SELECT count(*) FROM lexvault.audit_events WHERE target_id = :b")
                                .param("b", b.id().value())
                                .query(Long.class)
                                .single()));
        assertThat(seenFromA).isZero();
        assertThat(events(b.firm(), "account.created")).isEqualTo(1);
    }

    @Test
    void aRefusalForAnUnknownAddressGoesToTheServersOwnLogAndStaysThere() throws Exception {
        String marker = "agent-" + TestDatabase.randomName();
        mvc.perform(post("/login")
                .param("email", "nobody-" + TestDatabase.randomName() + "@firm.example")
                .param("password", "whatever it is")
                .header("User-Agent", marker)
                .with(csrf()));
        long recorded = transactions.execute(status -> jdbc.sql(
                        "SELECT count(*) FROM lexvault.audit_server_events WHERE action = 'sign_in.failed' AND user_agent = :ua")
                .param("ua", marker)
                .query(Long.class)
                .single());
        assertThat(recorded).isEqualTo(1);
        try (var admin = TestDatabase.shared().administrator().connect();
                var statement = admin.createStatement()) {
            assertThatThrownBy(() -> statement.execute(
                            "DELETE FROM lexvault.audit_server_events WHERE user_agent = '" + marker + "'"))
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void theCatalogueNamesAtLeastFiftyActionsEachOnce() {
        assertThat(AuditAction.values()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(Arrays.stream(AuditAction.values())
                        .map(AuditAction::key)
                        .distinct()
                        .count())
                .isEqualTo(AuditAction.values().length);
    }
}
