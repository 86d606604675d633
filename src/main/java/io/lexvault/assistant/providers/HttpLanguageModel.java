package io.lexvault.assistant.providers;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's chat API for one firm, built for each question from the firm's settings (never a
 * shared singleton): the wire format is the subclass's, the timeouts, retries and circuit breaker are
 * {@link ProviderCalls}'.
 */
abstract sealed class HttpLanguageModel implements LanguageModel permits AnthropicMessagesModel, OpenAiCompatibleModel {

    /** The longest answer kept; a provider that goes on beyond it is cut off. */
    static final int MAX_ANSWER_CHARS = 200_000;

    protected final ProviderCalls calls;
    protected final ProviderCalls.Target target;
    protected final JsonMapper json;
    protected final String model;
    protected final ProviderRegion region;
    protected final @Nullable String apiKey;

    HttpLanguageModel(
            ProviderCalls calls,
            ProviderCalls.Target target,
            JsonMapper json,
            String model,
            ProviderRegion region,
            @Nullable String apiKey) {
        this.calls = calls;
        this.target = target;
        this.json = json;
        this.model = model;
        this.region = region;
        this.apiKey = apiKey;
    }

    @Override
    public String provider() {
        return target.kind().key();
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String region() {
        return region.key();
    }

    /**
     * Always true: whatever the region, the prompt leaves LexVault's process for another program, so it
     * is pseudonymised first (even for a server of the firm's own: fail safe).
     */
    @Override
    public boolean external() {
        return true;
    }

    @Override
    public ModelAnswer answer(ModelPrompt prompt, Consumer<String> delta) {
        return calls.post(
                target, headers(), json.writeValueAsString(request(prompt, true)), lines -> stream(lines, delta));
    }

    /** The whole answer in one response (no streaming): the connection test, and callers that need no pieces. */
    ModelAnswer complete(ModelPrompt prompt) {
        return calls.post(target, headers(), json.writeValueAsString(request(prompt, false)), lines -> {
            var body = new StringBuilder();
            for (String line = lines.next(); line != null; line = lines.next()) {
                body.append(line).append('\n');
            }
            return whole(parse(body.toString()));
        });
    }

    abstract Map<String, String> headers();

    abstract ObjectNode request(ModelPrompt prompt, boolean stream);

    /** Reads a streamed (server-sent events) answer, handing each piece of text to {@code delta}. */
    abstract ModelAnswer stream(ProviderCalls.Lines lines, Consumer<String> delta)
            throws IOException, ProviderCalls.CallFailure;

    abstract ModelAnswer whole(JsonNode response) throws ProviderCalls.CallFailure;

    /** The data of the next server-sent event's {@code data:} line; null at the end of the stream. */
    static @Nullable String nextData(ProviderCalls.Lines lines) throws IOException, ProviderCalls.CallFailure {
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line.startsWith("data:")) {
                return line.substring(5).strip();
            }
        }
        return null;
    }

    JsonNode parse(String data) throws ProviderCalls.CallFailure {
        try {
            return json.readTree(data);
        } catch (JacksonException e) {
            throw new ProviderCalls.CallFailure("its answer could not be read (not the expected JSON)", false, e);
        }
    }

    static void append(StringBuilder answer, String piece, Consumer<String> delta) throws ProviderCalls.CallFailure {
        if (piece.isEmpty()) {
            return;
        }
        if (answer.length() + piece.length() > MAX_ANSWER_CHARS) {
            throw new ProviderCalls.CallFailure("the answer was too long", false, null);
        }
        answer.append(piece);
        delta.accept(piece);
    }
}
