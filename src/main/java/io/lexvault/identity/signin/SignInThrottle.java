package io.lexvault.identity.signin;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.internal.SecurityEvents;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Per source address, at most N attempts at a public form (sign-in, password reset) per period (a token bucket refilled evenly), kept in
 * PostgreSQL so that every app node counts against the same bucket. Slows password spraying across
 * many accounts, which the per-account lockout cannot see. Over the limit: 429 with Retry-After.
 */
class SignInThrottle extends OncePerRequestFilter {

    private final String name;
    private final RequestMatcher guarded;
    private final ProxyManager<String> buckets;
    private final BucketConfiguration limit;
    private final SecurityEvents events;

    /**
     * @param name the bucket family, e.g. {@code sign-in}
     * @param guarded the requests that draw from the bucket (POST of one form)
     */
    SignInThrottle(
            String name,
            RequestMatcher guarded,
            int attempts,
            Duration period,
            ProxyManager<String> buckets,
            SecurityEvents events) {
        this.name = name;
        this.guarded = guarded;
        this.buckets = buckets;
        this.limit = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(attempts)
                        .refillGreedy(attempts, period)
                        .build())
                .build();
        this.events = events;
    }

    static RequestMatcher post(String path) {
        return PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
    }

    /**
     * A successful sign-in gives its attempt back, so that colleagues behind one office address are
     * limited by their failures, not by their number.
     */
    void refund(RequestOrigin origin) {
        bucketFor(origin).addTokens(1);
    }

    private io.github.bucket4j.distributed.BucketProxy bucketFor(RequestOrigin origin) {
        return buckets.getProxy(name + ":" + sourceKey(origin.address()), () -> limit);
    }

    /**
     * The unit an attacker controls: one IPv4 address, but a whole IPv6 /64, which a single
     * household or server usually holds (counting single IPv6 addresses would give it 2^64 buckets).
     */
    static String sourceKey(String address) {
        if (!address.contains(":")) {
            return address;
        }
        try {
            // A literal with a colon is parsed, never looked up in DNS.
            byte[] bytes = InetAddress.getByName(address).getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : address;
        } catch (UnknownHostException e) {
            return address;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !guarded.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var origin = RequestOrigin.of(request);
        var probe = bucketFor(origin).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfterSeconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        events.publish(SecurityEventType.SIGN_IN_THROTTLED, null, null, null, origin, Map.of("form", name));
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.sendError(HttpStatus.TOO_MANY_REQUESTS.value());
    }
}
