package io.lexvault.assistant.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FakeAnthropicServer;
import io.lexvault.testsupport.FakeModelServer;
import io.lexvault.testsupport.FakeOpenAiServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real client code (JDK HTTP client, SSE parsing, timeouts, retries, circuit breaker) against real
 * local HTTP servers speaking each provider's wire format, which record what they received.
 */
class LanguageModelWireTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ModelPrompt PROMPT = new ModelPrompt("You answer from the passages.", "What is [1]?", 300);

    private final TenantId firm = new TenantId(UUID.randomUUID());
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (var each : closing) {
            each.close();
        }
    }

    private ProviderCalls calls(int attempts, int breakerMinimumCalls) {
        return calls(attempts, breakerMinimumCalls, Duration.ofSeconds(10));
    }

    /** A first-byte limit of 700 ms, for the providers that hang. */
    private ProviderCalls impatientCalls(int attempts, int breakerMinimumCalls) {
        return calls(attempts, breakerMinimumCalls, Duration.ofMillis(700));
    }

    /** With a first-byte limit long enough that a loaded machine never trips it before the stream starts. */
    private ProviderCalls patientCalls(int attempts) {
        return calls(attempts, 10, Duration.ofSeconds(10));
    }

    private ProviderCalls calls(int attempts, int breakerMinimumCalls, Duration firstByte) {
        var calls = new ProviderCalls(new ProviderProperties(
                Duration.ofSeconds(2),
                firstByte,
                Duration.ofMillis(1500),
                Duration.ofSeconds(10),
                attempts,
                Duration.ofMillis(10),
                4,
                new ProviderProperties.Breaker(50, breakerMinimumCalls, 10, Duration.ofMinutes(5))));
        closing.add(calls);
        return calls;
    }

    private <S extends FakeModelServer> S server(S server) {
        closing.add(server);
        return server;
    }

    private OpenAiCompatibleModel openAi(ProviderCalls calls, FakeOpenAiServer server, String key) {
        return new OpenAiCompatibleModel(
                calls,
                new ProviderCalls.Target(
                        firm,
                        ProviderKind.OPENAI_COMPATIBLE,
                        "The OpenAI-compatible provider at 127.0.0.1:" + server.port(),
                        URI.create(server.url() + OpenAiCompatibleModel.path())),
                JSON,
                "gpt-test",
                ProviderRegion.EU,
                key);
    }

    private AnthropicMessagesModel anthropic(ProviderCalls calls, FakeAnthropicServer server, String key) {
        return new AnthropicMessagesModel(
                calls,
                new ProviderCalls.Target(
                        firm,
                        ProviderKind.ANTHROPIC,
                        "Anthropic at 127.0.0.1:" + server.port(),
                        URI.create(server.url() + AnthropicMessagesModel.path(server.url()))),
                JSON,
                "claude-test",
                ProviderRegion.US,
                key);
    }

    @Test
    void openAiCompatibleAnswerStreamsPieceByPieceWithTokenCounts() {
        var server = server(FakeOpenAiServer.start());
        server.answer("The lease ", "ends in ", "2027 [1].").usage(120, 9);
        var pieces = new CopyOnWriteArrayList<String>();

        var answer = openAi(calls(2, 4), server, "sk-test").answer(PROMPT, pieces::add);

        assertThat(pieces).containsExactly("The lease ", "ends in ", "2027 [1].");
        assertThat(answer)
                .isEqualTo(new ModelAnswer("The lease ends in 2027 [1].", "openai-compatible", "gpt-test", 120, 9));
        var sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/chat/completions");
        assertThat(sent.header("Authorization")).isEqualTo("Bearer sk-test");
        assertThat(sent.json().path("stream").asBoolean()).isTrue();
        assertThat(sent.json().path("model").asString()).isEqualTo("gpt-test");
        assertThat(sent.json().path("max_tokens").asInt()).isEqualTo(300);
        assertThat(sent.json().path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(sent.json().path("messages").get(0).path("content").asString())
                .isEqualTo(PROMPT.system());
        assertThat(sent.json().path("messages").get(1).path("content").asString())
                .isEqualTo(PROMPT.user());
    }

    @Test
    void openAiCompatibleAnswerWithoutStreaming() {
        var server = server(FakeOpenAiServer.start());
        server.answer("O", "K").usage(7, 1);

        var answer = openAi(calls(2, 4), server, "sk-test").complete(PROMPT);

        assertThat(answer).isEqualTo(new ModelAnswer("OK", "openai-compatible", "gpt-test", 7, 1));
        assertThat(server.received().getFirst().json().path("stream").asBoolean())
                .isFalse();
    }

    @Test
    void anthropicAnswerStreamsPieceByPieceWithTokenCounts() {
        var server = server(FakeAnthropicServer.start());
        server.answer("Clause 4 ", "says so [2].").usage(200, 11);
        var pieces = new CopyOnWriteArrayList<String>();

        var answer = anthropic(calls(2, 4), server, "sk-ant-test").answer(PROMPT, pieces::add);

        assertThat(pieces).containsExactly("Clause 4 ", "says so [2].");
        assertThat(answer).isEqualTo(new ModelAnswer("Clause 4 says so [2].", "anthropic", "claude-test", 200, 11));
        var sent = server.received().getFirst();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("sk-ant-test");
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("Authorization")).isNull();
        assertThat(sent.json().path("system").asString()).isEqualTo(PROMPT.system());
        assertThat(sent.json().path("messages").get(0).path("content").asString())
                .isEqualTo(PROMPT.user());
        assertThat(sent.json().path("stream").asBoolean()).isTrue();
    }

    @Test
    void anthropicAnswerWithoutStreaming() {
        var server = server(FakeAnthropicServer.start());
        server.answer("OK").usage(9, 1);

        var answer = anthropic(calls(2, 4), server, "sk-ant-test").complete(PROMPT);

        assertThat(answer).isEqualTo(new ModelAnswer("OK", "anthropic", "claude-test", 9, 1));
    }

    @Test
    void aRateLimitedCallIsTriedOnceMoreAndThenAnswers() {
        var server = server(FakeOpenAiServer.start());
        server.answer("Fine.");
        server.failNext(429, 1);

        var answer = openAi(calls(2, 4), server, "k").answer(PROMPT, piece -> {});

        assertThat(answer.text()).isEqualTo("Fine.");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aServerErrorIsTriedAtMostTheConfiguredTimesAndNamesTheProvider() {
        var server = server(FakeAnthropicServer.start());
        server.failWith(500);

        assertThatThrownBy(() -> anthropic(calls(2, 10), server, "k").answer(PROMPT, piece -> {}))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("Anthropic at 127.0.0.1:" + server.port())
                .hasMessageContaining("HTTP 500")
                .hasMessageNotContaining(PROMPT.user());
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aRefusedKeyIsNotTriedAgainAndSaysSo() {
        var server = server(FakeOpenAiServer.start());
        server.failWith(401);

        assertThatThrownBy(() -> openAi(calls(3, 10), server, "wrong").answer(PROMPT, piece -> {}))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("refused the API key (HTTP 401)");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aHangingProviderTimesOutThenItsCircuitOpensAndItIsNoLongerCalled() {
        var server = server(FakeOpenAiServer.start());
        server.hang();
        var calls = impatientCalls(1, 2);
        var model = openAi(calls, server, "k");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> model.answer(PROMPT, piece -> {}))
                    .isInstanceOf(ProviderUnavailableException.class)
                    .hasMessageContaining("did not answer within 700 ms");
        }
        assertThat(calls.state(targetOf(model))).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> model.answer(PROMPT, piece -> {}))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("circuit open")
                .hasMessageContaining("The OpenAI-compatible provider at 127.0.0.1");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void theCircuitIsPerFirm() {
        var server = server(FakeOpenAiServer.start());
        server.hang();
        var calls = impatientCalls(1, 1);
        assertThatThrownBy(() -> openAi(calls, server, "k").answer(PROMPT, piece -> {}))
                .isInstanceOf(ProviderUnavailableException.class);
        server.answer("Other firm's answer.");

        var otherFirm = new OpenAiCompatibleModel(
                calls,
                new ProviderCalls.Target(
                        new TenantId(UUID.randomUUID()),
                        ProviderKind.OPENAI_COMPATIBLE,
                        "other",
                        URI.create(server.url() + OpenAiCompatibleModel.path())),
                JSON,
                "gpt-test",
                ProviderRegion.EU,
                "k");

        assertThat(otherFirm.answer(PROMPT, piece -> {}).text()).isEqualTo("Other firm's answer.");
    }

    @Test
    void aStreamThatStallsIsCutOffAndNotRepeated() {
        var server = server(FakeAnthropicServer.start());
        server.answer("First piece ", "never sent").stallAfterFirstPiece();
        var pieces = new CopyOnWriteArrayList<String>();

        assertThatThrownBy(() -> anthropic(patientCalls(3), server, "k").answer(PROMPT, pieces::add))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("stopped arriving");
        assertThat(pieces).containsExactly("First piece ");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void anAnthropicErrorEventInTheStreamEndsTheAnswerWithoutRepeatingIt() {
        var server = server(FakeAnthropicServer.start());
        server.answer("Partial ", "rest").errorAfterFirstPiece();
        var pieces = new CopyOnWriteArrayList<String>();

        assertThatThrownBy(() -> anthropic(patientCalls(3), server, "k").answer(PROMPT, pieces::add))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("Anthropic at 127.0.0.1")
                .hasMessageContaining("overloaded_error");
        assertThat(pieces).containsExactly("Partial ");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void anOpenAiErrorChunkInTheStreamEndsTheAnswer() {
        var server = server(FakeOpenAiServer.start());
        server.answer("Partial ", "rest").errorAfterFirstPiece();

        assertThatThrownBy(() -> openAi(patientCalls(3), server, "k").answer(PROMPT, piece -> {}))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("reported an error");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aProviderThatIsNotListeningIsUnavailable() {
        var server = FakeOpenAiServer.start();
        var model = openAi(calls(1, 10), server, "k");
        server.close();

        assertThatThrownBy(() -> model.answer(PROMPT, piece -> {}))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("could not be reached");
    }

    private static ProviderCalls.Target targetOf(HttpLanguageModel model) {
        return model.target;
    }
}
