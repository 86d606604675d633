package io.lexvault.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code lexvault.audit.*}: when retention expires the firms' old audit events.
 *
 * @param retention {@code lexvault.audit.retention.*}
 */
@ConfigurationProperties("lexvault.audit")
record AuditProperties(@DefaultValue Retention retention) {

    /**
     * @param expiryInterval how often every firm's due events are expired (daily by default)
     * @param firstExpiryAfter how long after start the first run waits, so a node restarted more
     *     often than {@code expiryInterval} still expires
     * @param batchSize at most this many leaves per expiry transaction (and per recorded range), so a
     *     first run over years of log never holds one huge transaction
     */
    record Retention(
            @DefaultValue("P1D") Duration expiryInterval,
            @DefaultValue("PT15M") Duration firstExpiryAfter,
            @DefaultValue("10000") int batchSize) {

        Retention {
            if (expiryInterval.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException(
                        "lexvault.audit.retention.expiry-interval must be at least 1 minute");
            }
            if (firstExpiryAfter.isNegative()) {
                throw new IllegalArgumentException("lexvault.audit.retention.first-expiry-after must not be negative");
            }
            if (batchSize < 1 || batchSize > 1_000_000) {
                throw new IllegalArgumentException("lexvault.audit.retention.batch-size must be between 1 and 1000000");
            }
        }
    }
}
