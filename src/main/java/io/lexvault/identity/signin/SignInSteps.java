package io.lexvault.identity.signin;

import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.AccountTimeZones;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Service;

/**
 * What happens after the password: straight in, or first the second factor, or (when the firm
 * requires one and the user has none) in but only as far as setting one up.
 */
@Service
public class SignInSteps implements AuthenticationSuccessHandler {

    /** Session attribute: the user must enrol a second factor before doing anything else. */
    static final String ENROLMENT_REQUIRED = "lexvault.mfa-enrolment-required";

    public static final String SECOND_FACTOR_PAGE = "/login/second-factor";
    public static final String CONFIRM_PAGE = "/account/confirm";

    /** Session attribute: when the user last proved who they are (sign-in or confirmation). */
    static final String AUTHENTICATED_AT = "lexvault.authenticated-at";

    /** How long a proof of identity counts for sensitive changes. */
    static final Duration RECENT = Duration.ofMinutes(5);

    private static final RequestMatcher SENSITIVE = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/account/two-factor/**"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/webauthn/register/**"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/webauthn/register"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/account/api-keys"),
            // Every administrative change: a borrowed administrator's session must not be able to
            // invite a lasting administrator, switch policies off or lock people out.
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/admin/**"));

    /** Adding or removing a sign-in factor, making an API key, or any administrative change. */
    static boolean isSensitive(HttpServletRequest request) {
        return SENSITIVE.matches(request);
    }

    public boolean recentlyAuthenticated(HttpServletRequest request) {
        var session = request.getSession(false);
        return session != null
                && session.getAttribute(AUTHENTICATED_AT) instanceof Instant at
                && !at.plus(RECENT).isBefore(clock.instant());
    }

    /** The user has just proved who they are in this session. */
    public void markAuthenticated(HttpServletRequest request) {
        request.getSession().setAttribute(AUTHENTICATED_AT, clock.instant());
    }

    public static final String ENROLMENT_PAGE = "/account/two-factor";

    private final AccountTimeZones timeZones;
    private final SecondFactors secondFactors;
    private final SignInCompletion completion;
    /** How long the second step may wait after the password. */
    static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

    private final SecurityContextRepository contexts;
    private final Clock clock;

    SignInSteps(
            SecondFactors secondFactors,
            SignInCompletion completion,
            SecurityContextRepository contexts,
            Clock clock,
            AccountTimeZones timeZones) {
        this.timeZones = timeZones;
        this.secondFactors = secondFactors;
        this.completion = completion;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** The password was right (form login's success handler). */
    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var user = (SignedInUser) authentication.getPrincipal();
        var origin = RequestOrigin.of(request);
        request.getSession().setAttribute(SignInSessions.ORIGIN_ATTRIBUTE, origin);
        // The sign-in form's script sent the browser's zone: the first one becomes the person's.
        TenantContext.runAs(
                user.tenantId(),
                user.user(),
                () -> timeZones.adoptFromBrowser(user.userId(), request.getParameter("timeZone")));
        boolean enrolled =
                TenantContext.callAs(user.tenantId(), user.user(), () -> secondFactors.isEnrolled(user.userId()));
        if (enrolled) {
            // Signed out until the second factor: an empty context, the sign-in waiting beside it.
            setContext(null, request, response);
            TenantContext.runAs(user.tenantId(), user.user(), () -> secondFactors.passwordProvedRight(user.userId()));
            request.getSession()
                    .setAttribute(PendingSignIn.ATTRIBUTE, new PendingSignIn(authentication, clock.instant()));
            response.sendRedirect(request.getContextPath() + SECOND_FACTOR_PAGE);
            return;
        }
        completion.complete(user, "password", origin);
        markAuthenticated(request);
        boolean required = TenantContext.callAs(user.tenantId(), user.user(), secondFactors::requiredByFirm);
        if (required) {
            request.getSession().setAttribute(ENROLMENT_REQUIRED, Boolean.TRUE);
            response.sendRedirect(request.getContextPath() + ENROLMENT_PAGE);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/");
    }

    /**
     * A passkey sign-in succeeded (complete on its own: see PasskeySignIn). Records it like any
     * sign-in, then answers the page's script as Spring Security does ({@code redirectUrl}).
     */
    void passkeySucceeded(
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication,
            AuthenticationSuccessHandler answer)
            throws IOException, jakarta.servlet.ServletException {
        var user = (SignedInUser) authentication.getPrincipal();
        var origin = RequestOrigin.of(request);
        var session = request.getSession();
        session.setAttribute(SignInSessions.ORIGIN_ATTRIBUTE, origin);
        session.removeAttribute(PendingSignIn.ATTRIBUTE);
        markAuthenticated(request);
        completion.complete(user, "passkey", origin);
        answer.onAuthenticationSuccess(request, response, authentication);
    }

    /** The sign-in waiting for its second factor in this session, if any and not lapsed. */
    public Optional<SignedInUser> pending(HttpServletRequest request) {
        return pendingSignIn(request).map(PendingSignIn::user);
    }

    private Optional<PendingSignIn> pendingSignIn(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session == null || !(session.getAttribute(PendingSignIn.ATTRIBUTE) instanceof PendingSignIn pending)) {
            return Optional.empty();
        }
        if (pending.since().plus(PENDING_LIFETIME).isBefore(clock.instant())) {
            session.removeAttribute(PendingSignIn.ATTRIBUTE);
            return Optional.empty();
        }
        return Optional.of(pending);
    }

    /**
     * Checks the second factor of the pending sign-in. Accepted: the user is signed in with a new
     * session id. Locked: the pending sign-in ends.
     */
    public SecondFactors.Verdict completeWithSecondFactor(
            HttpServletRequest request, HttpServletResponse response, String code) {
        var found = pendingSignIn(request);
        if (found.isEmpty()) {
            return SecondFactors.Verdict.REFUSED;
        }
        var pending = found.get();
        var user = pending.user();
        var verdict =
                TenantContext.callAs(user.tenantId(), user.user(), () -> secondFactors.check(user.userId(), code));
        switch (verdict) {
            case ACCEPTED -> {
                request.getSession().removeAttribute(PendingSignIn.ATTRIBUTE);
                request.changeSessionId();
                setContext(pending.passwordVerified(), request, response);
                markAuthenticated(request);
                completion.complete(user, "password+second_factor", RequestOrigin.of(request));
            }
            case LOCKED -> {
                SecurityContextHolder.clearContext();
                var session = request.getSession(false);
                if (session != null) {
                    session.invalidate();
                }
            }
            case REFUSED -> {}
        }
        return verdict;
    }

    /** Clears the enrolment gate once the user has a second factor. */
    public void enrolmentDone(HttpServletRequest request) {
        var session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ENROLMENT_REQUIRED);
        }
    }

    private void setContext(
            @Nullable Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
