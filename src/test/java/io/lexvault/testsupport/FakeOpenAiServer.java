package io.lexvault.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A recording OpenAI-compatible Chat Completions server ({@code POST /v1/chat/completions}, streamed
 * as {@code data:} chunks ending with {@code data: [DONE]}, usage in a last chunk). Configure a firm
 * with provider "openai-compatible", base URL {@link #url()} and a model; then read what LexVault sent
 * from {@link #received()}. See {@link FakeModelServer} for the behaviours.
 */
public final class FakeOpenAiServer extends FakeModelServer {

    public static FakeOpenAiServer start() {
        return new FakeOpenAiServer();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    @Override
    protected String path() {
        return "/v1/chat/completions";
    }

    @Override
    protected String midStreamError() {
        return "data: " + json(Map.of("error", Map.of("message", "overloaded", "type", "server_error"))) + "\n\n";
    }

    @Override
    protected int firstPieceEvent() {
        return 0;
    }

    @Override
    protected String errorBody(int status) {
        return json(Map.of(
                "error",
                Map.of(
                        "message",
                        "fake failure " + status,
                        "type",
                        status == 429 ? "rate_limit_exceeded" : "server_error")));
    }

    @Override
    protected String wholeAnswer(JsonNode request, String text, int promptTokens, int answerTokens) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", "chatcmpl-fake");
        answer.put("object", "chat.completion");
        answer.put("model", request.path("model").asString(""));
        answer.put(
                "choices",
                List.of(Map.of(
                        "index", 0, "message", Map.of("role", "assistant", "content", text), "finish_reason", "stop")));
        answer.put("usage", usageOf(promptTokens, answerTokens));
        return json(answer);
    }

    @Override
    protected List<String> streamEvents(JsonNode request, List<String> pieces, int promptTokens, int answerTokens) {
        String model = request.path("model").asString("");
        var events = new ArrayList<String>();
        for (String piece : pieces) {
            events.add("data: "
                    + json(Map.of(
                            "id",
                            "chatcmpl-fake",
                            "object",
                            "chat.completion.chunk",
                            "model",
                            model,
                            "choices",
                            List.of(Map.of("index", 0, "delta", Map.of("content", piece)))))
                    + "\n\n");
        }
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            events.add("data: "
                    + json(Map.of(
                            "id",
                            "chatcmpl-fake",
                            "object",
                            "chat.completion.chunk",
                            "choices",
                            List.of(),
                            "usage",
                            usageOf(promptTokens, answerTokens)))
                    + "\n\n");
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static Map<String, Object> usageOf(int promptTokens, int answerTokens) {
        return Map.of(
                "prompt_tokens", promptTokens,
                "completion_tokens", answerTokens,
                "total_tokens", promptTokens + answerTokens);
    }
}
