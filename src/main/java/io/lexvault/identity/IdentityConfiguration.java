package io.lexvault.identity;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.lexvault.web.HttpSecurityContribution;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Sign-in, sessions and throttling, plugged into the web module's filter chain. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
@EnableScheduling
class IdentityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new PasswordHashing();
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
            List<RoleSource> roleSources,
            SecurityEvents events,
            PlatformTransactionManager transactionManager,
            ProxyManager<String> buckets,
            IdentityProperties properties,
            Clock clock) {
        var signIn = new PasswordSignIn(
                users,
                passwords,
                roleSources,
                events,
                new TransactionTemplate(transactionManager),
                properties.lockout(),
                clock);
        var throttle = new SignInThrottle(buckets, properties.signInThrottle(), events);
        var signedIn = new SignedInContextFilter(properties.sessions().absoluteTimeout(), events, clock);
        return new HttpSecurityContribution() {
            @Override
            public List<String> publicPaths() {
                return List.of("/login");
            }

            @Override
            public void contribute(HttpSecurity http) throws Exception {
                var failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
                // The default keeps the exception in a new session: a session per failed attempt.
                failure.setAllowSessionCreation(false);
                http.authenticationProvider(signIn)
                        .formLogin(form -> form.loginPage("/login")
                                .loginProcessingUrl("/login")
                                .usernameParameter("email")
                                .passwordParameter("password")
                                .successHandler((request, response, authentication) -> {
                                    request.getSession()
                                            .setAttribute(SignInSessions.ORIGIN_ATTRIBUTE, RequestOrigin.of(request));
                                    response.sendRedirect(request.getContextPath() + "/");
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
                        .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
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
