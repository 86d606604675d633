package io.lexvault.matters;

import io.lexvault.web.Refusal;

/**
 * A request about clients, matters or matter numbers that cannot be done as asked. The message is our
 * own sentence about what the caller sent, so the edge may show it (400 for {@link Reason#INVALID},
 * 409 for {@link Reason#CONFLICT}); it never carries a name, a title or anything read from the database.
 */
public class MatterRefusedException extends Refusal {

    public enum Reason {
        /** The input is malformed or out of bounds. */
        INVALID,
        /** The input is fine but the matter's current state does not allow it (e.g. closing a closed matter). */
        CONFLICT
    }

    private final Reason reason;

    public MatterRefusedException(Reason reason, String message) {
        super(reason == Reason.CONFLICT ? Refusal.Reason.CONFLICT : Refusal.Reason.INVALID, message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public static MatterRefusedException invalid(String message) {
        return new MatterRefusedException(Reason.INVALID, message);
    }

    /** Refuses a page number below 0 or a page size outside 1 to {@code maxSize}. */
    public static void requirePage(int page, int size, int maxSize) {
        if (page < 0 || size < 1 || size > maxSize) {
            throw invalid("page must be at least 0 and size between 1 and " + maxSize + ".");
        }
    }

    public static MatterRefusedException conflict(String message) {
        return new MatterRefusedException(Reason.CONFLICT, message);
    }
}
