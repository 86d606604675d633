package io.lexvault.testsupport;

import io.lexvault.assistant.providers.ProviderKind;
import io.lexvault.assistant.providers.ProviderRegion;
import io.lexvault.assistant.providers.SettingsChange;
import java.util.List;

/**
 * Settings that point a firm's assistant at a recording fake provider. Saved by someone holding
 * {@code assistant.configure}, in their firm:
 *
 * <pre>{@code
 * try (var server = FakeOpenAiServer.start()) {
 *     server.answer("The lease ends ", "in 2027 [1].");
 *     as(admin, () -> providerSettings.change(AssistantProviderFixtures.openAiCompatible(server)));
 *     // ... ask; then server.received() / server.everythingReceived() hold exactly what left
 * }
 * }</pre>
 */
public final class AssistantProviderFixtures {

    /** The model name the fixtures configure (the fakes answer for any name). */
    public static final String MODEL = "fake-model";

    /** The API key the fixtures configure; the fakes record it in the request headers. */
    public static final String API_KEY = "sk-fake-test-key";

    private AssistantProviderFixtures() {}

    /** An EU-region OpenAI-compatible provider at the server, assistant on, no budgets. */
    public static SettingsChange openAiCompatible(FakeOpenAiServer server) {
        return openAiCompatible(server, ProviderRegion.EU);
    }

    public static SettingsChange openAiCompatible(FakeOpenAiServer server, ProviderRegion region) {
        return new SettingsChange(
                true,
                ProviderKind.OPENAI_COMPATIBLE,
                server.url(),
                region,
                List.of(MODEL),
                MODEL,
                API_KEY,
                false,
                null,
                null);
    }

    /** An EU-region Anthropic provider at the server, assistant on, no budgets. */
    public static SettingsChange anthropic(FakeAnthropicServer server) {
        return new SettingsChange(
                true,
                ProviderKind.ANTHROPIC,
                server.url(),
                ProviderRegion.EU,
                List.of(MODEL),
                MODEL,
                API_KEY,
                false,
                null,
                null);
    }
}
