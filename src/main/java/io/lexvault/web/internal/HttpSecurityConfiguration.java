package io.lexvault.web.internal;

import io.lexvault.web.HttpSecurityContribution;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.CrossOriginResourcePolicyHeaderWriter.CrossOriginResourcePolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter chain every request passes. Denied by default: only health, the error page, static
 * assets and the paths modules declare public are open; everything else needs a signed-in user (and,
 * from the access module on, the handler's declared permission).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class HttpSecurityConfiguration {

    /**
     * No inline script or style anywhere (XSS cannot execute injected markup), no framing
     * (clickjacking), forms post only to us, no plugins, no base-URI tricks.
     */
    static final String CONTENT_SECURITY_POLICY = String.join(
            "; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    static final String PERMISSIONS_POLICY =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), interest-cohort=()";

    /**
     * No observation per filter, authentication and authorisation: nothing exports or reads them (only
     * health is exposed), and wrapping each of the chain's filters in one was about a tenth of the
     * server's CPU on an API read (docs/benchmarks.md, "Issue 14, third pass").
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain httpSecurity(
            HttpSecurity http,
            JsonMapper json,
            List<HttpSecurityContribution> contributions,
            @Value("${lexvault.http.secure-cookies:true}") boolean secureCookies)
            throws Exception {
        var api = PathPatternRequestMatcher.pathPattern("/api/**");
        var problems = new ProblemResponses(json);
        List<RequestMatcher> contributedPublicPaths = contributions.stream()
                .flatMap(contribution -> contribution.publicPaths().stream())
                .map(path -> (RequestMatcher) PathPatternRequestMatcher.pathPattern(path))
                .toList();
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers("/css/**", "/js/**", "/vendor/**", "/images/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers(
                                request -> contributedPublicPaths.stream().anyMatch(path -> path.matches(request)))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                // No session for anonymous visitors: remembering where they were headed would create
                // one per request, letting anyone fill the session table.
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                // The CSRF token lives in its own cookie, not in the session, for the same reason: the
                // sign-in form needs a token before anyone has signed in. The __Host- prefix stops a
                // sibling subdomain from planting a token of its choosing.
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens(secureCookies)))
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(
                                (request, response, e) -> problems.write(request, response, HttpStatus.UNAUTHORIZED),
                                api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .defaultAccessDeniedHandlerFor(
                                (request, response, e) -> problems.write(request, response, HttpStatus.FORBIDDEN), api))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // DENY unless a response chose otherwise: a document preview's bytes are framed by
                        // LexVault's own preview page (SAMEORIGIN, with frame-ancestors 'self').
                        .frameOptions(frame -> frame.disable())
                        .addHeaderWriter((request, response) -> {
                            if (!response.containsHeader("X-Frame-Options")) {
                                response.setHeader("X-Frame-Options", "DENY");
                            }
                        })
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                        .crossOriginResourcePolicy(corp -> corp.policy(CrossOriginResourcePolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(
                                hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY)));
        for (var contribution : contributions) {
            contribution.contribute(http, problems);
        }
        return http.build();
    }

    /**
     * The session cookie: host-only, HTTPS-only, out of reach of scripts, not sent on cross-site
     * sub-requests (Lax keeps top-level links from e-mails working).
     */
    @Bean
    CookieSerializer sessionCookie(@Value("${lexvault.http.secure-cookies:true}") boolean secureCookies) {
        var cookie = new DefaultCookieSerializer();
        cookie.setCookieName(secureCookies ? "__Host-lexvault" : "lexvault");
        cookie.setCookiePath("/");
        cookie.setUseSecureCookie(secureCookies);
        cookie.setUseHttpOnlyCookie(true);
        cookie.setSameSite("Lax");
        return cookie;
    }

    /** Secure, host-only and strict in production; plain-HTTP demo on 127.0.0.1 drops Secure and the prefix. */
    static CookieCsrfTokenRepository csrfTokens(boolean secureCookies) {
        var tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName(secureCookies ? "__Host-lexvault-csrf" : "lexvault-csrf");
        tokens.setCookiePath("/");
        tokens.setCookieCustomizer(
                cookie -> cookie.secure(secureCookies).httpOnly(true).sameSite("Strict"));
        return tokens;
    }
}
