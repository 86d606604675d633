package io.lexvault.identity.signin;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.AccountNotices;
import io.lexvault.identity.internal.IdentityProperties;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.HttpSecurityContribution;
import io.lexvault.web.ProblemWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The password form, sign-out, the session and what every signed-in request passes through
 * ({@link SignedInContextFilter}), plus the throttles on the forms anyone can post (sign-in,
 * password reset, sign-up), as the filter chain's part.
 */
@Component
class PasswordSignInSecurity implements HttpSecurityContribution, Ordered {

    /** After passkeys and single sign-on, before API keys: the order identity's single bean had. */
    static final int ORDER = 300;

    private final PasswordSignIn signIn;
    private final SignInThrottle throttle;
    private final SignInThrottle signupThrottle;
    private final SignInThrottle resetThrottle;
    private final SignedInContextFilter signedIn;
    private final SignInSteps steps;
    private final SecurityEvents events;
    private final SecurityContextRepository contexts;

    PasswordSignInSecurity(
            UserRepository users,
            PasswordEncoder passwords,
            AccessGrants grants,
            SecurityEvents events,
            PlatformTransactionManager transactionManager,
            ProxyManager<String> buckets,
            IdentityProperties properties,
            Tenants tenants,
            SignInSteps steps,
            AccountNotices notices,
            SecurityContextRepository contexts,
            Clock clock) {
        this.signIn = new PasswordSignIn(
                users,
                passwords,
                grants,
                events,
                notices,
                new TransactionTemplate(transactionManager),
                properties.lockout(),
                clock);
        this.throttle = new SignInThrottle(
                "sign-in",
                SignInThrottle.post("/login"),
                properties.signInThrottle().attempts(),
                properties.signInThrottle().period(),
                buckets,
                events);
        // Each reset request sends an e-mail: few per address, so nobody can flood an inbox from here.
        this.signupThrottle =
                new SignInThrottle("signup", SignInThrottle.post("/signup"), 5, Duration.ofHours(1), buckets, events);
        this.resetThrottle = new SignInThrottle(
                "password-reset", SignInThrottle.post("/password-reset"), 5, Duration.ofHours(1), buckets, events);
        this.signedIn = new SignedInContextFilter(
                properties.sessions().absoluteTimeout(), tenants, steps, grants, events, clock);
        this.steps = steps;
        this.events = events;
        this.contexts = contexts;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public List<String> publicPaths() {
        return List.of(
                "/login",
                SignInSteps.SECOND_FACTOR_PAGE,
                "/password-reset",
                "/password-reset/**",
                "/invitations/**",
                "/signup",
                "/password-strength",
                "/signup/**");
    }

    @Override
    public void contribute(HttpSecurity http, ProblemWriter problems) throws Exception {
        var failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        // The default keeps the exception in a new session: a session per failed attempt.
        failure.setAllowSessionCreation(false);
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
                            if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
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
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(resetThrottle, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(signupThrottle, UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(signedIn, AuthorizationFilter.class);
    }
}
