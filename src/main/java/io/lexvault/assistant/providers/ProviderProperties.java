package io.lexvault.assistant.providers;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lexvault.assistant.providers.*}: how long LexVault waits for a model provider and how it stops
 * calling one that fails, so that a slow or dead provider never holds more than a few request threads
 * for a bounded time (docs/security.md, "AI assistant — providers").
 *
 * @param connectTimeout to open the TCP (and TLS) connection
 * @param firstByteTimeout from sending the request to the response's status line and headers
 * @param idleTimeout the longest silence between two pieces of a streamed answer
 * @param answerTimeout the whole answer, however steadily it streams
 * @param attempts tries per question (1 = no retry); only failures before the answer started are tried
 *     again (refused connection, timeout, HTTP 429 or 5xx)
 * @param retryBackoff pause before the next try
 * @param concurrentCallsPerFirm provider calls one firm may have open at once; more fail at once
 * @param breaker the circuit breaker per firm and provider
 */
@ConfigurationProperties("lexvault.assistant.providers")
record ProviderProperties(
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT30S") Duration firstByteTimeout,
        @DefaultValue("PT30S") Duration idleTimeout,
        @DefaultValue("PT3M") Duration answerTimeout,
        @DefaultValue("2") int attempts,
        @DefaultValue("PT0.5S") Duration retryBackoff,
        @DefaultValue("8") int concurrentCallsPerFirm,
        @DefaultValue Breaker breaker) {

    /**
     * @param failureRatePercent the share of failed calls in the window that opens the circuit
     * @param minimumCalls calls in the window before the rate counts
     * @param window the last this many calls
     * @param openFor how long an open circuit refuses calls before letting one through to test
     */
    record Breaker(
            @DefaultValue("50") float failureRatePercent,
            @DefaultValue("4") int minimumCalls,
            @DefaultValue("10") int window,
            @DefaultValue("PT30S") Duration openFor) {

        Breaker {
            if (failureRatePercent <= 0 || failureRatePercent > 100 || minimumCalls < 1 || window < 1) {
                throw new IllegalArgumentException("lexvault.assistant.providers.breaker.* out of range");
            }
        }
    }

    ProviderProperties {
        if (attempts < 1 || attempts > 5) {
            throw new IllegalArgumentException("lexvault.assistant.providers.attempts must be between 1 and 5");
        }
        if (concurrentCallsPerFirm < 1) {
            throw new IllegalArgumentException(
                    "lexvault.assistant.providers.concurrent-calls-per-firm must be at least 1");
        }
        for (var timeout : new Duration[] {connectTimeout, firstByteTimeout, idleTimeout, answerTimeout}) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lexvault.assistant.providers timeouts must be positive");
            }
        }
    }
}
