package io.lexvault.audit;

import java.util.Locale;

/** How an audited action ended. */
public enum AuditOutcome {
    SUCCESS,
    /** Refused for lack of permission, a wall, a throttle. */
    DENIED,
    /** Attempted and failed (a wrong password, a bad code). */
    FAILURE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
