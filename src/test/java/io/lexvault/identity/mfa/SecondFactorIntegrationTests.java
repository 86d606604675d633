package io.lexvault.identity.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.crypto.FieldEncryption;
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
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/** Authenticator app and backup codes, end to end through the pages, with a clock the test moves. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
// The recorder is unused here; importing it too lets this class share the sign-in tests' context.
@Import({MutableClockConfiguration.class, SecurityEventRecorder.class})
class SecondFactorIntegrationTests extends FirmWebTest {

    private static final Pattern KEY = Pattern.compile("id=\"totp-key\">([A-Z2-7]+)<");

    @Autowired
    SecondFactors secondFactors;

    /** A person with an authenticator app: its secret and the backup codes they were shown. */
    record Enrolled(Person person, byte[] secret, List<String> backupCodes) {}

    /** An authenticator app's secret as the set-up page shows it (beside its QR code), and decoded. */
    private record SetUp(String shown, byte[] secret) {}

    private SetUp beginAuthenticatorSetUp(Cookie session) throws Exception {
        mvc.perform(post("/account/two-factor/totp/begin").cookie(session).with(csrf()));
        String page = mvc.perform(get("/account/two-factor").cookie(session))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var key = KEY.matcher(page);
        assertThat(key.find()).as(page).isTrue();
        assertThat(page).contains("<svg");
        return new SetUp(key.group(1), new Base32().decode(key.group(1)));
    }

    private Enrolled enrolled() throws Exception {
        var person = People.aPerson(accounts, aFirm("MFA"));
        Cookie session = MockSignIn.sessionOf(signIn(person));
        byte[] secret = beginAuthenticatorSetUp(session).secret();
        MvcResult confirmed = mvc.perform(post("/account/two-factor/totp/confirm")
                        .cookie(session)
                        .param("code", currentCode(secret))
                        .with(csrf()))
                .andReturn();
        @SuppressWarnings("unchecked")
        var codes = (List<String>) confirmed.getFlashMap().get("backupCodes");
        assertThat(codes).hasSize(10).allMatch(code -> code.matches("[a-z2-9]{5}-[a-z2-9]{5}"));
        // The next code must come from a later step: move past the one just used.
        clock.advance(Duration.ofSeconds(30));
        return new Enrolled(person, secret, codes);
    }

    @Test
    void newBackupCodesComeWithCopyDownloadAndPrintAndTheAccountPageSaysTwoFactorIsOn() throws Exception {
        var person = People.aPerson(accounts, aFirm("MFA codes"));
        Cookie session = MockSignIn.sessionOf(signIn(person));
        assertThat(http.page(session, "/account")).contains("id=\"two-factor-nudge\"");
        byte[] secret = beginAuthenticatorSetUp(session).secret();
        MvcResult confirmed = mvc.perform(post("/account/two-factor/totp/confirm")
                        .cookie(session)
                        .param("code", currentCode(secret))
                        .with(csrf()))
                .andReturn();
        // Turning two-factor on renews the session id; the new cookie comes with the answer.
        Cookie renewed = confirmed.getResponse().getCookie(MockSignIn.SESSION_COOKIE);
        if (renewed != null) {
            session = renewed;
        }
        var shown = mvc.perform(get("/account/two-factor").cookie(session).flashAttrs(confirmed.getFlashMap()))
                .andReturn()
                .getResponse();
        assertThat(shown.getStatus())
                .as("redirected to %s", shown.getRedirectedUrl())
                .isEqualTo(200);
        String page = shown.getContentAsString();
        // The codes are plain text (copied or printed by hand without script); the buttons are the
        // static script's, hidden until it runs, and no handler is inline.
        assertThat(page)
                .contains("id=\"backup-codes\"", "data-copy=\"backup-codes\"", "data-download=\"backup-codes\"")
                .contains("data-print", "/js/copy-text.js")
                .doesNotContainPattern("<script>|onclick=");
        assertThat(http.page(session, "/account"))
                .contains("id=\"two-factor-status\"", "An authenticator app", "10 unused backup codes.")
                .doesNotContain("id=\"two-factor-nudge\"");
        clock.advance(Duration.ofSeconds(30));
    }

    @Test
    void signInWithAnAuthenticatorAppTakesTwoStepsAndEachCodeWorksOnce() throws Exception {
        var enrolled = enrolled();
        var password = signIn(enrolled.person());
        assertThat(password.getRedirectedUrl()).isEqualTo("/login/second-factor");
        Cookie pending = MockSignIn.sessionOf(password);
        assertThat(http.status(pending, "/api/v1/me"))
                .as("the password alone signs nobody in")
                .isEqualTo(401);
        assertThat(mvc.perform(get("/account").cookie(pending))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .endsWith("/login");

        String code = currentCode(enrolled.secret());
        var second = secondStep(pending, code);
        assertThat(second.getRedirectedUrl()).isEqualTo("/");
        Cookie signedIn = second.getCookie(MockSignIn.SESSION_COOKIE);
        assertThat(signedIn).as("a new session id once fully signed in").isNotNull();
        assertThat(signedIn.getValue()).isNotEqualTo(pending.getValue());
        assertThat(http.status(signedIn, "/api/v1/me")).isEqualTo(200);

        Cookie again = MockSignIn.sessionOf(signIn(enrolled.person()));
        assertThat(secondStep(again, code).getRedirectedUrl())
                .as("the same code the second time")
                .isEqualTo("/login/second-factor?error");
        clock.advance(Duration.ofSeconds(30));
        assertThat(secondStep(again, currentCode(enrolled.secret())).getRedirectedUrl())
                .isEqualTo("/");
    }

    @Test
    void backupCodeWorksOnce() throws Exception {
        var enrolled = enrolled();
        String backup = enrolled.backupCodes().get(3);
        Cookie first = MockSignIn.sessionOf(signIn(enrolled.person()));
        assertThat(secondStep(first, backup.toUpperCase(java.util.Locale.ROOT)).getRedirectedUrl())
                .isEqualTo("/");
        Cookie second = MockSignIn.sessionOf(signIn(enrolled.person()));
        assertThat(secondStep(second, backup).getRedirectedUrl()).isEqualTo("/login/second-factor?error");
        assertThat(TenantContext.callAs(
                        enrolled.person().firm(),
                        null,
                        () -> secondFactors.unusedBackupCodes(enrolled.person().id())))
                .isEqualTo(9);
    }

    @Test
    void wrongCodesCountTowardsTheLockoutAndEndThePendingSignIn() throws Exception {
        var enrolled = enrolled();
        Cookie pending = MockSignIn.sessionOf(signIn(enrolled.person()));
        MockHttpServletResponse last = null;
        for (int i = 0; i < 5; i++) {
            last = secondStep(pending, "00000" + i);
        }
        assertThat(last.getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(secondStep(pending, currentCode(enrolled.secret())).getRedirectedUrl())
                .isEqualTo("/login");
        assertThat(signIn(enrolled.person()).getRedirectedUrl())
                .as("the account is locked")
                .isEqualTo("/login?error");
    }

    @Test
    void knowingThePasswordDoesNotResetTheAllowanceForGuessingCodes() throws Exception {
        var enrolled = enrolled();
        for (int round = 0; round < 3; round++) {
            Cookie pending = MockSignIn.sessionOf(signIn(enrolled.person()));
            secondStep(pending, "11111" + round);
            secondStep(pending, "22222" + round);
        }
        // Three right passwords and six wrong codes: the wrong codes still add up to a lock.
        assertThat(signIn(enrolled.person()).getRedirectedUrl()).isEqualTo("/login?error");
    }

    @Test
    void secretIsStoredOnlyEncryptedAndOnlyForItsFirm(@Autowired FieldEncryption encryption) throws Exception {
        var enrolled = enrolled();
        String base32 = new Base32().encodeAsString(enrolled.secret()).replace("=", "");
        String hex = HexFormat.of().formatHex(enrolled.secret());
        byte[] ciphertext;
        try (var admin = TestDatabase.shared().administrator().connect();
                var query = admin.prepareStatement(
                        "SELECT t::text, secret_ciphertext FROM lexvault.totp_credentials t WHERE user_id = ?")) {
            query.setObject(1, enrolled.person().id().value());
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).doesNotContain(hex).doesNotContainIgnoringCase(base32);
                ciphertext = rows.getBytes(2);
            }
        }
        String context = "totp:" + enrolled.person().id();
        assertThat(TenantContext.callAs(enrolled.person().firm(), null, () -> encryption.decrypt(ciphertext, context)))
                .isEqualTo(enrolled.secret());
        var otherFirm = aFirm("Other");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> TenantContext.callAs(otherFirm, null, () -> encryption.decrypt(ciphertext, context)))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TenantContext.callAs(
                        enrolled.person().firm(), null, () -> encryption.decrypt(ciphertext, "totp:someone-else")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void firmPolicyForcesEnrolmentBeforeAnythingElse() throws Exception {
        var person = People.aPerson(accounts, aFirm("Policy"));
        TenantContext.runAs(person.firm(), null, () -> secondFactors.requireForFirm(true));
        var response = signIn(person);
        assertThat(response.getRedirectedUrl()).isEqualTo("/account/two-factor");
        Cookie session = MockSignIn.sessionOf(response);
        assertThat(mvc.perform(get("/account").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/account/two-factor");
        assertThat(http.status(session, "/api/v1/me")).isEqualTo(403);
        assertThat(mvc.perform(get("/account/two-factor").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Your firm requires two-factor authentication");
    }

    @Test
    void addingOrRemovingAFactorNeedsAFreshProofOfIdentity() throws Exception {
        var person = People.aPerson(accounts, aFirm("Step-up"));
        Cookie session = MockSignIn.sessionOf(signIn(person));
        clock.advance(Duration.ofMinutes(6));
        var begin = mvc.perform(
                        post("/account/two-factor/totp/begin").cookie(session).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(begin.getRedirectedUrl()).isEqualTo("/account/confirm?next=/account/two-factor");
        var passkeyOptions = mvc.perform(
                        post("/webauthn/register/options").cookie(session).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(passkeyOptions.getStatus()).isEqualTo(403);
        assertThat(passkeyOptions.getHeader("X-LexVault-Confirm")).isEqualTo("/account/confirm");
        assertThat(mvc.perform(post("/account/api-keys")
                                .cookie(session)
                                .param("name", "k")
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/account/confirm?next=/account/api-keys");

        var wrong = mvc.perform(post("/account/confirm")
                        .cookie(session)
                        .param("secret", "not it")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(wrong.getRedirectedUrl()).isEqualTo("/account/confirm?error");
        var confirmed = mvc.perform(post("/account/confirm")
                        .cookie(session)
                        .param("secret", person.password())
                        .param("next", "https://evil.example/")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(confirmed.getRedirectedUrl())
                .as("never back to an outside address")
                .isEqualTo("/account/two-factor");
        assertThat(mvc.perform(post("/account/two-factor/totp/begin")
                                .cookie(session)
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getRedirectedUrl())
                .isEqualTo("/account/two-factor");
    }

    @Test
    void theSecretBeingSetUpNeverSitsInTheSessionTableInClear(@Autowired JdbcClient jdbc) throws Exception {
        var person = People.aPerson(accounts, aFirm("Setup"));
        Cookie session = MockSignIn.sessionOf(signIn(person));
        var setUp = beginAuthenticatorSetUp(session);
        byte[] secret = setUp.secret();
        String hex = HexFormat.of().formatHex(secret);
        for (byte[] stored : jdbc.sql("SELECT attribute_bytes FROM lexvault.spring_session_attributes")
                .query(byte[].class)
                .list()) {
            String text = new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text)
                    .doesNotContain(setUp.shown())
                    .doesNotContain(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThat(HexFormat.of().formatHex(stored)).doesNotContain(hex);
        }
    }

    @Test
    void springsOwnPasskeyDeleteEndpointIsClosed() throws Exception {
        var person = People.aPerson(accounts, aFirm("Delete"));
        Cookie session = MockSignIn.sessionOf(signIn(person));
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete(
                                        "/webauthn/register/AAAAAAAAAAAAAAAAAAAAAA")
                                .cookie(session)
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(405);
    }

    @Test
    void enrolmentUnderTheFirmPolicyMayAddAPasskey() throws Exception {
        var person = People.aPerson(accounts, aFirm("Policy"));
        TenantContext.runAs(person.firm(), null, () -> secondFactors.requireForFirm(true));
        Cookie session = MockSignIn.sessionOf(signIn(person));
        var options = mvc.perform(
                        post("/webauthn/register/options").cookie(session).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(options.getStatus()).isEqualTo(200);
        assertThat(options.getContentAsString()).contains("\"challenge\"", person.email());
    }

    @Test
    void thePendingSignInLapsesAfterFiveMinutes() throws Exception {
        var enrolled = enrolled();
        Cookie pending = MockSignIn.sessionOf(signIn(enrolled.person()));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(secondStep(pending, currentCode(enrolled.secret())).getRedirectedUrl())
                .isEqualTo("/login");
    }

    @Test
    void administratorResetRemovesTheFactorsAndEndsTheSessions() throws Exception {
        var enrolled = enrolled();
        Cookie pending = MockSignIn.sessionOf(signIn(enrolled.person()));
        var done = secondStep(pending, currentCode(enrolled.secret()));
        Cookie session = done.getCookie(MockSignIn.SESSION_COOKIE);
        assertThat(http.status(session, "/api/v1/me")).isEqualTo(200);
        TenantContext.runAs(
                enrolled.person().firm(),
                null,
                () -> secondFactors.reset(enrolled.person().id()));
        assertThat(http.status(session, "/api/v1/me")).isEqualTo(401);
        assertThat(signIn(enrolled.person()).getRedirectedUrl())
                .as("no second step any more")
                .isEqualTo("/");
    }

    private String currentCode(byte[] secret) {
        return Totp.code(secret, Totp.stepAt(clock.instant()));
    }

    private MockHttpServletResponse signIn(Person person) throws Exception {
        return MockSignIn.signIn(mvc, person.email(), person.password());
    }

    private MockHttpServletResponse secondStep(Cookie session, String code) throws Exception {
        return mvc.perform(post("/login/second-factor")
                        .cookie(session)
                        .param("code", code)
                        .with(csrf()))
                .andReturn()
                .getResponse();
    }
}
