package io.lexvault.assistant.web;

import io.lexvault.assistant.AssistantAnswer;
import io.lexvault.assistant.AssistantQuestions;
import io.lexvault.assistant.AssistantRefusedException;
import io.lexvault.web.InvalidRequest;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/matters/{id}/assistant/questions} (docs/api.md): the answer as JSON, or, with
 * {@code Accept: text/event-stream}, the answer's text as {@code delta} events while it is produced and
 * then the whole answer as one {@code answer} event. A matter of another firm, behind a wall or unknown
 * is 404; a bad question 400; a refusal by policy or the injection detector 403; a spent budget 429; a
 * provider that cannot answer 503. Neither the question nor the answer is logged or kept.
 */
@RestController
class AssistantApi {

    /** The request body: the question, nothing else. */
    record QuestionRequest(@Nullable String question) {
        @Override
        public String toString() {
            // Spring's debug logging prints the body it read: never the question.
            return "QuestionRequest[question=(" + (question == null ? 0 : question.length()) + " characters)]";
        }
    }

    private final AssistantQuestions questions;
    private final JsonMapper json;

    AssistantApi(AssistantQuestions questions, JsonMapper json) {
        this.questions = questions;
        this.json = json;
    }

    @PostMapping(
            path = "/api/v1/matters/{id}/assistant/questions",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @RequiresPermission("assistant.use")
    AssistantAnswer ask(@PathVariable UUID id, @RequestBody QuestionRequest body) {
        return questions.ask(id, question(body), delta -> {});
    }

    /**
     * The same, streamed. Nothing is sent before the checks have passed, so a refusal is still a problem
     * response with its status; once the stream has begun, a failure is an {@code error} event.
     */
    @PostMapping(path = "/api/v1/matters/{id}/assistant/questions", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission("assistant.use")
    void stream(@PathVariable UUID id, @RequestBody QuestionRequest body, HttpServletResponse response)
            throws IOException {
        var events = new EventStream(response);
        AssistantAnswer answer;
        try {
            answer = questions.ask(id, question(body), delta -> events.send("delta", Map.of("text", delta)));
        } catch (AssistantRefusedException e) {
            if (!events.started()) {
                throw e; // still a problem response with its status
            }
            events.send("error", Map.of("status", 503, "detail", e.detail().orElse("The assistant could not answer.")));
            return;
        }
        events.send("answer", answer);
    }

    private static String question(@Nullable QuestionRequest body) {
        if (body == null || body.question() == null) {
            throw InvalidRequest.field("question", "a text of at most 8,000 characters");
        }
        return body.question();
    }

    /** Server-sent events written as they come, on the request's own thread (its firm and user bound). */
    private final class EventStream {
        private final HttpServletResponse response;
        private @Nullable OutputStream out;

        EventStream(HttpServletResponse response) {
            this.response = response;
        }

        boolean started() {
            return out != null;
        }

        void send(String event, Object data) {
            try {
                if (out == null) {
                    response.setStatus(HttpStatus.OK.value());
                    response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.setHeader("Cache-Control", "no-store");
                    response.setHeader("X-Accel-Buffering", "no");
                    out = response.getOutputStream();
                }
                // JSON on one line: a newline in the text cannot end the event early.
                String frame = "event: " + event + "\ndata: " + json.writeValueAsString(data) + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the client went away", e);
            }
        }
    }
}
