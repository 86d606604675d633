package io.lexvault.assistant.providers;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAI-compatible Chat Completions ({@code POST <base>/chat/completions}), the wire format of OpenAI,
 * Azure OpenAI's v1 endpoint, Mistral, vLLM, Ollama and llama.cpp's server. The base URL includes the
 * version path, e.g. {@code https://api.mistral.ai/v1} or {@code http://localhost:11434/v1}.
 */
final class OpenAiCompatibleModel extends HttpLanguageModel {

    OpenAiCompatibleModel(
            ProviderCalls calls,
            ProviderCalls.Target target,
            JsonMapper json,
            String model,
            ProviderRegion region,
            @Nullable String apiKey) {
        super(calls, target, json, model, region, apiKey);
    }

    static String path() {
        return "/chat/completions";
    }

    @Override
    Map<String, String> headers() {
        return apiKey == null
                ? Map.of("Accept", "application/json, text/event-stream")
                : Map.of("Accept", "application/json, text/event-stream", "Authorization", "Bearer " + apiKey);
    }

    @Override
    ObjectNode request(ModelPrompt prompt, boolean stream) {
        var request = json.createObjectNode();
        request.put("model", model);
        var messages = request.putArray("messages");
        messages.addObject().put("role", "system").put("content", prompt.system());
        messages.addObject().put("role", "user").put("content", prompt.user());
        request.put("max_tokens", prompt.maxAnswerTokens());
        request.put("stream", stream);
        if (stream) {
            // Token counts arrive in a last chunk only when asked for.
            request.putObject("stream_options").put("include_usage", true);
        }
        return request;
    }

    @Override
    ModelAnswer stream(ProviderCalls.Lines lines, Consumer<String> delta)
            throws IOException, ProviderCalls.CallFailure {
        var answer = new StringBuilder();
        int promptTokens = 0;
        int answerTokens = 0;
        for (String data = nextData(lines); data != null && !data.equals("[DONE]"); data = nextData(lines)) {
            JsonNode chunk = parse(data);
            failOnError(chunk);
            JsonNode choices = chunk.path("choices");
            if (choices.isArray() && !choices.isEmpty()) {
                JsonNode content = choices.get(0).path("delta").path("content");
                if (content.isString()) {
                    append(answer, content.asString(), delta);
                }
            }
            JsonNode usage = chunk.path("usage");
            if (usage.isObject()) {
                promptTokens = usage.path("prompt_tokens").asInt(promptTokens);
                answerTokens = usage.path("completion_tokens").asInt(answerTokens);
            }
        }
        return new ModelAnswer(answer.toString(), provider(), model, promptTokens, answerTokens);
    }

    @Override
    ModelAnswer whole(JsonNode response) throws ProviderCalls.CallFailure {
        failOnError(response);
        JsonNode content = response.path("choices").path(0).path("message").path("content");
        if (!content.isString()) {
            throw new ProviderCalls.CallFailure("its answer held no text", false, null);
        }
        JsonNode usage = response.path("usage");
        return new ModelAnswer(
                content.asString(),
                provider(),
                model,
                usage.path("prompt_tokens").asInt(0),
                usage.path("completion_tokens").asInt(0));
    }

    private static void failOnError(JsonNode chunk) throws ProviderCalls.CallFailure {
        if (chunk.has("error")) {
            throw new ProviderCalls.CallFailure("it reported an error in its answer", true, null);
        }
    }
}
