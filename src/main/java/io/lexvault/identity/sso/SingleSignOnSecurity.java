package io.lexvault.identity.sso;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.SingleSignOn;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.signin.SignInCompletion;
import io.lexvault.identity.signin.SignInSteps;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.HttpSecurityContribution;
import io.lexvault.web.ProblemWriter;
import io.lexvault.web.PublicAddress;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Signing in through the firm's OpenID Connect provider, as the filter chain's part. */
@Component
class SingleSignOnSecurity implements HttpSecurityContribution, Ordered {

    /** After passkeys, before the password form: the order identity's single bean had. */
    static final int ORDER = 200;

    private final FirmClientRegistrations firmRegistrations;
    private final SsoSignIn ssoSignIn;

    SingleSignOnSecurity(
            Tenants tenants,
            SingleSignOn singleSignOn,
            AccessGrants grants,
            SignInCompletion completion,
            SecurityContextRepository contexts,
            SecurityEvents events,
            SignInSteps steps,
            PlatformTransactionManager transactionManager,
            PublicAddress publicAddress) {
        this.firmRegistrations = new FirmClientRegistrations(tenants, singleSignOn, publicAddress.publicUrl());
        this.ssoSignIn = new SsoSignIn(
                tenants,
                singleSignOn,
                grants,
                completion,
                contexts,
                events,
                steps,
                new TransactionTemplate(transactionManager));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public List<String> publicPaths() {
        return List.of("/sso", "/oauth2/authorization/**", "/login/oauth2/code/**");
    }

    @Override
    public void contribute(HttpSecurity http, ProblemWriter problems) throws Exception {
        var authorizationRequests =
                new DefaultOAuth2AuthorizationRequestResolver(firmRegistrations, "/oauth2/authorization");
        // PKCE for our confidential client too: a stolen authorization code is useless without the verifier.
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var ssoFailure = new SimpleUrlAuthenticationFailureHandler("/login?sso-error");
        ssoFailure.setAllowSessionCreation(false);
        http.oauth2Login(oauth -> oauth.loginPage("/login")
                .clientRegistrationRepository(firmRegistrations)
                .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                .successHandler(ssoSignIn)
                .failureHandler(ssoFailure));
    }
}
