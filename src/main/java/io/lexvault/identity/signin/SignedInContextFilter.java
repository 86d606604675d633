package io.lexvault.identity.signin;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.ApiKeyAuthentication;
import io.lexvault.identity.Authorities;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantStatus;
import io.lexvault.tenancy.Tenants;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * For a signed-in request: ends the session once it is older than the absolute limit (however
 * active it is) or its firm has been locked, and otherwise binds the user's firm and id for
 * everything the request does, so every transaction it starts carries them to PostgreSQL.
 */
class SignedInContextFilter extends OncePerRequestFilter {

    private final Duration absoluteTimeout;
    private final Tenants tenants;
    private final SignInSteps steps;
    private final AccessGrants grants;
    private final SecurityEvents events;
    private final Clock clock;

    SignedInContextFilter(
            Duration absoluteTimeout,
            Tenants tenants,
            SignInSteps steps,
            AccessGrants grants,
            SecurityEvents events,
            Clock clock) {
        this.absoluteTimeout = absoluteTimeout;
        this.tenants = tenants;
        this.steps = steps;
        this.grants = grants;
        this.events = events;
        this.clock = clock;
    }

    private static boolean mayPassDuringEnrolment(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(SignInSteps.ENROLMENT_PAGE)
                || path.startsWith("/webauthn/register/")
                || path.equals("/webauthn/register")
                || path.startsWith(SignInSteps.CONFIRM_PAGE)
                || path.equals("/logout")
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.equals("/error");
    }

    /** The request goes on signed out (and is sent to the sign-in page if it needs a user). */
    private void endSession(HttpServletRequest request, SignedInUser user, String reason) {
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        events.publish(
                SecurityEventType.SESSION_EXPIRED,
                user.tenant(),
                user.user(),
                user.user(),
                RequestOrigin.of(request),
                Map.of("reason", reason));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            chain.doFilter(request, response);
            return;
        }
        var session = request.getSession(false);
        if (session != null
                && Instant.ofEpochMilli(session.getCreationTime())
                        .plus(absoluteTimeout)
                        .isBefore(clock.instant())) {
            endSession(request, user, "absolute_timeout");
            chain.doFilter(request, response);
            return;
        }
        try (var scope = TenantContext.open(user.tenantId(), user.user())) {
            if (!(authentication instanceof ApiKeyAuthentication)) {
                // Roles can change while a session lasts: this request acts with what the user may do
                // now, not at sign-in. (API keys compute theirs per request already.)
                var current = SecurityContextHolder.createEmptyContext();
                current.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        user, null, Authorities.of(grants.of(user.tenantId(), user.userId()))));
                SecurityContextHolder.setContext(current);
            }
            // An API key was found in this request only because its firm is active (find_api_key);
            // a session's firm is read again on every request.
            if (!(authentication instanceof ApiKeyAuthentication)
                    && tenants.current().status() != TenantStatus.ACTIVE) {
                // A firm locked by the operator (an incident) serves nobody, already signed in or not.
                endSession(request, user, "firm_locked");
            } else if (SignInSteps.isSensitive(request) && !steps.recentlyAuthenticated(request)) {
                // Adding or removing a way to sign in, or making an API key, needs a fresh proof of
                // identity: a borrowed session alone must not be able to plant a lasting way back in.
                if (request.getRequestURI().startsWith(request.getContextPath() + "/webauthn/")) {
                    response.setHeader("X-LexVault-Confirm", SignInSteps.CONFIRM_PAGE);
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                } else {
                    String path = request.getRequestURI()
                            .substring(request.getContextPath().length());
                    String back = path.startsWith("/account/api-keys")
                            ? "/account/api-keys"
                            : path.startsWith("/admin/invitations")
                                    ? "/admin/invitations"
                                    : path.startsWith("/admin/roles")
                                            ? "/admin/roles"
                                            : path.startsWith("/admin/") ? "/admin/users" : SignInSteps.ENROLMENT_PAGE;
                    response.sendRedirect(request.getContextPath() + SignInSteps.CONFIRM_PAGE + "?next=" + back);
                }
                return;
            } else if (session != null
                    && session.getAttribute(SignInSteps.ENROLMENT_REQUIRED) != null
                    && !mayPassDuringEnrolment(request)) {
                // The firm requires a second factor and this user has none yet: set it up first.
                if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                } else {
                    response.sendRedirect(request.getContextPath() + SignInSteps.ENROLMENT_PAGE);
                }
                return;
            } else {
                chain.doFilter(request, response);
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
