package io.lexvault.identity;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.lexvault.crypto.LocalSecrets;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.HttpSecurityContribution;
import io.lexvault.web.ProblemWriter;
import io.lexvault.web.PublicAddress;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpMessageConverterAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.ui.DefaultResourcesFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sign-in, sessions and throttling, plugged into the web module's filter chain. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Where the signed-in user is kept between requests: the (JDBC) session. */
    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    @Bean
    PublicKeyCredentialUserEntityRepository passkeyUsers(JdbcOperations jdbc) {
        return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    }

    @Bean
    UserCredentialRepository passkeyCredentials(
            JdbcOperations jdbc,
            SecurityEvents events,
            UserRepository users,
            AccountNotices notices,
            PlatformTransactionManager transactionManager) {
        return new PasskeyCredentials(
                new JdbcUserCredentialRepository(jdbc),
                events,
                users,
                notices,
                new TransactionTemplate(transactionManager));
    }

    /**
     * The relying party: LexVault at {@code lexvault.public-url}, whose host is the passkeys' scope
     * (rpId) and whose origin is the only one a passkey answer is accepted from (phishing sites get
     * nothing a passkey would sign). User verification (PIN or biometric) is required, so that a
     * passkey alone is a two-factor sign-in.
     */
    @Bean
    WebAuthnRelyingPartyOperations relyingParty(
            PublicKeyCredentialUserEntityRepository userEntities,
            UserCredentialRepository credentials,
            PublicAddress publicAddress) {
        URI site = URI.create(publicAddress.publicUrl());
        boolean defaultPort = site.getPort() < 0
                || site.getPort() == 443 && "https".equals(site.getScheme())
                || site.getPort() == 80 && "http".equals(site.getScheme());
        // Browsers send the origin without a default port: "https://host", never "https://host:443".
        String origin = site.getScheme() + "://" + site.getHost() + (defaultPort ? "" : ":" + site.getPort());
        var relyingParty = new Webauthn4JRelyingPartyOperations(
                userEntities,
                credentials,
                PublicKeyCredentialRpEntity.builder()
                        .id(site.getHost())
                        .name("LexVault")
                        .build(),
                Set.of(origin));
        relyingParty.setCustomizeCreationOptions(options -> {
            // The authenticator shows the e-mail address and name, not the internal principal name.
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
                var stored = userEntities.findByUsername(user.getName());
                if (stored != null) {
                    options.user(ImmutablePublicKeyCredentialUserEntity.builder()
                            .id(stored.getId())
                            .name(user.email())
                            .displayName(user.displayName())
                            .build());
                }
            }
            options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                    .residentKey(ResidentKeyRequirement.REQUIRED)
                    .userVerification(UserVerificationRequirement.REQUIRED)
                    .build());
        });
        relyingParty.setCustomizeRequestOptions(
                options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return relyingParty;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new PasswordHashing();
    }

    /**
     * The server secret API keys are hashed with: {@code lexvault.identity.api-key-secret}
     * (LEXVAULT_IDENTITY_APIKEYSECRET; every node of a cluster needs the same one), else one generated
     * once under the data directory.
     */
    @Bean
    ServerKeyedHash serverKeyedHash(
            @Value("${lexvault.identity.api-key-secret:}") String configured,
            @Value("${lexvault.data-dir:var}") String dataDirectory) {
        String secret = configured.isBlank()
                ? LocalSecrets.readOrCreate(Path.of(dataDirectory), "api-key-hmac-secret", () -> {
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                })
                : configured;
        return new ServerKeyedHash(secret);
    }

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("lexvault.rate_limit_buckets")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    @Bean
    RateLimitHousekeeping rateLimitHousekeeping(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        return new RateLimitHousekeeping(buckets);
    }

    @Bean
    HttpSecurityContribution identitySecurity(
            UserRepository users,
            PasswordEncoder passwords,
            AccessGrants grants,
            SecurityEvents events,
            PlatformTransactionManager transactionManager,
            ProxyManager<String> buckets,
            IdentityProperties properties,
            ApiKeys apiKeys,
            Tenants tenants,
            SignInSteps steps,
            SignInCompletion completion,
            AccountNotices notices,
            WebAuthnRelyingPartyOperations relyingParty,
            SingleSignOn singleSignOn,
            PublicAddress publicAddress,
            SecurityContextRepository contexts,
            Clock clock) {
        var signIn = new PasswordSignIn(
                users,
                passwords,
                grants,
                events,
                notices,
                new TransactionTemplate(transactionManager),
                properties.lockout(),
                clock);
        var throttle = new SignInThrottle(
                "sign-in",
                SignInThrottle.post("/login"),
                properties.signInThrottle().attempts(),
                properties.signInThrottle().period(),
                buckets,
                events);
        // Each reset request sends an e-mail: few per address, so nobody can flood an inbox from here.
        var signupThrottle =
                new SignInThrottle("signup", SignInThrottle.post("/signup"), 5, Duration.ofHours(1), buckets, events);
        var resetThrottle = new SignInThrottle(
                "password-reset", SignInThrottle.post("/password-reset"), 5, Duration.ofHours(1), buckets, events);
        var signedIn = new SignedInContextFilter(
                properties.sessions().absoluteTimeout(), tenants, steps, grants, events, clock);
        var passkeySignIn = new ProviderManager(
                new PasskeySignIn(relyingParty, users, grants, tenants, new TransactionTemplate(transactionManager)));
        var firmRegistrations = new FirmClientRegistrations(tenants, singleSignOn, publicAddress.publicUrl());
        var ssoSignIn = new SsoSignIn(
                tenants,
                singleSignOn,
                grants,
                completion,
                contexts,
                events,
                steps,
                new TransactionTemplate(transactionManager));
        var authorizationRequests =
                new DefaultOAuth2AuthorizationRequestResolver(firmRegistrations, "/oauth2/authorization");
        // PKCE for our confidential client too: a stolen authorization code is useless without the verifier.
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return new HttpSecurityContribution() {
            @Override
            public List<String> publicPaths() {
                return List.of(
                        "/login",
                        SignInSteps.SECOND_FACTOR_PAGE,
                        "/password-reset",
                        "/password-reset/**",
                        "/login/webauthn.js",
                        "/webauthn/authenticate/options",
                        "/login/webauthn",
                        "/invitations/**",
                        "/signup",
                        "/password-strength",
                        "/signup/**",
                        "/sso",
                        "/oauth2/authorization/**",
                        "/login/oauth2/code/**");
            }

            @Override
            public void contribute(HttpSecurity http, ProblemWriter problems) throws Exception {
                var failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
                // The default keeps the exception in a new session: a session per failed attempt.
                failure.setAllowSessionCreation(false);
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
                            var http1 = (jakarta.servlet.http.HttpServletRequest) request;
                            if ("DELETE".equals(http1.getMethod())
                                    && http1.getRequestURI()
                                            .startsWith(http1.getContextPath() + "/webauthn/register/")) {
                                ((HttpServletResponse) response).sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                                return;
                            }
                            chain.doFilter(request, response);
                        },
                        AuthorizationFilter.class);
                // Spring Security's passkey sign-in script (/login/webauthn.js), for our own pages.
                http.addFilter(DefaultResourcesFilter.webauthn());
                var ssoFailure = new SimpleUrlAuthenticationFailureHandler("/login?sso-error");
                ssoFailure.setAllowSessionCreation(false);
                http.oauth2Login(oauth -> oauth.loginPage("/login")
                        .clientRegistrationRepository(firmRegistrations)
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(authorizationRequests))
                        .successHandler(ssoSignIn)
                        .failureHandler(ssoFailure));
                http.securityContext(context -> context.securityContextRepository(contexts))
                        .authenticationProvider(signIn)
                        .formLogin(form -> form.loginPage("/login")
                                .loginProcessingUrl("/login")
                                .usernameParameter("email")
                                .passwordParameter("password")
                                .successHandler((request, response, authentication) -> {
                                    throttle.refund(RequestOrigin.of(request));
                                    steps.onAuthenticationSuccess(request, response, authentication);
                                })
                                .failureHandler(failure))
                        .logout(logout -> logout.logoutUrl("/logout")
                                .addLogoutHandler((request, response, authentication) -> {
                                    if (authentication != null
                                            && authentication.getPrincipal() instanceof SignedInUser user) {
                                        events.publish(
                                                SecurityEventType.SIGNED_OUT,
                                                user.tenant(),
                                                user.user(),
                                                user.user(),
                                                RequestOrigin.of(request),
                                                Map.of());
                                    }
                                })
                                .logoutSuccessHandler((request, response, authentication) -> {
                                    response.setStatus(HttpServletResponse.SC_FOUND);
                                    response.sendRedirect(request.getContextPath() + "/login?signed-out");
                                }))
                        .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                        // A browser cannot attach an Authorization header to a cross-site request without
                        // CORS consent, which LexVault never gives: bearer requests need no CSRF token.
                        .csrf(csrf -> csrf.ignoringRequestMatchers(ApiKeyFilter::carriesBearer))
                        .addFilterAfter(
                                new ApiKeyFilter(apiKeys, buckets, problems, events), SecurityContextHolderFilter.class)
                        .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                        .addFilterBefore(resetThrottle, UsernamePasswordAuthenticationFilter.class)
                        .addFilterBefore(signupThrottle, UsernamePasswordAuthenticationFilter.class)
                        .addFilterBefore(signedIn, AuthorizationFilter.class);
            }
        };
    }

    /** Deletes buckets nobody has touched since they refilled, so the table does not grow forever. */
    static final class RateLimitHousekeeping {
        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        RateLimitHousekeeping(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
            this.buckets = buckets;
        }

        @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
        void removeExpired() {
            while (buckets.removeExpired(1000) == 1000) {
                // keep going in batches until a short one
            }
        }
    }
}
