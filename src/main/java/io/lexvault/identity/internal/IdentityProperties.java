package io.lexvault.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lexvault.identity.*}: lockout, sign-in throttling and session lifetimes.
 *
 * @param lockout per account: after {@code maxFailures} wrong passwords, refuse for {@code duration}
 * @param signInThrottle per source address: at most {@code attempts} sign-in attempts per {@code period}
 * @param sessions idle time-out is Spring Session's ({@code spring.session.timeout}); this is the
 *     absolute limit after which a session ends however active it is
 */
@ConfigurationProperties("lexvault.identity")
public record IdentityProperties(
        @DefaultValue Lockout lockout,
        @DefaultValue SignInThrottle signInThrottle,
        @DefaultValue Sessions sessions) {

    public IdentityProperties {
        if (lockout.maxFailures() < 1
                || lockout.duration().isNegative()
                || lockout.duration().isZero()) {
            throw new IllegalArgumentException(
                    "lexvault.identity.lockout needs max-failures >= 1 and a positive duration");
        }
        if (signInThrottle.attempts() < 1 || !signInThrottle.period().isPositive()) {
            throw new IllegalArgumentException(
                    "lexvault.identity.sign-in-throttle needs attempts >= 1 and a positive period");
        }
        if (!sessions.absoluteTimeout().isPositive()) {
            throw new IllegalArgumentException("lexvault.identity.sessions.absolute-timeout must be positive");
        }
    }

    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration duration) {}

    public record SignInThrottle(
            @DefaultValue("20") int attempts,
            @DefaultValue("1h") Duration period) {}

    public record Sessions(@DefaultValue("12h") Duration absoluteTimeout) {}
}
