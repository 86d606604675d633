package io.lexvault.assistant.providers;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Anthropic's Messages API ({@code POST <base>/v1/messages}, API version 2023-06-01), streamed as
 * server-sent events ({@code message_start} with the prompt's tokens, {@code content_block_delta} with
 * text, {@code message_delta} with the answer's tokens, {@code error}).
 */
final class AnthropicMessagesModel extends HttpLanguageModel {

    static final String API_VERSION = "2023-06-01";

    AnthropicMessagesModel(
            ProviderCalls calls,
            ProviderCalls.Target target,
            JsonMapper json,
            String model,
            ProviderRegion region,
            @Nullable String apiKey) {
        super(calls, target, json, model, region, apiKey);
    }

    /** The path after the base URL: {@code https://api.anthropic.com} and {@code .../v1} both work. */
    static String path(String baseUrl) {
        return baseUrl.endsWith("/v1") ? "/messages" : "/v1/messages";
    }

    @Override
    Map<String, String> headers() {
        return apiKey == null
                ? Map.of("anthropic-version", API_VERSION)
                : Map.of("anthropic-version", API_VERSION, "x-api-key", apiKey);
    }

    @Override
    ObjectNode request(ModelPrompt prompt, boolean stream) {
        var request = json.createObjectNode();
        request.put("model", model);
        request.put("max_tokens", prompt.maxAnswerTokens());
        request.put("system", prompt.system());
        request.putArray("messages").addObject().put("role", "user").put("content", prompt.user());
        request.put("stream", stream);
        return request;
    }

    @Override
    ModelAnswer stream(ProviderCalls.Lines lines, Consumer<String> delta)
            throws IOException, ProviderCalls.CallFailure {
        var answer = new StringBuilder();
        int promptTokens = 0;
        int answerTokens = 0;
        for (String data = nextData(lines); data != null; data = nextData(lines)) {
            JsonNode event = parse(data);
            switch (event.path("type").asString("")) {
                case "message_start" -> {
                    JsonNode usage = event.path("message").path("usage");
                    promptTokens = usage.path("input_tokens").asInt(0);
                    answerTokens = usage.path("output_tokens").asInt(0);
                }
                case "content_block_delta" -> {
                    JsonNode piece = event.path("delta");
                    if ("text_delta".equals(piece.path("type").asString(""))
                            && piece.path("text").isString()) {
                        append(answer, piece.path("text").asString(), delta);
                    }
                }
                // Cumulative: the last one counts.
                case "message_delta" ->
                    answerTokens = event.path("usage").path("output_tokens").asInt(answerTokens);
                case "error" ->
                    throw new ProviderCalls.CallFailure(
                            "it reported an error in its answer ("
                                    + safeType(event.path("error").path("type").asString("error")) + ")",
                            true,
                            null);
                case "message_stop" -> {
                    return new ModelAnswer(answer.toString(), provider(), model, promptTokens, answerTokens);
                }
                default -> {
                    // ping, content_block_start and _stop: nothing to keep
                }
            }
        }
        return new ModelAnswer(answer.toString(), provider(), model, promptTokens, answerTokens);
    }

    @Override
    ModelAnswer whole(JsonNode response) throws ProviderCalls.CallFailure {
        if ("error".equals(response.path("type").asString(""))) {
            throw new ProviderCalls.CallFailure("it reported an error", true, null);
        }
        var text = new StringBuilder();
        for (JsonNode block : response.path("content")) {
            if ("text".equals(block.path("type").asString(""))
                    && block.path("text").isString()) {
                text.append(block.path("text").asString());
            }
        }
        JsonNode usage = response.path("usage");
        return new ModelAnswer(
                text.toString(),
                provider(),
                model,
                usage.path("input_tokens").asInt(0),
                usage.path("output_tokens").asInt(0));
    }

    /** Anthropic's error types are short identifiers; anything else is not repeated to the user. */
    private static String safeType(String type) {
        return type.matches("[a-z_]{1,40}") ? type : "error";
    }
}
