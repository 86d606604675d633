package io.lexvault.matters.conflicts;

/** The user has run as many conflict checks as the hour allows (answered 429 with Retry-After). */
class ConflictChecksThrottledException extends RuntimeException {

    private final long retryAfterSeconds;

    public ConflictChecksThrottledException(long retryAfterSeconds) {
        super("Too many conflict checks: try again in " + retryAfterSeconds + " seconds.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
