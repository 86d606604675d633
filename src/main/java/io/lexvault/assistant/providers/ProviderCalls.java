package io.lexvault.assistant.providers;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.lexvault.tenancy.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every call to a model provider goes through here: one shared JDK HTTP client on two threads of its
 * own, timeouts for connecting, for the first byte, between streamed pieces and for the whole answer,
 * bounded retries, at most a few calls per firm at once, and a circuit breaker per firm and provider
 * (Resilience4j). A provider that hangs therefore holds at most {@code concurrentCallsPerFirm} request
 * threads of one firm for at most the timeouts, and once its circuit is open not even that: the rest of
 * the application never waits for it (ADR 0014).
 *
 * <p>Nothing of a prompt or an answer is logged: only the provider, the firm, the status and the kind
 * of failure.
 */
@Component
class ProviderCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

    /** A response body larger than this (an error page, a runaway stream) is cut off. */
    static final int MAX_BODY_CHARS = 2_000_000;

    /** Who is called, for whom, and how the user reads its name. */
    record Target(TenantId firm, ProviderKind kind, String displayName, URI uri) {

        String breakerName() {
            return firm + "|" + kind.key() + "|" + uri.getScheme() + "://" + uri.getRawAuthority();
        }
    }

    /** Reads one successful (HTTP 200) response, line by line. */
    interface Reader<T> {
        T read(Lines lines) throws IOException, CallFailure;
    }

    /**
     * A failure of one call, with the sentence the user reads (it names the provider, never the prompt).
     * {@code providerFault}: the provider is down, slow or overloaded (counts against its circuit and may
     * be tried again); {@code started}: part of the answer had arrived, so it is never tried again (the
     * user has already seen that part).
     */
    static final class CallFailure extends Exception {
        private final boolean providerFault;
        private final boolean started;

        CallFailure(String message, boolean providerFault, @Nullable Throwable cause) {
            this(message, providerFault, false, cause);
        }

        CallFailure(String message, boolean providerFault, boolean started, @Nullable Throwable cause) {
            super(message, cause);
            this.providerFault = providerFault;
            this.started = started;
        }

        boolean providerFault() {
            return providerFault;
        }

        boolean retryable() {
            return providerFault && !started;
        }
    }

    private final ProviderProperties properties;
    private final ExecutorService executor;
    private final HttpClient http;
    private final CircuitBreakerRegistry breakers;
    private final Map<TenantId, Semaphore> callsPerFirm = new ConcurrentHashMap<>();

    ProviderCalls(ProviderProperties properties) {
        this.properties = properties;
        var threads = new AtomicInteger();
        // The client's own work (selector hand-offs, body delivery) on two daemon threads: bounded, and
        // never the request threads'.
        this.executor = Executors.newFixedThreadPool(2, runnable -> {
            var thread = new Thread(runnable, "assistant-provider-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .executor(executor)
                // A provider's address is configured as it is: a redirect elsewhere is not followed.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        var breaker = properties.breaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRatePercent())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.window())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .build());
    }

    /** The breaker's state for the target (shown on the settings page, read by tests). */
    CircuitBreaker.State state(Target target) {
        return breakers.circuitBreaker(target.breakerName()).getState();
    }

    /**
     * Posts {@code body} and reads the answer with {@code reader}; tried again (up to the configured
     * attempts) only when it failed before any answer arrived.
     *
     * @throws ProviderUnavailableException with a sentence naming the provider
     */
    <T> T post(Target target, Map<String, String> headers, String body, Reader<T> reader) {
        var breaker = breakers.circuitBreaker(target.breakerName());
        var permits =
                callsPerFirm.computeIfAbsent(target.firm(), firm -> new Semaphore(properties.concurrentCallsPerFirm()));
        if (!permits.tryAcquire()) {
            throw new ProviderUnavailableException(
                    "Too many questions are waiting for " + target.displayName() + " in your firm; try again shortly.");
        }
        try {
            CallFailure last = null;
            for (int attempt = 1; attempt <= properties.attempts(); attempt++) {
                if (!breaker.tryAcquirePermission()) {
                    throw new ProviderUnavailableException(target.displayName()
                            + " failed repeatedly and is not called for a while (circuit open); try again in "
                            + inWords(properties.breaker().openFor()) + ".");
                }
                long started = System.nanoTime();
                try {
                    T result = once(target, headers, body, reader);
                    breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    return result;
                } catch (CallFailure failure) {
                    if (failure.providerFault()) {
                        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, failure);
                    } else {
                        // The provider answered, and refused what we sent (a bad key, an unknown model):
                        // that says nothing about whether it is up.
                        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                    }
                    log.warn(
                            "Assistant provider {} for firm {} failed (attempt {}): {}",
                            target.kind().key(),
                            target.firm(),
                            attempt,
                            failure.getMessage());
                    last = failure;
                    if (!failure.retryable() || attempt == properties.attempts()) {
                        break;
                    }
                    pause();
                }
            }
            throw new ProviderUnavailableException(last.getMessage(), last);
        } finally {
            permits.release();
        }
    }

    private <T> T once(Target target, Map<String, String> headers, String body, Reader<T> reader) throws CallFailure {
        var request = HttpRequest.newBuilder(target.uri())
                .timeout(properties.firstByteTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        var lines = new Lines(
                properties.idleTimeout(),
                System.nanoTime() + properties.answerTimeout().toNanos());
        var status = new CompletableFuture<Integer>();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request.build(), info -> {
            status.complete(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(
                    lines, subscriber -> null, StandardCharsets.UTF_8, null);
        });
        try {
            int code = awaitStatus(target, status, response);
            if (code == 200) {
                try {
                    return reader.read(lines);
                } catch (CallFailure failure) {
                    throw new CallFailure(
                            target.displayName() + ": " + failure.getMessage() + ".",
                            failure.providerFault(),
                            true,
                            failure);
                } catch (IOException e) {
                    throw new CallFailure(
                            target.displayName() + " broke off the answer ("
                                    + e.getClass().getSimpleName() + ").",
                            true,
                            true,
                            e);
                }
            }
            lines.cancel();
            throw refusal(target, code);
        } catch (IOException e) {
            throw new CallFailure(
                    target.displayName() + " could not be reached ("
                            + e.getClass().getSimpleName() + ").",
                    true,
                    e);
        } finally {
            lines.cancel();
            response.cancel(true);
        }
    }

    private int awaitStatus(
            Target target, CompletableFuture<Integer> status, CompletableFuture<HttpResponse<Void>> response)
            throws CallFailure, IOException {
        try {
            CompletableFuture.anyOf(status, response)
                    .get(properties.firstByteTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (status.isDone()) {
                return status.join();
            }
            response.join();
            throw new IOException("No response");
        } catch (TimeoutException e) {
            throw notAnswering(target, e);
        } catch (ExecutionException e) {
            var cause = e.getCause();
            if (cause instanceof HttpTimeoutException timeout) {
                // The request's own timeout (the same first-byte limit) fired first.
                throw notAnswering(target, timeout);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure(target.displayName() + ": the wait was interrupted.", false, e);
        }
    }

    private CallFailure notAnswering(Target target, Exception cause) {
        return new CallFailure(
                target.displayName() + " did not answer within " + inWords(properties.firstByteTimeout()) + ".",
                true,
                cause);
    }

    static String inWords(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " seconds" : duration.toMillis() + " ms";
    }

    private static CallFailure refusal(Target target, int status) {
        String name = target.displayName();
        if (status == 401 || status == 403) {
            return new CallFailure(
                    name + " refused the API key (HTTP " + status
                            + "); an administrator can check it on the assistant settings page.",
                    false,
                    null);
        }
        if (status == 429) {
            return new CallFailure(name + " is rate-limiting this firm (HTTP 429); try again shortly.", true, null);
        }
        if (status >= 500) {
            return new CallFailure(name + " failed on its side (HTTP " + status + "); try again shortly.", true, null);
        }
        return new CallFailure(
                name + " refused the request (HTTP " + status + "); an administrator can check the address and model.",
                false,
                null);
    }

    private void pause() {
        try {
            Thread.sleep(properties.retryBackoff());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }

    /**
     * The response body's lines as they arrive, each waited for at most the idle timeout and all of them
     * within the answer's deadline. The queue is filled by the client's thread; the request thread reads.
     */
    static final class Lines implements Flow.Subscriber<String> {

        private static final Object END = new Object();

        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final Duration idle;
        private final long deadline;
        private volatile Flow.@Nullable Subscription subscription;
        private volatile boolean cancelled;
        private boolean ended;
        private int chars;

        Lines(Duration idle, long deadline) {
            this.idle = idle;
            this.deadline = deadline;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (cancelled) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            queue.add(line);
        }

        @Override
        public void onError(Throwable error) {
            queue.add(error);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        /** The next line, or null at the end of the body. */
        @Nullable
        String next() throws IOException, CallFailure {
            if (ended) {
                return null;
            }
            long wait = Math.min(idle.toNanos(), deadline - System.nanoTime());
            Object item;
            try {
                item = wait <= 0 ? null : queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CallFailure("The wait for the answer was interrupted.", false, e);
            }
            if (item == null) {
                cancel();
                throw new CallFailure("the answer stopped arriving (timeout)", true, null);
            }
            if (item == END) {
                ended = true;
                return null;
            }
            if (item instanceof Throwable error) {
                ended = true;
                throw error instanceof IOException io ? io : new IOException(error);
            }
            String line = (String) item;
            chars += line.length();
            if (chars > MAX_BODY_CHARS) {
                cancel();
                throw new CallFailure("the answer was too long", false, null);
            }
            return line;
        }

        void cancel() {
            cancelled = true;
            var current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
