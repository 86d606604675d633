package io.lexvault.identity;

import io.lexvault.tenancy.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For a signed-in request: ends the session once it is older than the absolute limit (however
 * active it is), and otherwise binds the user's firm and id for everything the request does, so
 * every transaction it starts carries them to PostgreSQL.
 */
class SignedInContextFilter extends OncePerRequestFilter {

    private final Duration absoluteTimeout;
    private final SecurityEvents events;
    private final Clock clock;

    SignedInContextFilter(Duration absoluteTimeout, SecurityEvents events, Clock clock) {
        this.absoluteTimeout = absoluteTimeout;
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            chain.doFilter(request, response);
            return;
        }
        var session = request.getSession(false);
        if (session != null
                && Instant.ofEpochMilli(session.getCreationTime())
                        .plus(absoluteTimeout)
                        .isBefore(clock.instant())) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            events.publish(
                    SecurityEventType.SESSION_EXPIRED,
                    user.tenant(),
                    user.user(),
                    user.user(),
                    RequestOrigin.of(request),
                    Map.of("reason", "absolute_timeout"));
            chain.doFilter(request, response);
            return;
        }
        try (var scope = TenantContext.open(user.tenantId(), user.user())) {
            chain.doFilter(request, response);
        }
    }
}
