package io.lexvault.access.roles;

import io.lexvault.web.Refusal;

/**
 * A role change that is not made, with a sentence meant for the person who asked (it names only what
 * they sent or may see, so it is safe to show them).
 */
public class RoleRefusedException extends Refusal {

    /** Why: pages show the message either way; the API answers with a different status for each. */
    public enum Reason {
        /** What was sent is malformed: empty title, unknown permission, a title in use. */
        INVALID,
        /** Built-in roles are the same in every firm and are copied, never changed or deleted. */
        BUILT_IN,
        /** The caller would hand out, or take away, permissions they do not hold themselves. */
        BEYOND_CALLER,
        /** The change would leave the firm without an active administrator. */
        LAST_ADMINISTRATOR
    }

    private final Reason reason;

    public RoleRefusedException(Reason reason, String message) {
        super(
                switch (reason) {
                    case INVALID -> Refusal.Reason.INVALID;
                    case BEYOND_CALLER -> Refusal.Reason.FORBIDDEN;
                    case BUILT_IN, LAST_ADMINISTRATOR -> Refusal.Reason.CONFLICT;
                },
                message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
