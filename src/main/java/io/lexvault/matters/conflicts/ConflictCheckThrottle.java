package io.lexvault.matters.conflicts;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lexvault.tenancy.TenantId;
import java.time.Duration;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At most {@code lexvault.conflicts.checks-per-hour} conflict checks per user (default 60; a token
 * bucket refilled evenly over the hour, so a burst of that many is fine). A conflict check looks past
 * the walls, so scripted checks of candidate names could piece together who is behind one; the limit
 * makes that slow and loud (every refusal is audited). Counted per firm and user, whether they check
 * on the page, through the API with a session or with one of their API keys; kept in PostgreSQL in the
 * same buckets table as sign-in throttling, so every app node counts against the same bucket.
 */
@Component
class ConflictCheckThrottle {

    private final ProxyManager<String> buckets;
    private final BucketConfiguration limit;

    ConflictCheckThrottle(
            ProxyManager<String> buckets, @Value("${lexvault.conflicts.checks-per-hour:60}") int checksPerHour) {
        if (checksPerHour < 1) {
            throw new IllegalArgumentException("lexvault.conflicts.checks-per-hour must be at least 1");
        }
        this.buckets = buckets;
        this.limit = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(checksPerHour)
                        .refillGreedy(checksPerHour, Duration.ofHours(1))
                        .build())
                .build();
    }

    /**
     * Takes one check from the user's bucket.
     *
     * @throws ConflictChecksThrottledException when the bucket is empty, with the seconds until the
     *     next check is allowed
     */
    void take(TenantId firm, UUID user) {
        var probe = buckets.getProxy("conflict-check:" + firm.value() + ":" + user, () -> limit)
                .tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw new ConflictChecksThrottledException(seconds);
        }
    }
}
