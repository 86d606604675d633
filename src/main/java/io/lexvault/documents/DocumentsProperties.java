package io.lexvault.documents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code lexvault.documents.*}.
 *
 * @param maxSize largest file accepted, counted while it streams (413 beyond)
 * @param orphanGrace a blob without a version row is removed only once older than this: an upload
 *     still on its way to the database must not lose its blob
 * @param sweepInterval how often the orphan sweeper runs
 * @param firstSweepAfter when it first runs after start-up
 */
@ConfigurationProperties("lexvault.documents")
record DocumentsProperties(
        @DefaultValue("100MB") DataSize maxSize,
        @DefaultValue("1h") Duration orphanGrace,
        @DefaultValue("6h") Duration sweepInterval,
        @DefaultValue("10m") Duration firstSweepAfter) {

    public DocumentsProperties {
        if (maxSize.toBytes() < 1) {
            throw new IllegalArgumentException("lexvault.documents.max-size must be positive");
        }
        if (orphanGrace.isNegative() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("lexvault.documents orphan-grace and sweep-interval must be positive");
        }
    }
}
