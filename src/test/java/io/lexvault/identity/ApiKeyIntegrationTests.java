package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.lexvault.access.BuiltInRole;
import io.lexvault.identity.internal.ServerKeyedHash;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.MutableClockConfiguration;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.SecurityEventRecorder;
import io.lexvault.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;

/** API keys: made once, stored only as an HMAC, limited to their owner's current permissions. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
// The recorder is unused here; importing it too lets this class share the sign-in tests' context.
@Import({MutableClockConfiguration.class, SecurityEventRecorder.class})
class ApiKeyIntegrationTests extends FirmWebTest {

    @Autowired
    ApiKeys apiKeys;

    private Person anAttorney() {
        var person = People.aPerson(accounts, aFirm("Keys"));
        TenantContext.runAs(person.firm(), null, () -> roles.assign(person.id(), BuiltInRole.ATTORNEY));
        return person;
    }

    private CreatedApiKey keyFor(Person person, List<String> scopes) {
        return TenantContext.callAs(
                person.firm(),
                person.id().value(),
                () -> apiKeys.create(person.id(), "test", scopes, Duration.ofDays(30)));
    }

    @Test
    void keyCallsTheApiAsItsOwnerWithItsScopesOnly() throws Exception {
        var person = anAttorney();
        var key = keyFor(person, List.of("matters.read", "documents.read"));
        assertThat(key.secret()).matches("lvk_[0-9A-Za-z]{43}");
        var me = call(key.secret());
        assertThat(me.getStatus()).isEqualTo(200);
        assertThat(me.getContentAsString())
                .contains("\"id\":\"" + person.id() + "\"")
                .contains("\"authenticatedBy\":\"api_key\"")
                .contains("\"apiKeyId\":\"" + key.key().id() + "\"")
                .contains("\"permissions\":[\"documents.read\",\"matters.read\"]")
                .contains("\"roles\":[\"attorney\"]");
        assertThat(me.getCookies()).as("no session for key calls").isEmpty();
    }

    @Test
    void keyIsNeverStoredInClear() throws Exception {
        var person = anAttorney();
        var key = keyFor(person, List.of("matters.read"));
        String body = key.secret().substring(ServerKeyedHash.PREFIX.length());
        String hex = HexFormat.of().formatHex(key.secret().getBytes(StandardCharsets.US_ASCII));
        var admin = TestDatabase.shared().administrator();
        try (var connection = admin.connect();
                var statement = connection.createStatement()) {
            var tables = new ArrayList<String>();
            try (var rows = statement.executeQuery(
                    "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'lexvault'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("lexvault.api_keys");
            for (String table : tables) {
                try (var rows = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rows.next()) {
                        assertThat(rows.getString(1))
                                .as(table)
                                .doesNotContain(body)
                                .doesNotContain(hex);
                    }
                }
            }
        }
    }

    @Test
    void revokedOrExpiredKeyIsRefusedWithProblemDetails() throws Exception {
        var person = anAttorney();
        var revoked = keyFor(person, List.of("matters.read"));
        var expiring = keyFor(person, List.of("matters.read"));
        TenantContext.runAs(
                person.firm(),
                person.id().value(),
                () -> apiKeys.revoke(person.id(), revoked.key().id()));
        var refused = call(revoked.secret());
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(call(expiring.secret()).getStatus()).isEqualTo(200);
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThat(call(expiring.secret()).getStatus()).isEqualTo(401);
    }

    @Test
    void keyCannotCarryAPermissionItsOwnerLacks() {
        var person = anAttorney();
        assertThatThrownBy(() -> keyFor(person, List.of("matters.read", "audit.read")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("audit.read");
    }

    @Test
    void userWithoutTheCreatePermissionCannotMakeKeys() {
        var person = People.aPerson(accounts, aFirm("Keys"));
        TenantContext.runAs(person.firm(), null, () -> roles.assign(person.id(), BuiltInRole.STAFF));
        assertThatThrownBy(() -> keyFor(person, List.of("matters.read"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void takingARoleFromTheOwnerShrinksTheKeyOnItsNextRequest() throws Exception {
        var person = anAttorney();
        TenantContext.runAs(person.firm(), null, () -> roles.assign(person.id(), BuiltInRole.PARALEGAL));
        var key = keyFor(person, List.of("matters.read", "matters.create"));
        assertThat(call(key.secret()).getContentAsString())
                .contains("\"permissions\":[\"matters.create\",\"matters.read\"]");
        TenantContext.runAs(person.firm(), null, () -> roles.remove(person.id(), BuiltInRole.ATTORNEY));
        assertThat(call(key.secret()).getContentAsString()).contains("\"permissions\":[\"matters.read\"]");
    }

    @Test
    void badBearerIsRefusedEvenWithAValidSessionAlongside() throws Exception {
        var person = anAttorney();
        var session = MockSignIn.sessionOf(MockSignIn.signIn(mvc, person.email(), person.password()));
        for (String bearer : new String[] {"lvk_" + "A".repeat(43), "not-a-key", "lvk_short", ""}) {
            var response = mvc.perform(get("/api/v1/me")
                            .cookie(session)
                            .header("Authorization", "Bearer " + bearer)
                            .with(MockSignIn.fromNewAddress()))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(bearer).isEqualTo(401);
        }
        assertThat(mvc.perform(get("/api/v1/me").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void manyWrongKeysFromOneAddressAreThrottled() throws Exception {
        String address = "192.0.2." + (1 + (int) (Math.random() * 250));
        int lastStatus = 0;
        for (int i = 0; i < 31; i++) {
            lastStatus = mvc.perform(get("/api/v1/me")
                            .header("Authorization", "Bearer " + ServerKeyedHash.newKey())
                            .with(request -> {
                                request.setRemoteAddr(address);
                                return request;
                            }))
                    .andReturn()
                    .getResponse()
                    .getStatus();
        }
        assertThat(lastStatus).isEqualTo(429);
    }

    @Test
    void runtimeRoleCanFindAKeyOnlyByItsHmac() throws Exception {
        var person = anAttorney();
        keyFor(person, List.of("matters.read"));
        var runtime = TestDatabase.shared().runtime();
        try (var connection = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password());
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM lexvault.api_keys")) {
            rows.next();
            assertThat(rows.getLong(1)).as("no firm bound: no keys").isZero();
        }
    }

    private MockHttpServletResponse call(String key) throws Exception {
        return mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer " + key)
                        .with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse();
    }
}
