package io.lexvault.assistant.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Member;
import io.lexvault.audit.AuditAction;
import io.lexvault.crypto.FieldEncryption;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.testsupport.AssistantProviderFixtures;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FakeOpenAiServer;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Per-firm settings, the policy (strictest of firm, client and user wins, each rule named), monthly
 * budgets, the API key's encryption, the settings page, and a real firm configured to a recording
 * OpenAI-compatible server, including one that hangs.
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.assistant.providers.first-byte-timeout=PT5S",
            "lexvault.assistant.providers.idle-timeout=PT2S",
            "lexvault.assistant.providers.attempts=1",
        })
@AutoConfigureMockMvc
class AssistantProvidersIntegrationTests extends FirmWithMattersTest {

    private static final String KEY_MARKER = "sk-KEYMARKER-7f3a9c-do-not-store";
    private static final ModelPrompt PROMPT = new ModelPrompt("Answer from the passages.", "What does [1] say?", 100);

    @Autowired
    ProviderSettings settings;

    @Autowired
    AssistantPolicy policy;

    @Autowired
    TokenBudgets budgets;

    @Autowired
    FieldEncryption encryption;

    FakeOpenAiServer server;
    Person admin;
    Person attorney;
    ClientId client;
    MatterId matter;

    @BeforeEach
    void firmWithAMatter() {
        server = FakeOpenAiServer.start();
        firm = aFirm("Assistant providers");
        admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        attorney = withRole(firm, BuiltInRole.ATTORNEY);
        client = client(admin, "Nordlicht AB");
        matter = matter(admin, client, "AP-" + TestDatabase.randomName(), "Lease dispute");
        onTeam(admin, matter, Member.user(attorney.id()));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private void configure(
            ProviderKind kind,
            ProviderRegion region,
            boolean enabled,
            @Nullable Long firmTokens,
            @Nullable Long userTokens) {
        as(
                admin,
                () -> settings.change(new SettingsChange(
                        enabled,
                        kind,
                        kind == ProviderKind.OFFLINE ? null : server.url(),
                        region,
                        kind == ProviderKind.OFFLINE ? List.of() : List.of("gpt-test", "gpt-big"),
                        kind == ProviderKind.OFFLINE ? null : "gpt-test",
                        KEY_MARKER,
                        false,
                        firmTokens,
                        userTokens)));
    }

    private void configure(ProviderRegion region) {
        configure(ProviderKind.OPENAI_COMPATIBLE, region, true, null, null);
    }

    private PolicyDecision decide(Person person) {
        return as(person, () -> policy.decide(matter.value()));
    }

    @Test
    void aFirmConfiguredWithTheRecordingServerStreamsAnswersFromIt() {
        configure(ProviderRegion.EU);
        server.answer("Clause 4 ", "ends the lease [1].").usage(50, 8);

        var decision = decide(attorney);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.model()).isNotNull();
        assertThat(decision.model().provider()).isEqualTo("openai-compatible");
        assertThat(decision.model().model()).isEqualTo("gpt-test");
        assertThat(decision.model().region()).isEqualTo("EU");
        assertThat(decision.model().external()).isTrue();
        assertThat(decision.rule()).contains("The firm's provider answers", "region EU", "gpt-test");

        var pieces = new CopyOnWriteArrayList<String>();
        var answer = decision.model().answer(PROMPT, pieces::add);

        assertThat(pieces).containsExactly("Clause 4 ", "ends the lease [1].");
        assertThat(answer.promptTokens()).isEqualTo(50);
        assertThat(server.received()).hasSize(1);
        assertThat(server.received().getFirst().header("Authorization")).isEqualTo("Bearer " + KEY_MARKER);
        assertThat(server.received()
                        .getFirst()
                        .json()
                        .path("messages")
                        .get(1)
                        .path("content")
                        .asString())
                .isEqualTo(PROMPT.user());
    }

    @Test
    void theApiKeyIsEncryptedAtRestNeverShownAndNeverAudited() throws Exception {
        configure(ProviderRegion.EU);

        assertThat(countAs(
                        admin,
                        "SELECT count(*) FROM lexvault.assistant_settings WHERE api_key_ciphertext IS NOT NULL"
                                + " AND position(convert_to(:marker, 'UTF8') IN api_key_ciphertext) = 0"
                                + " AND position(:marker IN assistant_settings::text) = 0",
                        Map.of("marker", KEY_MARKER)))
                .isEqualTo(1);
        var page = http.page(http.signIn(admin), "/admin/assistant");
        assertThat(page).contains("set (not shown)").doesNotContain(KEY_MARKER);
        var changes = events(AuditFilters.action(AuditAction.ASSISTANT_SETTINGS_CHANGED));
        assertThat(changes).isNotEmpty();
        assertThat(changes.toString()).doesNotContain(KEY_MARKER).contains("api_key=set");
    }

    @Test
    void theKeysCiphertextDoesNotDecryptForAnotherFirm() {
        configure(ProviderRegion.EU);
        byte[] ciphertext = sqlAs(
                admin,
                jdbc -> jdbc.sql("SELECT api_key_ciphertext FROM lexvault.assistant_settings WHERE tenant_id = :tenant")
                        .param("tenant", firm.value())
                        .query(byte[].class)
                        .single());
        assertThat(new String(as(admin, () -> encryption.decrypt(ciphertext, ProviderSettings.keyContext(firm)))))
                .isEqualTo(KEY_MARKER);

        var otherFirm = aFirm("Elsewhere");
        var otherAdmin = withRole(otherFirm, BuiltInRole.ADMINISTRATOR);
        assertThatThrownBy(
                        () -> as(otherAdmin, () -> encryption.decrypt(ciphertext, ProviderSettings.keyContext(firm))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        as(otherAdmin, () -> encryption.decrypt(ciphertext, ProviderSettings.keyContext(otherFirm))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theFixturesPointAFirmAtTheRecordingServer() {
        as(admin, () -> settings.change(AssistantProviderFixtures.openAiCompatible(server)));
        server.answer("Fine.");

        var model = decide(attorney).model();
        assertThat(model).isNotNull();
        assertThat(model.answer(PROMPT, piece -> {}).text()).isEqualTo("Fine.");
        assertThat(server.everythingReceived())
                .contains(
                        "Bearer " + AssistantProviderFixtures.API_KEY, AssistantProviderFixtures.MODEL, PROMPT.user());
    }

    @Test
    void theOfflineAnswererIsTheDefaultAndNamed() {
        var decision = decide(attorney);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.model()).isNull();
        assertThat(decision.rule()).contains("offline answerer");
    }

    @Test
    void theFirmSwitchedOffWinsOverEverythingElseAndIsNamed() {
        configure(ProviderKind.OPENAI_COMPATIBLE, ProviderRegion.EU, false, null, null);
        as(admin, () -> settings.setClientRule(client.value(), ClientRule.OFF));
        as(admin, () -> settings.switchUser(attorney.id().value(), false));

        var decision = decide(attorney);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.model()).isNull();
        assertThat(decision.rule()).contains("switched off for the whole firm");
    }

    @Test
    void theClientSwitchedOffWinsOverTheUserAndIsNamed() {
        configure(ProviderRegion.EU);
        as(admin, () -> settings.setClientRule(client.value(), ClientRule.OFF));
        as(admin, () -> settings.switchUser(attorney.id().value(), false));

        var decision = decide(attorney);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).contains("client's outside-counsel guidelines switch the assistant off");
        assertThat(events(AuditFilters.onTarget(AuditAction.ASSISTANT_CLIENT_POLICY_CHANGED, client.value())))
                .hasSize(1);
    }

    @Test
    void aUserSwitchedOffIsRefusedAndOthersAreNot() {
        configure(ProviderRegion.EU);
        as(admin, () -> settings.switchUser(attorney.id().value(), false));

        assertThat(decide(attorney).allowed()).isFalse();
        assertThat(decide(attorney).rule()).contains("switched off for your account");
        assertThat(decide(admin).allowed()).isTrue();
        assertThat(decide(admin).model()).isNotNull();
    }

    @Test
    void aLocalOnlyClientGetsTheOfflineAnswererInsteadOfAnEuProvider() {
        configure(ProviderRegion.EU);
        as(admin, () -> settings.setClientRule(client.value(), ClientRule.LOCAL_ONLY));

        var decision = decide(attorney);

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.model()).isNull();
        assertThat(decision.rule()).contains("only local or offline", "instead of", "region EU");
    }

    @Test
    void aLocalOnlyClientMayUseTheFirmsOwnServer() {
        configure(ProviderRegion.LOCAL);
        as(admin, () -> settings.setClientRule(client.value(), ClientRule.LOCAL_ONLY));

        var decision = decide(attorney);

        assertThat(decision.model()).isNotNull();
        assertThat(decision.rule()).contains("Local or offline only", "allows it");
    }

    @Test
    void anEuOnlyClientGetsTheOfflineAnswererInsteadOfAUsProviderAndTheProviderInTheEu() {
        configure(ProviderRegion.US);
        as(admin, () -> settings.setClientRule(client.value(), ClientRule.EU_ONLY));

        var us = decide(attorney);
        assertThat(us.allowed()).isTrue();
        assertThat(us.model()).isNull();
        assertThat(us.rule()).contains("only EU-region providers", "region US");

        configure(ProviderRegion.EU);
        assertThat(decide(attorney).model()).isNotNull();
    }

    @Test
    void aScreenedAdministratorNeitherSeesNorChangesTheWalledClientsRule() {
        var screened = withRole(firm, BuiltInRole.ADMINISTRATOR);
        as(admin, () -> settings.setClientRule(client.value(), ClientRule.EU_ONLY));
        wall(admin, null, client, "Advised the other side", Member.user(screened.id()));

        assertThat(as(screened, () -> settings.clientRules())).doesNotContainKey(client.value());
        assertThat(as(screened, () -> settings.setClientRule(client.value(), null)))
                .isFalse();
        assertThat(as(screened, () -> settings.setClientRule(client.value(), ClientRule.OFF)))
                .isFalse();
        assertThat(countAs(
                        screened,
                        "SELECT count(*) FROM lexvault.assistant_client_policies WHERE client_id = :client",
                        Map.of("client", client.value())))
                .isZero();
        // Neither the lifting nor the setting above reached it: the rule is still there.
        assertThat(as(admin, () -> settings.clientRule(client.value()))).contains(ClientRule.EU_ONLY);
    }

    @Test
    void theFirmsMonthlyBudgetRefusesOnceSpentAndSaysWhose() {
        configure(ProviderKind.OPENAI_COMPATIBLE, ProviderRegion.EU, true, 100L, null);
        as(attorney, () -> {
            budgets.checkAvailable();
            budgets.record(80, 30);
            return null;
        });

        assertThatThrownBy(() -> as(admin, () -> {
                    budgets.checkAvailable();
                    return null;
                }))
                .isInstanceOf(BudgetSpentException.class)
                .hasMessageContaining("The firm's assistant budget")
                .hasMessageContaining("100 tokens")
                .hasMessageContaining("renews on 1 ");
    }

    @Test
    void eachUsersBudgetIsTheirOwn() {
        configure(ProviderKind.OPENAI_COMPATIBLE, ProviderRegion.EU, true, 1_000_000L, 50L);
        as(attorney, () -> {
            budgets.record(40, 10);
            return null;
        });

        assertThatThrownBy(() -> as(attorney, () -> {
                    budgets.checkAvailable();
                    return null;
                }))
                .isInstanceOf(BudgetSpentException.class)
                .hasMessageContaining("Your own assistant budget");
        as(admin, () -> {
            budgets.checkAvailable();
            return null;
        });
    }

    @Test
    void theSettingsPageIsForThoseWhoConfigureTheAssistant() throws Exception {
        assertThat(http.status(http.signIn(attorney), "/admin/assistant")).isEqualTo(403);
        var page = http.page(http.signIn(admin), "/admin/assistant");
        assertThat(page)
                .contains("Offline answerer", "Test connection", "Nordlicht AB", "name=\"_csrf\"")
                .doesNotContain("<script");
    }

    @Test
    void thePageSavesTheSettingsAndTestsTheConnection() throws Exception {
        var session = http.signIn(admin);
        var saved = send(
                session,
                post("/admin/assistant")
                        .param("enabled", "true")
                        .param("provider", "openai-compatible")
                        .param("baseUrl", server.url())
                        .param("region", "EU")
                        .param("models", "gpt-test\ngpt-big")
                        .param("defaultModel", "gpt-big")
                        .param("apiKey", KEY_MARKER)
                        .param("firmMonthlyTokens", "1,000,000")
                        .param("userMonthlyTokens", ""));
        assertThat(saved.getFlashMap().get("notice")).isEqualTo("The assistant settings were saved.");
        var current = as(admin, () -> settings.current());
        assertThat(current.models()).containsExactly("gpt-test", "gpt-big");
        assertThat(current.answeringModel()).isEqualTo("gpt-big");
        assertThat(current.firmMonthlyTokens()).isEqualTo(1_000_000L);
        assertThat(current.hasApiKey()).isTrue();

        var tested = send(session, post("/admin/assistant/test"));
        assertThat((String) tested.getFlashMap().get("notice")).startsWith("Connected");
        assertThat(server.received()).hasSize(1);
        assertThat(server.received().getFirst().json().path("model").asString()).isEqualTo("gpt-big");
        assertThat(server.received().getFirst().json().path("stream").asBoolean())
                .isFalse();

        server.failWith(500);
        var failed = send(session, post("/admin/assistant/test"));
        assertThat((String) failed.getFlashMap().get("problem")).contains("HTTP 500", "127.0.0.1");

        var refused = send(
                session,
                post("/admin/assistant")
                        .param("provider", "openai-compatible")
                        .param("baseUrl", "http://models.example.com/v1")
                        .param("region", "US")
                        .param("models", "gpt-test"));
        assertThat((String) refused.getFlashMap().get("problem")).contains("https");
    }

    @Test
    void aHangingProviderTimesOutWhileTheRestOfTheApplicationAnswers() throws Exception {
        configure(ProviderRegion.EU);
        server.hang();
        var model = decide(attorney).model();
        assertThat(model).isNotNull();
        // Signed in before (a password check takes a while on a busy machine), so the pages below are
        // ordinary requests.
        var session = http.signIn(admin);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<ModelAnswer> hanging =
                    CompletableFuture.supplyAsync(() -> model.answer(PROMPT, piece -> {}), threads);
            while (server.received().isEmpty()) {
                Thread.sleep(10);
            }

            // While the provider holds its call, other requests are answered.
            assertThat(http.page(session, "/admin/assistant")).contains("AI assistant settings");
            assertThat(http.status(session, "/matters")).isEqualTo(200);
            assertThat(hanging).isNotDone();

            assertThatThrownBy(hanging::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("did not answer within 5 seconds");
        }
    }

    private MvcResult send(Cookie session, MockHttpServletRequestBuilder form) throws Exception {
        return mvc.perform(form.cookie(session).with(csrf())).andReturn();
    }
}
