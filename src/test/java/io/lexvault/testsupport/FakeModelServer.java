package io.lexvault.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's {@code com.sun.net.httpserver}) that speaks a model
 * provider's wire format and RECORDS every request it receives: what LexVault sent out is then
 * asserted on exactly as it left ({@link #received()}, {@link #everythingReceived()}). Behaviours:
 * answer (streamed when the request asks for it), fail with a status, hang before the response, or
 * stall after the first streamed piece. Subclasses: {@link FakeOpenAiServer}, {@link FakeAnthropicServer}.
 *
 * <p>Use: {@code try (var server = FakeOpenAiServer.start()) { ... server.url() ... server.received() }}.
 */
public abstract class FakeModelServer implements AutoCloseable {

    /** One request as it arrived: header names lower-cased. */
    public record Received(String method, String path, Map<String, String> headers, String body) {

        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body as JSON. */
        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    private enum Mode {
        ANSWER,
        FAIL,
        HANG,
        STALL_AFTER_FIRST_PIECE,
        ERROR_AFTER_FIRST_PIECE
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "fake-model-server");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Mode mode = Mode.ANSWER;
    private volatile int failStatus = 500;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile List<String> pieces = List.of("OK");
    private volatile int promptTokens = 12;
    private volatile int answerTokens = 3;

    protected FakeModelServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure as the firm's provider address. */
    public abstract String url();

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Every request received so far, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every body and header value received so far, as one text: to assert that something never left. */
    public String everythingReceived() {
        var all = new StringBuilder();
        for (var request : received) {
            all.append(request.path()).append('\n');
            request.headers()
                    .forEach((name, value) ->
                            all.append(name).append(": ").append(value).append('\n'));
            all.append(request.body()).append("\n\n");
        }
        return all.toString();
    }

    /** Answers with these pieces (one per streamed event; joined when not streamed). */
    public FakeModelServer answer(String... pieces) {
        this.pieces = List.of(pieces);
        this.mode = Mode.ANSWER;
        return this;
    }

    /** The token counts the answers report. */
    public FakeModelServer usage(int promptTokens, int answerTokens) {
        this.promptTokens = promptTokens;
        this.answerTokens = answerTokens;
        return this;
    }

    /** Every request fails with this status and the provider's error body. */
    public FakeModelServer failWith(int status) {
        this.failStatus = status;
        this.failuresLeft.set(Integer.MAX_VALUE);
        this.mode = Mode.FAIL;
        return this;
    }

    /** The next {@code times} requests fail with {@code status}, then the server answers again. */
    public FakeModelServer failNext(int status, int times) {
        this.failStatus = status;
        this.failuresLeft.set(times);
        this.mode = Mode.FAIL;
        return this;
    }

    /** Requests are accepted and read, and never answered (until {@link #close()}). */
    public FakeModelServer hang() {
        this.mode = Mode.HANG;
        return this;
    }

    /** Streams the first piece, then goes silent (until {@link #close()}). */
    public FakeModelServer stallAfterFirstPiece() {
        this.mode = Mode.STALL_AFTER_FIRST_PIECE;
        return this;
    }

    /** Streams the first piece, then the provider's in-stream error event (an overload), and ends. */
    public FakeModelServer errorAfterFirstPiece() {
        this.mode = Mode.ERROR_AFTER_FIRST_PIECE;
        return this;
    }

    public void forgetReceived() {
        received.clear();
    }

    @Override
    public void close() {
        stopped.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    /** The path requests must go to (anything else is a 404, as a real provider would answer). */
    protected abstract String path();

    protected abstract String errorBody(int status);

    /** The provider's error event inside a stream that had begun. */
    protected abstract String midStreamError();

    /** The index of the stream's first event that carries answer text. */
    protected abstract int firstPieceEvent();

    protected abstract String wholeAnswer(JsonNode request, String text, int promptTokens, int answerTokens);

    /** The stream's events, each a complete server-sent event ("event: ..\ndata: ..\n\n" or "data: ..\n\n"). */
    protected abstract List<String> streamEvents(
            JsonNode request, List<String> pieces, int promptTokens, int answerTokens);

    protected static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = new TreeMap<String, String>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            received.add(new Received(
                    exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(headers), body));
            if (!exchange.getRequestURI().getPath().equals(path())
                    || !exchange.getRequestMethod().equals("POST")) {
                send(exchange, 404, "application/json", errorBody(404));
                return;
            }
            Mode now = mode;
            if (now == Mode.FAIL) {
                if (failuresLeft.getAndDecrement() > 0) {
                    send(exchange, failStatus, "application/json", errorBody(failStatus));
                    return;
                }
                mode = Mode.ANSWER;
                now = Mode.ANSWER;
            }
            if (now == Mode.HANG) {
                stopped.await(10, TimeUnit.MINUTES);
                return;
            }
            JsonNode request = JSON.readTree(body);
            if (!request.path("stream").asBoolean(false)) {
                send(
                        exchange,
                        200,
                        "application/json",
                        wholeAnswer(request, String.join("", pieces), promptTokens, answerTokens));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            var events = new ArrayList<>(streamEvents(request, pieces, promptTokens, answerTokens));
            for (int i = 0; i < events.size(); i++) {
                out.write(events.get(i).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (now == Mode.STALL_AFTER_FIRST_PIECE && i == firstPieceEvent()) {
                    stopped.await(10, TimeUnit.MINUTES);
                    return;
                }
                if (now == Mode.ERROR_AFTER_FIRST_PIECE && i == firstPieceEvent()) {
                    out.write(midStreamError().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (a timeout on its side): nothing to answer.
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
