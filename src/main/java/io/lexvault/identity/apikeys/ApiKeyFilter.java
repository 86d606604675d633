package io.lexvault.identity.apikeys;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lexvault.identity.ApiKeys;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer lvk_...} on {@code /api/**}: the request acts as the key's owner with
 * the key's effective permissions, for this request only (no session is created or used). A bearer
 * value that is not a working key is answered 401 at once, never by falling back to a session
 * cookie sent along with it. Refused keys count per client address; after too many, 429.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String BEARER = "Bearer ";

    /** Wrong keys allowed per client address and hour: far more than typos, far too few to guess. */
    private static final BucketConfiguration REFUSALS = BucketConfiguration.builder()
            .addLimit(Bandwidth.builder()
                    .capacity(30)
                    .refillGreedy(30, Duration.ofHours(1))
                    .build())
            .build();

    private final ApiKeys keys;
    private final ProxyManager<String> buckets;
    private final ProblemWriter problems;
    private final SecurityEvents events;

    ApiKeyFilter(ApiKeys keys, ProxyManager<String> buckets, ProblemWriter problems, SecurityEvents events) {
        this.keys = keys;
        this.buckets = buckets;
        this.problems = problems;
        this.events = events;
    }

    static boolean carriesBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(request.getRequestURI().startsWith(request.getContextPath() + "/api/") && carriesBearer(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var origin = RequestOrigin.of(request);
        String bucket = "api-key-refusals:" + origin.address();
        // A proxy reads nothing until asked; the locking read happens only for an address that has
        // been refused before (ApiKeys.authenticate), still before the key is checked any further.
        var refusals = buckets.getProxy(bucket, () -> REFUSALS);
        String presented =
                request.getHeader("Authorization").substring(BEARER.length()).strip();
        var attempt = keys.authenticate(presented, bucket, () -> refusals.getAvailableTokens() <= 0);
        if (attempt.throttled()) {
            var probe = refusals.estimateAbilityToConsume(1);
            response.setHeader(
                    "Retry-After", String.valueOf(Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000_000L)));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS);
            return;
        }
        var caller = attempt.caller();
        if (caller == null) {
            refusals.tryConsume(1);
            events.publish(SecurityEventType.API_KEY_REFUSED, null, null, null, origin, Map.of());
            problems.write(request, response, HttpStatus.UNAUTHORIZED);
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(caller);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
