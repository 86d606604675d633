package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.lexvault.cli.FirmSetup;
import io.lexvault.identity.account.EmailVerification;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.identity.mfa.Totp;
import io.lexvault.identity.onboarding.Invitations;
import io.lexvault.identity.onboarding.Signups;
import io.lexvault.identity.passwordreset.PasswordResets;
import io.lexvault.mail.internal.MailDelivery;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.MutableClockConfiguration;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** E-mail through a real SMTP server (GreenMail): password reset, lockout notice, address verification. */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.mail.poll-interval=PT1H",
            "lexvault.identity.reset-poll-interval=PT1H",
            "lexvault.public-url=https://lexvault.test",
            "lexvault.identity.signup.enabled=true"
        })
@AutoConfigureMockMvc
@Import(MutableClockConfiguration.class)
class EmailFlowsIntegrationTests extends FirmWebTest {

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry properties) {
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    private static final Pattern RESET_LINK =
            Pattern.compile("https://lexvault\\.test(/password-reset/[0-9a-f-]{36}/[A-Za-z0-9_-]{43})");

    @Autowired
    PasswordResets resets;

    @Autowired
    EmailVerification verification;

    @Autowired
    MailDelivery delivery;

    private TenantId aFirm() {
        return aFirm("Mail");
    }

    private Person aPerson() {
        return People.aPerson(accounts, aFirm());
    }

    @Test
    void passwordResetLinkArrivesByMailWorksOnceAndEndsSessions() throws Exception {
        var person = aPerson();
        var session = MockSignIn.sessionOf(signIn(person.email(), person.password()));
        assertThat(askForReset(person.email()).getRedirectedUrl()).isEqualTo("/password-reset?sent");
        resets.processRequests();
        delivery.deliverDue();

        var mail = mailTo(person.email());
        assertThat(mail).hasSize(1);
        var link = RESET_LINK.matcher(GreenMailUtil.getBody(mail.getFirst()));
        assertThat(link.find()).as(GreenMailUtil.getBody(mail.getFirst())).isTrue();
        String path = link.group(1);

        assertThat(mvc.perform(get(path)).andReturn().getResponse().getContentAsString())
                .contains("Choose a new password");
        var set = choose(path, "violet harbour engine quartz");
        assertThat(set.getRedirectedUrl()).isEqualTo("/login?reset");
        assertThat(signIn(person.email(), "violet harbour engine quartz").getRedirectedUrl())
                .isEqualTo("/");
        assertThat(signIn(person.email(), person.password()).getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(mvc.perform(get("/api/v1/me").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("the session from before the reset has ended")
                .isEqualTo(401);
        assertThat(choose(path, "another fine passphrase here").getRedirectedUrl())
                .as("the link works once")
                .isEqualTo("/password-reset?expired");

        delivery.deliverDue();
        assertThat(mailTo(person.email()))
                .extracting(MimeMessage::getSubject)
                .contains("Your LexVault password was changed");
    }

    @Test
    void askingForAResetLooksTheSameForAnAddressWithoutAccount(@Autowired JdbcClient jdbc) throws Exception {
        String unknown = "nobody-" + TestDatabase.randomName() + "@firm.example";
        var person = aPerson();
        var forUnknown = askForReset(unknown);
        var forKnown = askForReset(person.email());
        assertThat(forUnknown.getStatus()).isEqualTo(forKnown.getStatus());
        assertThat(forUnknown.getRedirectedUrl()).isEqualTo(forKnown.getRedirectedUrl());
        assertThat(forUnknown.getContentAsString()).isEqualTo(forKnown.getContentAsString());
        assertThat(forUnknown.getCookies()).isEmpty();
        resets.processRequests();
        delivery.deliverDue();
        assertThat(mailTo(unknown)).isEmpty();
        assertThat(mailTo(person.email())).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM lexvault.password_reset_requests WHERE email IN (:a, :b)")
                        .param("a", unknown)
                        .param("b", person.email())
                        .query(Long.class)
                        .single())
                .as("requests are forgotten once handled")
                .isZero();
    }

    @Test
    void resetLinkExpiresAfterThirtyMinutes() throws Exception {
        var person = aPerson();
        askForReset(person.email());
        resets.processRequests();
        delivery.deliverDue();
        var link =
                RESET_LINK.matcher(GreenMailUtil.getBody(mailTo(person.email()).getFirst()));
        assertThat(link.find()).isTrue();
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertThat(mvc.perform(get(link.group(1))).andReturn().getResponse().getContentAsString())
                .contains("This link does not work any more");
        assertThat(choose(link.group(1), "violet harbour engine quartz").getRedirectedUrl())
                .isEqualTo("/password-reset?expired");
    }

    @Test
    void lockoutIsToldToTheAccountHolderAndTheSentBodyIsErased(@Autowired JdbcClient jdbc) throws Exception {
        var person = aPerson();
        for (int i = 0; i < 5; i++) {
            signIn(person.email(), "wrong " + i);
        }
        delivery.deliverDue();
        assertThat(mailTo(person.email()))
                .extracting(MimeMessage::getSubject)
                .containsExactly("Your LexVault account has been locked");
        var bodies = TenantContext.callAs(
                person.firm(),
                null,
                () -> new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                        .execute(status -> jdbc.sql(
                                        "SELECT count(*) FROM lexvault.mail_outbox WHERE tenant_id = :t AND body IS NOT NULL")
                                .param("t", person.firm().value())
                                .query(Long.class)
                                .single()));
        assertThat(bodies).isZero();
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    @Test
    void addressIsConfirmedWithASixDigitCodeOfFiveTries() throws Exception {
        var person = aPerson();
        String right = mailedVerificationCode(person);
        String wrong = right.equals("000000") ? "111111" : "000000";
        var verdicts = TenantContext.callAs(
                person.firm(),
                person.id().value(),
                () -> List.of(
                        verification.verify(person.id(), wrong),
                        verification.verify(person.id(), wrong),
                        verification.verify(person.id(), wrong),
                        verification.verify(person.id(), wrong),
                        verification.verify(person.id(), wrong),
                        verification.verify(person.id(), right)));
        assertThat(verdicts.subList(0, 5)).containsOnly(EmailVerification.Verdict.WRONG_CODE);
        assertThat(verdicts.get(5))
                .as("the sixth try gets nowhere")
                .isEqualTo(EmailVerification.Verdict.NEW_CODE_NEEDED);

        String fresh = mailedVerificationCode(person);
        clock.advance(Duration.ofMinutes(29));
        assertThat(TenantContext.callAs(
                        person.firm(), person.id().value(), () -> verification.verify(person.id(), fresh)))
                .isEqualTo(EmailVerification.Verdict.VERIFIED);
        assertThat(TenantContext.callAs(person.firm(), null, () -> accounts.find(person.id()))
                        .orElseThrow()
                        .emailVerifiedAt())
                .isNotNull();
    }

    @Test
    void atMostFiveVerificationCodesAnHour() {
        var person = aPerson();
        var sent = TenantContext.callAs(
                person.firm(),
                person.id().value(),
                () -> java.util.stream.IntStream.range(0, 6)
                        .mapToObj(i -> verification.sendCode(person.id()))
                        .toList());
        assertThat(sent).containsExactly(true, true, true, true, true, false);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        assertThat(TenantContext.callAs(person.firm(), person.id().value(), () -> verification.sendCode(person.id())))
                .isTrue();
    }

    @Test
    void aPasswordResetDoesNotLiftALockEarnedByWrongCodes(@Autowired SecondFactors secondFactors) throws Exception {
        var person = aPerson();
        TenantContext.runAs(person.firm(), person.id().value(), () -> {
            var enrolment = secondFactors.beginTotp(person.id());
            byte[] secret = new org.apache.commons.codec.binary.Base32().decode(enrolment.manualKey());
            secondFactors.confirmTotp(
                    person.id(), enrolment.sealedSecret(), Totp.code(secret, Totp.stepAt(clock.instant())));
            for (int i = 0; i < 5; i++) {
                secondFactors.check(person.id(), "00000" + i);
            }
        });
        askForReset(person.email());
        resets.processRequests();
        delivery.deliverDue();
        var link = RESET_LINK.matcher(GreenMailUtil.getBody(mailTo(person.email()).stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith("Reset");
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow()));
        assertThat(link.find()).isTrue();
        assertThat(choose(link.group(1), "violet harbour engine quartz").getRedirectedUrl())
                .isEqualTo("/login?reset");
        assertThat(signIn(person.email(), "violet harbour engine quartz").getRedirectedUrl())
                .as("still locked: the reset did not renew the allowance for guessing codes")
                .isEqualTo("/login?error");
    }

    private static final Pattern INVITATION_LINK =
            Pattern.compile("https://lexvault\\.test(/invitations/[0-9a-f-]{36}/[A-Za-z0-9_-]{43})");

    /** An invitation (as staff) that a new firm's administrator sent to a new address, and its link. */
    private record Invited(String invitee, String link) {}

    private Invited invited(Invitations invitations, String prefix) {
        var admin = withRole(aFirm(), io.lexvault.access.BuiltInRole.ADMINISTRATOR);
        String invitee = prefix + "-" + TestDatabase.randomName() + "@firm.example";
        TenantContext.runAs(admin.firm(), admin.id().value(), () -> invitations.invite(invitee, List.of("staff")));
        delivery.deliverDue();
        var link = INVITATION_LINK.matcher(GreenMailUtil.getBody(mailTo(invitee).getFirst()));
        assertThat(link.find()).isTrue();
        return new Invited(invitee, link.group(1));
    }

    @Test
    void anAdministratorInvitesAndTheInviteeJoinsWithTheRoleOnce() throws Exception {
        var admin = withRole(aFirm(), io.lexvault.access.BuiltInRole.ADMINISTRATOR);
        var session = MockSignIn.sessionOf(signIn(admin.email(), admin.password()));
        String invitee = "invitee-" + TestDatabase.randomName() + "@firm.example";
        var sent = mvc.perform(post("/admin/invitations")
                        .cookie(session)
                        .param("email", invitee)
                        .param("role", "paralegal")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(sent.getRedirectedUrl()).isEqualTo("/admin/invitations");
        assertThat(mvc.perform(get("/admin/invitations").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .as("the role picker starts empty, never on Administrator")
                .contains("<option value=\"\" selected>Choose a role</option>")
                .doesNotContain("value=\"administrator\" selected");
        delivery.deliverDue();
        var link = INVITATION_LINK.matcher(GreenMailUtil.getBody(mailTo(invitee).getFirst()));
        assertThat(link.find()).isTrue();
        assertThat(mvc.perform(get(link.group(1))).andReturn().getResponse().getContentAsString())
                .contains(invitee);
        var accepted = mvc.perform(post(link.group(1))
                        .param("name", "Ivy Invitee")
                        .param("password", "violet harbour engine quartz")
                        .param("confirmation", "violet harbour engine quartz")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(accepted.getRedirectedUrl()).isEqualTo("/login?welcome");
        var joined = MockSignIn.sessionOf(signIn(invitee, "violet harbour engine quartz"));
        assertThat(mvc.perform(get("/api/v1/me").cookie(joined))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("\"roles\":[\"paralegal\"]", "\"displayName\":\"Ivy Invitee\"")
                .doesNotContain("\"emailVerifiedAt\":null");
        assertThat(mvc.perform(get(link.group(1))).andReturn().getResponse().getContentAsString())
                .as("the link works once")
                .contains("This invitation does not work any more");
    }

    @Test
    void anInviteeCannotJoinUnderANameWithHiddenOrDirectionChangingCharacters(@Autowired Invitations invitations)
            throws Exception {
        var invited = invited(invitations, "hidden");
        String link = invited.link();
        for (String name : List.of("Ivy\u202EInvitee", "Ivy\u200BInvitee", "Ivy\u0000Invitee")) {
            var refused = mvc.perform(post(link)
                            .param("name", name)
                            .param("password", "violet harbour engine quartz")
                            .param("confirmation", "violet harbour engine quartz")
                            .with(csrf()))
                    .andReturn();
            assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo(link);
            assertThat(refused.getFlashMap().get("problems").toString())
                    .contains("Your name must not contain")
                    .doesNotContain("Ivy");
            assertThat(accounts.isAddressTaken(invited.invitee()))
                    .as("no account")
                    .isFalse();
        }
        var accepted = mvc.perform(post(link)
                        .param("name", "Ivy Invitee")
                        .param("password", "violet harbour engine quartz")
                        .param("confirmation", "violet harbour engine quartz")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(accepted.getRedirectedUrl()).as("the link still works").isEqualTo("/login?welcome");
    }

    @Test
    void onlyPeopleWhoMayInviteCanInvite() throws Exception {
        var attorney = withRole(aFirm(), io.lexvault.access.BuiltInRole.ATTORNEY);
        var session = MockSignIn.sessionOf(signIn(attorney.email(), attorney.password()));
        assertThat(mvc.perform(get("/admin/invitations").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(http.statusOf(
                        session,
                        post("/admin/invitations")
                                .param("email", "x@firm.example")
                                .param("role", "administrator"),
                        null))
                .isEqualTo(403);
    }

    @Test
    void anInvitationExpiresAfterSeventyTwoHours(@Autowired Invitations invitations) throws Exception {
        String link = invited(invitations, "late").link();
        clock.advance(Duration.ofHours(72).plusSeconds(1));
        assertThat(mvc.perform(get(link)).andReturn().getResponse().getContentAsString())
                .contains("This invitation does not work any more");
    }

    private static final Pattern SIGNUP_LINK =
            Pattern.compile("https://lexvault\\.test(/signup/confirm/[A-Za-z0-9_-]{43})");

    @Autowired
    Signups signups;

    private MockHttpServletResponse signUp(String firm, String email, String password) throws Exception {
        return mvc.perform(post("/signup")
                        .param("firm", firm)
                        .param("name", "Sasha Founder")
                        .param("email", email)
                        .param("password", password)
                        .with(csrf())
                        .with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse();
    }

    @Test
    void aNewFirmExistsOnlyOnceTheMailedLinkIsUsed() throws Exception {
        String email = "founder-" + TestDatabase.randomName() + "@newfirm.example";
        String firmName = "Founders " + TestDatabase.randomName() + " LLP";
        assertThat(signUp(firmName, email, "violet harbour engine quartz").getRedirectedUrl())
                .isEqualTo("/signup?sent");
        assertThat(tenants.findIdBySlug(Tenants.slugFor(firmName)))
                .as("nothing before the link")
                .isEmpty();
        signups.processRequests();
        delivery.deliverDue();
        var link = SIGNUP_LINK.matcher(GreenMailUtil.getBody(mailTo(email).getFirst()));
        assertThat(link.find()).isTrue();
        assertThat(mvc.perform(get(link.group(1))).andReturn().getResponse().getContentAsString())
                .contains(firmName, email);
        assertThat(confirmSignUp(link.group(1), "password1234").getRedirectedUrl())
                .as("a weak password is refused and the link still works")
                .isEqualTo(link.group(1));
        assertThat(confirmSignUp(link.group(1), "violet harbour engine quartz").getRedirectedUrl())
                .isEqualTo("/login?welcome");
        var session = MockSignIn.sessionOf(signIn(email, "violet harbour engine quartz"));
        assertThat(mvc.perform(get("/api/v1/me").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("\"roles\":[\"administrator\"]", "\"name\":\"" + firmName + "\"")
                .doesNotContain("\"emailVerifiedAt\":null");
        assertThat(confirmSignUp(link.group(1), "another fine passphrase here").getContentAsString())
                .as("the link works once")
                .contains("This link does not work any more");
    }

    /**
     * Sign-up and the operator's {@code admin create-firm} make the same firm: the same roles for its
     * administrator, the same per-firm rows, and the same audit actions apart from the one that says
     * how the firm came to be ({@code firm.signed_up}).
     */
    @Test
    void signingUpMakesTheSameFirmAsTheOperatorDoes(@Autowired ApplicationContext context, @Autowired JdbcClient jdbc)
            throws Exception {
        String email = "shape-" + TestDatabase.randomName() + "@newfirm.example";
        String firmName = "Shape " + TestDatabase.randomName() + " LLP";
        signUp(firmName, email, "");
        signups.processRequests();
        delivery.deliverDue();
        var link = SIGNUP_LINK.matcher(GreenMailUtil.getBody(mailTo(email).getFirst()));
        assertThat(link.find()).isTrue();
        assertThat(confirmSignUp(link.group(1), "violet harbour engine quartz").getRedirectedUrl())
                .isEqualTo("/login?welcome");
        var signedUp = tenants.findIdBySlug(Tenants.slugFor(firmName)).orElseThrow();

        String slug = "op-" + TestDatabase.randomName();
        new FirmSetup(context)
                .createFirm(
                        "Operator " + slug,
                        slug,
                        "op-" + TestDatabase.randomName() + "@newfirm.example",
                        "Sasha Founder",
                        "violet harbour engine quartz");
        var created = tenants.findIdBySlug(slug).orElseThrow();

        assertThat(shape(jdbc, signedUp)).isEqualTo(shape(jdbc, created));
        assertThat(shape(jdbc, created).get("roles")).containsExactly("administrator");
        assertThat(actions(jdbc, signedUp)).containsExactlyElementsOf(union(actions(jdbc, created), "firm.signed_up"));
    }

    private static List<String> union(List<String> actions, String more) {
        var all = new java.util.ArrayList<>(actions);
        all.add(more);
        return all.stream().sorted().toList();
    }

    /** The firm's roles, users' verification and per-firm rows, as lists to compare. */
    private java.util.Map<String, List<String>> shape(JdbcClient jdbc, io.lexvault.tenancy.TenantId firm) {
        var queries = java.util.Map.of(
                "roles", "SELECT role FROM lexvault.role_assignments WHERE tenant_id = :t ORDER BY role",
                "users", "SELECT (email_verified_at IS NOT NULL)::text FROM lexvault.users WHERE tenant_id = :t",
                "settings", "SELECT name FROM lexvault.tenant_settings WHERE tenant_id = :t ORDER BY name",
                "keysets", "SELECT purpose FROM lexvault.tenant_keysets WHERE tenant_id = :t ORDER BY purpose",
                "counters", "SELECT scope FROM lexvault.matter_number_counters WHERE tenant_id = :t ORDER BY scope");
        var shape = new java.util.TreeMap<String, List<String>>();
        queries.forEach((what, sql) -> shape.put(what, rows(jdbc, firm, sql)));
        return shape;
    }

    private List<String> actions(JdbcClient jdbc, io.lexvault.tenancy.TenantId firm) {
        return rows(jdbc, firm, "SELECT action FROM lexvault.audit_events WHERE tenant_id = :t ORDER BY action");
    }

    private List<String> rows(JdbcClient jdbc, io.lexvault.tenancy.TenantId firm, String sql) {
        return TenantContext.callAs(
                firm,
                null,
                () -> new org.springframework.transaction.support.TransactionTemplate(transactionManager)
                        .execute(status -> jdbc.sql(sql)
                                .param("t", firm.value())
                                .query(String.class)
                                .list()));
    }

    @Test
    void signingUpWithAKnownAddressLooksTheSameAndTellsItsOwner() throws Exception {
        var person = aPerson();
        String unknown = "new-" + TestDatabase.randomName() + "@newfirm.example";
        var forKnown = signUp("Copycat LLP", person.email(), "violet harbour engine quartz");
        var forUnknown = signUp("Copycat LLP", unknown, "violet harbour engine quartz");
        assertThat(forKnown.getStatus()).isEqualTo(forUnknown.getStatus());
        assertThat(forKnown.getRedirectedUrl())
                .isEqualTo(forUnknown.getRedirectedUrl())
                .isEqualTo("/signup?sent");
        assertThat(forKnown.getCookies()).isEmpty();
        signups.processRequests();
        delivery.deliverDue();
        assertThat(mailTo(person.email()))
                .extracting(MimeMessage::getSubject)
                .contains("Someone tried to sign up for LexVault with your address");
        assertThat(GreenMailUtil.getBody(mailTo(person.email()).getLast())).doesNotContain("/signup/confirm/");
        assertThat(mailTo(unknown))
                .extracting(MimeMessage::getSubject)
                .containsExactly("Confirm your new LexVault firm");
    }

    @Test
    void signUpExplainsWhatToFixWithoutSayingWhetherTheAddressIsKnown() throws Exception {
        var page = signUp("   ", "not an address", "");
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("A firm name is required", "Enter an e-mail address");
    }

    @Test
    void repeatedSignUpsMailAnAddressAtMostOnceAnHourAndCarryNothingTheyTyped() throws Exception {
        String email = "target-" + TestDatabase.randomName() + "@newfirm.example";
        for (int i = 0; i < 4; i++) {
            signUp("Visit http://evil.example now " + i, email, "");
        }
        signups.processRequests();
        delivery.deliverDue();
        assertThat(mailTo(email)).hasSize(1);
        assertThat(GreenMailUtil.getBody(mailTo(email).getFirst())).doesNotContain("evil.example", "Sasha");
    }

    /** The sign-up confirmation form: the founder's password, typed twice. */
    private MockHttpServletResponse confirmSignUp(String path, String password) throws Exception {
        return choose(path, password);
    }

    @Test
    void verificationCodeExpiresAfterThirtyMinutes() throws Exception {
        var person = aPerson();
        String code = mailedVerificationCode(person);
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertThat(TenantContext.callAs(
                        person.firm(), person.id().value(), () -> verification.verify(person.id(), code)))
                .isEqualTo(EmailVerification.Verdict.NEW_CODE_NEEDED);
    }

    /** Asks for a verification code and reads it from the newest mail to the person. */
    private String mailedVerificationCode(Person person) {
        TenantContext.runAs(person.firm(), person.id().value(), () -> verification.sendCode(person.id()));
        delivery.deliverDue();
        var code = Pattern.compile("\\b(\\d{6})\\b")
                .matcher(GreenMailUtil.getBody(mailTo(person.email()).getLast()));
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    private List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(r -> r.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private MockHttpServletResponse askForReset(String email) throws Exception {
        return mvc.perform(post("/password-reset")
                        .param("email", email)
                        .with(csrf())
                        .with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse choose(String path, String password) throws Exception {
        return mvc.perform(post(path)
                        .param("password", password)
                        .param("confirmation", password)
                        .with(csrf()))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse signIn(String email, String password) throws Exception {
        return MockSignIn.signIn(mvc, email, password);
    }
}
