package io.lexvault.matters.conflicts;

import io.lexvault.web.Refusal;
import java.time.Duration;
import java.util.Optional;

/** The user has run as many conflict checks as the hour allows (answered 429 with Retry-After). */
class ConflictChecksThrottledException extends Refusal {

    private final long retryAfterSeconds;

    public ConflictChecksThrottledException(long retryAfterSeconds) {
        super(Reason.TOO_MANY, "Too many conflict checks: try again in " + retryAfterSeconds + " seconds.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofSeconds(retryAfterSeconds));
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
