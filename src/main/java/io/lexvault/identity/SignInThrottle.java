package io.lexvault.identity;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per source address, at most N sign-in attempts per period (a token bucket refilled evenly), kept in
 * PostgreSQL so that every app node counts against the same bucket. Slows password spraying across
 * many accounts, which the per-account lockout cannot see. Over the limit: 429 with Retry-After.
 */
class SignInThrottle extends OncePerRequestFilter {

    private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/login");

    private final ProxyManager<String> buckets;
    private final BucketConfiguration limit;
    private final SecurityEvents events;

    SignInThrottle(ProxyManager<String> buckets, IdentityProperties.SignInThrottle settings, SecurityEvents events) {
        this.buckets = buckets;
        this.limit = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.attempts())
                        .refillGreedy(settings.attempts(), settings.period())
                        .build())
                .build();
        this.events = events;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SIGN_IN.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var origin = RequestOrigin.of(request);
        var probe = buckets.getProxy("sign-in:" + origin.address(), () -> limit).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        events.publish(SecurityEventType.SIGN_IN_THROTTLED, null, null, null, origin, Map.of());
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
    }
}
