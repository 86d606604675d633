package io.lexvault.identity.sso;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.Authorities;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.SingleSignOn;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.signin.SignInCompletion;
import io.lexvault.identity.signin.SignInSessions;
import io.lexvault.identity.signin.SignInSteps;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantStatus;
import io.lexvault.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * After the provider's ID token has been verified by Spring Security (signature against the
 * provider's keys, issuer, audience, nonce, expiry): find the LexVault user in the firm whose
 * registration this was, and only there, and sign them in as our own principal.
 */
class SsoSignIn implements AuthenticationSuccessHandler {

    private final Tenants tenants;
    private final SingleSignOn singleSignOn;
    private final AccessGrants grants;
    private final SignInCompletion completion;
    private final SecurityContextRepository contexts;
    private final SecurityEvents events;
    private final SignInSteps steps;
    private final TransactionTemplate transactions;

    SsoSignIn(
            Tenants tenants,
            SingleSignOn singleSignOn,
            AccessGrants grants,
            SignInCompletion completion,
            SecurityContextRepository contexts,
            SecurityEvents events,
            SignInSteps steps,
            TransactionTemplate transactions) {
        this.tenants = tenants;
        this.singleSignOn = singleSignOn;
        this.grants = grants;
        this.completion = completion;
        this.contexts = contexts;
        this.events = events;
        this.steps = steps;
        this.transactions = transactions;
    }

    @Override
    public void onAuthenticationSuccess(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        var token = (OAuth2AuthenticationToken) authentication;
        var oidc = (OidcUser) token.getPrincipal();
        var origin = RequestOrigin.of(request);
        var tenant = tenants.findIdBySlug(token.getAuthorizedClientRegistrationId());
        Authentication signedIn = tenant.isEmpty()
                ? null
                : TenantContext.callAs(
                        tenant.get(),
                        null,
                        () -> transactions.execute(status -> {
                            if (tenants.current().status() != TenantStatus.ACTIVE) {
                                return null;
                            }
                            var account = singleSignOn.resolve(
                                    oidc.getIssuer().toString(),
                                    oidc.getSubject(),
                                    oidc.getEmail() == null ? "" : oidc.getEmail(),
                                    Boolean.TRUE.equals(oidc.getEmailVerified()));
                            if (account.isEmpty()) {
                                return null;
                            }
                            var user = new SignedInUser(
                                    tenant.get().value(),
                                    account.get().id().value(),
                                    account.get().email(),
                                    account.get().displayName());
                            return UsernamePasswordAuthenticationToken.authenticated(
                                    user,
                                    null,
                                    Authorities.of(grants.of(
                                            tenant.get(), account.get().id())));
                        }));
        var context = SecurityContextHolder.createEmptyContext();
        if (signedIn == null) {
            // Never keep the provider's token as a sign-in: the visitor stays signed out.
            SecurityContextHolder.clearContext();
            contexts.saveContext(context, request, response);
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            events.publish(
                    SecurityEventType.SIGN_IN_FAILED,
                    tenant.map(t -> t.value()).orElse(null),
                    null,
                    null,
                    origin,
                    Map.of("reason", "sso_no_matching_user"));
            response.sendRedirect(request.getContextPath() + "/login?sso-error");
            return;
        }
        context.setAuthentication(signedIn);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().setAttribute(SignInSessions.ORIGIN_ATTRIBUTE, origin);
        steps.markAuthenticated(request);
        completion.complete((SignedInUser) signedIn.getPrincipal(), "sso", origin);
        response.sendRedirect(request.getContextPath() + "/");
    }
}
