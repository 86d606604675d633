package io.lexvault.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A recording Anthropic Messages API server ({@code POST /v1/messages}, streamed as named server-sent
 * events: message_start, content_block_start, ping, content_block_delta, content_block_stop,
 * message_delta, message_stop). Its {@link #url()} is the base URL as for api.anthropic.com. See
 * {@link FakeModelServer} for the behaviours.
 */
public final class FakeAnthropicServer extends FakeModelServer {

    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer();
    }

    @Override
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    protected String path() {
        return "/v1/messages";
    }

    @Override
    protected String midStreamError() {
        return event(
                "error", Map.of("type", "error", "error", Map.of("type", "overloaded_error", "message", "Overloaded")));
    }

    @Override
    protected int firstPieceEvent() {
        return 3;
    }

    @Override
    protected String errorBody(int status) {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
        return json(Map.of("type", "error", "error", Map.of("type", type, "message", "fake failure " + status)));
    }

    @Override
    protected String wholeAnswer(JsonNode request, String text, int promptTokens, int answerTokens) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("id", "msg_fake");
        answer.put("type", "message");
        answer.put("role", "assistant");
        answer.put("model", request.path("model").asString(""));
        answer.put("content", List.of(Map.of("type", "text", "text", text)));
        answer.put("stop_reason", "end_turn");
        answer.put("usage", Map.of("input_tokens", promptTokens, "output_tokens", answerTokens));
        return json(answer);
    }

    @Override
    protected List<String> streamEvents(JsonNode request, List<String> pieces, int promptTokens, int answerTokens) {
        var events = new ArrayList<String>();
        events.add(event(
                "message_start",
                Map.of(
                        "type",
                        "message_start",
                        "message",
                        Map.of(
                                "id",
                                "msg_fake",
                                "type",
                                "message",
                                "role",
                                "assistant",
                                "content",
                                List.of(),
                                "model",
                                request.path("model").asString(""),
                                "usage",
                                Map.of("input_tokens", promptTokens, "output_tokens", 1)))));
        events.add(event(
                "content_block_start",
                Map.of(
                        "type",
                        "content_block_start",
                        "index",
                        0,
                        "content_block",
                        Map.of("type", "text", "text", ""))));
        events.add(event("ping", Map.of("type", "ping")));
        for (String piece : pieces) {
            events.add(event(
                    "content_block_delta",
                    Map.of(
                            "type",
                            "content_block_delta",
                            "index",
                            0,
                            "delta",
                            Map.of("type", "text_delta", "text", piece))));
        }
        events.add(event("content_block_stop", Map.of("type", "content_block_stop", "index", 0)));
        events.add(event(
                "message_delta",
                Map.of(
                        "type", "message_delta",
                        "delta", Map.of("stop_reason", "end_turn"),
                        "usage", Map.of("output_tokens", answerTokens))));
        events.add(event("message_stop", Map.of("type", "message_stop")));
        return events;
    }

    private static String event(String name, Map<String, Object> data) {
        return "event: " + name + "\ndata: " + json(data) + "\n\n";
    }
}
