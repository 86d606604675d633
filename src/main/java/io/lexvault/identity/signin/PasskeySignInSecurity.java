package io.lexvault.identity.signin;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.HttpSecurityContribution;
import io.lexvault.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing in with a passkey (WebAuthn), as the filter chain's part. First of identity's contributions
 * (see {@link #getOrder()}), as it was when they were one bean.
 */
@Component
class PasskeySignInSecurity implements HttpSecurityContribution, Ordered {

    /**
     * Identity's contributions keep the order they had inside one bean: filters added before the same
     * filter run in the order they were added (here: refusing DELETE /webauthn/register before
     * {@link SignedInContextFilter}).
     */
    static final int ORDER = 100;

    private final ProviderManager passkeySignIn;
    private final SecurityContextRepository contexts;
    private final SignInSteps steps;

    PasskeySignInSecurity(
            WebAuthnRelyingPartyOperations relyingParty,
            UserRepository users,
            AccessGrants grants,
            Tenants tenants,
            PlatformTransactionManager transactionManager,
            SecurityContextRepository contexts,
            SignInSteps steps) {
        this.passkeySignIn = new ProviderManager(
                new PasskeySignIn(relyingParty, users, grants, tenants, new TransactionTemplate(transactionManager)));
        this.contexts = contexts;
        this.steps = steps;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public List<String> publicPaths() {
        return List.of("/login/webauthn.js", "/webauthn/authenticate/options", "/login/webauthn");
    }

    @Override
    public void contribute(HttpSecurity http, ProblemWriter problems) throws Exception {
        // WebAuthnConfigurer insists on a UserDetailsService; ours (PasskeySignIn) never asks one.
        http.setSharedObject(UserDetailsService.class, username -> {
            throw new UsernameNotFoundException("Passkeys are resolved by PasskeySignIn");
        });
        var passkeyAnswer = new HttpMessageConverterAuthenticationSuccessHandler();
        passkeyAnswer.setRequestCache(new NullRequestCache());
        http.webAuthn(webAuthn -> webAuthn.rpName("LexVault")
                .disableDefaultRegistrationPage(true)
                .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                    @Override
                    public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                        filter.setAuthenticationManager(passkeySignIn);
                        filter.setSecurityContextRepository(contexts);
                        // Not applied to this filter by sessionManagement(): a new id here too.
                        filter.setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
                        filter.setAuthenticationSuccessHandler((request, response, authentication) ->
                                steps.passkeySucceeded(request, response, authentication, passkeyAnswer));
                        return filter;
                    }
                }));
        // Passkeys are removed through Passkeys.remove (policy, event, e-mail), never through
        // Spring Security's own DELETE /webauthn/register/{id}.
        http.addFilterBefore(
                (request, response, chain) -> {
                    var http1 = (HttpServletRequest) request;
                    if ("DELETE".equals(http1.getMethod())
                            && http1.getRequestURI().startsWith(http1.getContextPath() + "/webauthn/register/")) {
                        ((HttpServletResponse) response).sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                        return;
                    }
                    chain.doFilter(request, response);
                },
                AuthorizationFilter.class);
        // Spring Security's passkey sign-in script (/login/webauthn.js), for our own pages.
        http.addFilter(DefaultResourcesFilter.webauthn());
    }
}
