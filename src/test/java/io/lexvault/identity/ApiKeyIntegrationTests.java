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
    void throttledAddressIsRefusedEvenWithAGoodKey() throws Exception {
        // The refusal bucket is read before the key is checked any further: a blocked guesser must
        // not learn that a guess was right from a 200 among the 429s.
        var key = keyFor(anAttorney(), List.of("matters.read"));
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 30; i++) {
            assertThat(callFrom(address, ServerKeyedHash.newKey()).getStatus()).isEqualTo(401);
        }
        var blocked = callFrom(address, key.secret());
        assertThat(blocked.getStatus()).isEqualTo(429);
        assertThat(blocked.getHeader("Retry-After")).isNotBlank();
        assertThat(callFrom(address, "not-a-key").getStatus()).isEqualTo(429);
        assertThat(callFrom("198.51.100.251", key.secret()).getStatus()).isEqualTo(200);
    }

    @Test
    void goodKeyFromAnAddressNeverRefusedLeavesNoRefusalBucket() throws Exception {
        // The filter asks only whether the address's bucket exists; a bucket is written by a refusal.
        var key = keyFor(anAttorney(), List.of("matters.read"));
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 3; i++) {
            assertThat(callFrom(address, key.secret()).getStatus()).isEqualTo(200);
        }
        assertThat(refusalBuckets(address)).isZero();
        assertThat(callFrom(address, ServerKeyedHash.newKey()).getStatus()).isEqualTo(401);
        assertThat(refusalBuckets(address)).isOne();
        assertThat(callFrom(address, key.secret()).getStatus()).isEqualTo(200);
    }

    @Test
    void deactivatedOwnerOrLockedFirmStopsTheKeyOnItsNextRequest() throws Exception {
        var person = anAttorney();
        var key = keyFor(person, List.of("matters.read"));
        assertThat(call(key.secret()).getStatus()).isEqualTo(200);
        TenantContext.runAs(person.firm(), null, () -> accounts.deactivate(person.id()));
        assertThat(call(key.secret()).getStatus()).isEqualTo(401);
        TenantContext.runAs(person.firm(), null, () -> accounts.reactivate(person.id()));
        assertThat(call(key.secret()).getStatus()).isEqualTo(200);
        try (var admin = TestDatabase.shared().administrator().connect();
                var lock = admin.prepareStatement("SELECT lexvault.set_tenant_status(?, 'locked')")) {
            lock.setObject(1, person.firm().value());
            lock.execute();
        }
        assertThat(call(key.secret()).getStatus()).isEqualTo(401);
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

    private MockHttpServletResponse callFrom(String address, String key) throws Exception {
        return mvc.perform(get("/api/v1/me")
                        .header("Authorization", "Bearer " + key)
                        .with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        }))
                .andReturn()
                .getResponse();
    }

    private static long refusalBuckets(String address) throws Exception {
        try (var admin = TestDatabase.shared().administrator().connect();
                var count = admin.prepareStatement("SELECT count(*) FROM lexvault.rate_limit_buckets WHERE id = ?")) {
            count.setString(1, "api-key-refusals:" + address);
            try (var rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
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
