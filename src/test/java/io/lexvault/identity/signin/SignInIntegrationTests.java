package io.lexvault.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.identity.SecurityEvent;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.MutableClockConfiguration;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.SecurityEventRecorder;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Sign-in through the real filter chain, sessions in PostgreSQL, a clock the test moves. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
@Import({MutableClockConfiguration.class, SecurityEventRecorder.class})
@RecordApplicationEvents
class SignInIntegrationTests extends FirmWebTest {

    @Autowired
    ApplicationEvents events;

    private Person aPerson() {
        return People.aPerson(accounts, aFirm("Firm"));
    }

    @Test
    void rightPasswordSignsInWithAFreshHostOnlySessionCookie() throws Exception {
        var person = aPerson();
        var response = signIn(person.email(), person.password());
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/");
        String setCookie = response.getHeaders("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith(MockSignIn.SESSION_COOKIE + "="))
                .findFirst()
                .orElseThrow();
        assertThat(setCookie)
                .contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax")
                .doesNotContain("Domain=");
        assertThat(events.stream(SecurityEvent.class)).anySatisfy(event -> {
            assertThat(event.type()).isEqualTo(SecurityEventType.SIGN_IN_SUCCEEDED);
            assertThat(event.subject()).isEqualTo(person.id().value());
            assertThat(event.tenant()).isEqualTo(person.firm().value());
        });
    }

    @Test
    void signedInUserReachesTheirAccountAndTheApi() throws Exception {
        var person = aPerson();
        Cookie session = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        var me = mvc.perform(get("/api/v1/me").cookie(session)).andReturn().getResponse();
        assertThat(me.getStatus()).isEqualTo(200);
        assertThat(me.getContentAsString())
                .contains("\"email\":\"" + person.email() + "\"")
                .contains("\"id\":\"" + person.id() + "\"")
                .contains("\"id\":\"" + person.firm() + "\"");
        var page = mvc.perform(get("/account").cookie(session)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains(person.email(), "This session");
    }

    @Test
    void unknownAddressWrongPasswordAndLockedAccountGetTheSameAnswer() throws Exception {
        var person = aPerson();
        var locked = aPerson();
        for (int i = 0; i < 5; i++) {
            signIn(locked.email(), "not the password " + i);
        }
        var unknown = signIn("nobody-" + TestDatabase.randomName() + "@firm.example", person.password());
        var wrong = signIn(person.email(), "not the password at all");
        var lockedOut = signIn(locked.email(), locked.password());
        for (var response : new MockHttpServletResponse[] {wrong, lockedOut}) {
            assertThat(response.getStatus()).isEqualTo(unknown.getStatus()).isEqualTo(302);
            assertThat(response.getRedirectedUrl())
                    .isEqualTo(unknown.getRedirectedUrl())
                    .isEqualTo("/login?error");
            assertThat(response.getContentAsString()).isEqualTo(unknown.getContentAsString());
            assertThat(response.getHeaderNames()).containsExactlyInAnyOrderElementsOf(unknown.getHeaderNames());
            assertThat(response.getCookies()).isEmpty();
        }
        assertThat(unknown.getCookies()).isEmpty();
    }

    @Test
    void fifthWrongPasswordLocksTheAccountUntilTheWindowEnds() throws Exception {
        var person = aPerson();
        for (int i = 0; i < 4; i++) {
            signIn(person.email(), "not the password " + i);
        }
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl())
                .as("four failures do not lock, and success resets the count")
                .isEqualTo("/");
        for (int i = 0; i < 5; i++) {
            signIn(person.email(), "not the password " + i);
        }
        assertThat(events.stream(SecurityEvent.class))
                .filteredOn(event -> event.type() == SecurityEventType.ACCOUNT_LOCKED)
                .singleElement()
                .satisfies(event ->
                        assertThat(event.subject()).isEqualTo(person.id().value()));
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl())
                .as("locked: even the right password is refused")
                .isEqualTo("/login?error");
        clock.advance(Duration.ofMinutes(14));
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/login?error");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl())
                .as("the lock has run out")
                .isEqualTo("/");
    }

    @Autowired
    SecurityEventRecorder recorder;

    @Test
    void parallelGuessesGetNoMoreChecksThanTheAllowance() throws Exception {
        var person = aPerson();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var attempts = new java.util.ArrayList<java.util.concurrent.Future<MockHttpServletResponse>>();
            for (int i = 0; i < 20; i++) {
                String password = i == 19 ? person.password() : "not the password " + i;
                attempts.add(pool.submit(() -> signIn(person.email(), password)));
            }
            for (var attempt : attempts) {
                attempt.get();
            }
        } finally {
            pool.shutdown();
        }
        var mine = recorder.all().stream()
                .filter(event -> person.id().value().equals(event.subject()))
                .toList();
        long checkedWrong = mine.stream()
                .filter(event -> "wrong_password".equals(event.details().get("reason")))
                .count();
        long succeeded = mine.stream()
                .filter(event -> event.type() == SecurityEventType.SIGN_IN_SUCCEEDED)
                .count();
        assertThat(checkedWrong + succeeded)
                .as("passwords checked against an unlocked account")
                .isLessThanOrEqualTo(5);
        assertThat(mine.stream().filter(event -> "locked".equals(event.details().get("reason"))))
                .hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void guessingTheCurrentPasswordOnTheAccountPageLocksTheAccountAndEndsTheSession() throws Exception {
        var person = aPerson();
        Cookie session = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/account/password")
                    .cookie(session)
                    .param("current", "guess " + i)
                    .param("password", "violet harbour engine quartz")
                    .param("confirmation", "violet harbour engine quartz")
                    .with(csrf()));
        }
        assertThat(status(session, "/api/v1/me"))
                .as("the session has been ended")
                .isEqualTo(401);
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl())
                .as("and the account is locked")
                .isEqualTo("/login?error");
    }

    @Test
    void lockingTheFirmEndsItsSessionsAtOnce() throws Exception {
        var person = aPerson();
        Cookie session = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        assertThat(status(session, "/api/v1/me")).isEqualTo(200);
        try (var admin = TestDatabase.shared().administrator().connect();
                var lock = admin.prepareStatement("SELECT lexvault.set_tenant_status(?, 'locked')")) {
            lock.setObject(1, person.firm().value());
            lock.execute();
        }
        assertThat(status(session, "/api/v1/me")).isEqualTo(401);
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void administratorCanLiftALockBeforeItRunsOut() throws Exception {
        var person = aPerson();
        for (int i = 0; i < 5; i++) {
            signIn(person.email(), "not the password " + i);
        }
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/login?error");
        TenantContext.runAs(person.firm(), null, () -> accounts.unlock(person.id()));
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void addressIsMatchedWhateverItsCase() throws Exception {
        var person = aPerson();
        assertThat(signIn("  " + person.email().toUpperCase(java.util.Locale.ROOT), person.password())
                        .getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void signingInAgainGivesANewSessionId() throws Exception {
        var person = aPerson();
        Cookie first = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        var again = mvc.perform(post("/login")
                        .param("email", person.email())
                        .param("password", person.password())
                        .cookie(first)
                        .with(csrf())
                        .with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse();
        Cookie second = MockSignIn.sessionOf(again);
        assertThat(second.getValue()).isNotEqualTo(first.getValue());
        assertThat(status(first, "/api/v1/me")).as("the old id no longer works").isEqualTo(401);
    }

    @Test
    void passwordChangeEndsEveryOtherSession() throws Exception {
        var person = aPerson();
        Cookie laptop = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        Cookie phone = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        assertThat(status(phone, "/api/v1/me")).isEqualTo(200);
        var change = mvc.perform(post("/account/password")
                        .cookie(laptop)
                        .param("current", person.password())
                        .param("password", "violet harbour engine quartz")
                        .param("confirmation", "violet harbour engine quartz")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(change.getRedirectedUrl()).isEqualTo("/account");
        Cookie laptopAfter = change.getCookie(MockSignIn.SESSION_COOKIE);
        assertThat(laptopAfter).as("a new session id after the change").isNotNull();
        assertThat(laptopAfter.getValue()).isNotEqualTo(laptop.getValue());
        assertThat(status(laptop, "/api/v1/me"))
                .as("the old id no longer works")
                .isEqualTo(401);
        assertThat(status(phone, "/api/v1/me"))
                .as("the other session has ended")
                .isEqualTo(401);
        assertThat(status(laptopAfter, "/api/v1/me"))
                .as("the session that changed it stays")
                .isEqualTo(200);
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(signIn(person.email(), "violet harbour engine quartz").getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void passwordChangeNeedsTheCurrentPasswordAndAGoodNewOne() throws Exception {
        var person = aPerson();
        Cookie session = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        for (String[] attempt : new String[][] {
            {"wrong current password", "violet harbour engine quartz"}, {person.password(), "password1234"}
        }) {
            var response = mvc.perform(post("/account/password")
                            .cookie(session)
                            .param("current", attempt[0])
                            .param("password", attempt[1])
                            .param("confirmation", attempt[1])
                            .with(csrf()))
                    .andReturn()
                    .getResponse();
            assertThat(response.getRedirectedUrl()).isEqualTo("/account#password");
        }
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void userSeesTheirSessionsAndCanEndAnother() throws Exception {
        var person = aPerson();
        Cookie mine = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        Cookie other = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        String page = mvc.perform(get("/account").cookie(mine))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var handle = java.util.regex.Pattern.compile("name=\"handle\" value=\"([0-9a-f]{32})\"")
                .matcher(page);
        assertThat(handle.find()).as(page).isTrue();
        assertThat(page).doesNotContain(other.getValue()).doesNotContain(mine.getValue());
        mvc.perform(post("/account/sessions/end")
                .cookie(mine)
                .param("handle", handle.group(1))
                .with(csrf()));
        assertThat(status(other, "/api/v1/me")).isEqualTo(401);
        assertThat(status(mine, "/api/v1/me")).isEqualTo(200);
    }

    @Test
    void oneUserCannotEndAnotherUsersSession() throws Exception {
        var victim = aPerson();
        var attacker = aPerson();
        Cookie victimSession = MockSignIn.sessionOf(signIn(victim.email(), victim.password()));
        Cookie attackerSession = MockSignIn.sessionOf(signIn(attacker.email(), attacker.password()));
        String victimHandle = SignInSessions.handleOf(victimSession.getValue());
        mvc.perform(post("/account/sessions/end")
                .cookie(attackerSession)
                .param("handle", victimHandle)
                .with(csrf()));
        assertThat(status(victimSession, "/api/v1/me")).isEqualTo(200);
    }

    @Test
    void sessionEndsAtTheAbsoluteLimitHoweverActive() throws Exception {
        var person = aPerson();
        Cookie session = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(status(session, "/api/v1/me")).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        assertThat(status(session, "/api/v1/me")).isEqualTo(401);
        clock.reset();
        assertThat(status(session, "/api/v1/me")).as("and it stays ended").isEqualTo(401);
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        var person = aPerson();
        Cookie session = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        var out = mvc.perform(post("/logout").cookie(session).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(out.getRedirectedUrl()).isEqualTo("/login?signed-out");
        assertThat(status(session, "/api/v1/me")).isEqualTo(401);
    }

    @Test
    void signInWithoutTheCsrfTokenIsRefused() throws Exception {
        var person = aPerson();
        var response = mvc.perform(post("/login")
                        .param("email", person.email())
                        .param("password", person.password())
                        .with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(403);
        // (That no session is created is checked over real HTTP in HttpEdgeIntegrationTests.)
        assertThat(events.stream(SecurityEvent.class))
                .noneMatch(event -> event.type() == SecurityEventType.SIGN_IN_SUCCEEDED);
    }

    @Test
    void bcryptHashFromAnImportIsReplacedByArgon2idAtSignIn(@Autowired JdbcClient jdbc) throws Exception {
        var person = aPerson();
        String bcrypt = "{bcrypt}"
                + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(4).encode(person.password());
        TenantContext.runAs(person.firm(), null, () -> accountsHash(jdbc, person, bcrypt));
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/");
        String stored = TenantContext.callAs(person.firm(), null, () -> storedHash(jdbc, person));
        assertThat(stored).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
    }

    private void accountsHash(JdbcClient jdbc, Person person, String hash) {
        new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                .executeWithoutResult(status -> jdbc.sql(
                                "UPDATE lexvault.users SET password_hash = :hash WHERE tenant_id = :tenant AND id = :id")
                        .param("hash", hash)
                        .param("tenant", person.firm().value())
                        .param("id", person.id().value())
                        .update());
    }

    private String storedHash(JdbcClient jdbc, Person person) {
        return new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                .execute(status -> jdbc.sql(
                                "SELECT password_hash FROM lexvault.users WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", person.firm().value())
                        .param("id", person.id().value())
                        .query(String.class)
                        .single());
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    MockHttpServletResponse signIn(String email, String password) throws Exception {
        return MockSignIn.signIn(mvc, email, password);
    }

    int status(Cookie session, String path) throws Exception {
        return mvc.perform(get(path).cookie(session)).andReturn().getResponse().getStatus();
    }
}
