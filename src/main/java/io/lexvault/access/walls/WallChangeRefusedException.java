package io.lexvault.access.walls;

import io.lexvault.web.Refusal;

/**
 * A change that would alter whom an ethical wall screens, refused: directly (the wall itself) or
 * through a group a wall screens (who is in it, deleting it). Such a change needs {@code walls.manage}
 * and is never made by someone the wall screens, whatever else they hold (a screened administrator
 * could otherwise take colleagues, or the whole group, out from under their own wall).
 *
 * <p>The message is the same sentence for a missing {@code walls.manage} and for a caller the wall
 * screens, so the answer does not tell them which walls screen them; the audit log records which.
 */
public class WallChangeRefusedException extends Refusal {

    public enum Reason {
        /** The caller does not hold {@code walls.manage} (answered 403). */
        WALLS_MANAGE_REQUIRED("walls_manage_required"),
        /** A wall the change concerns screens the caller, or the change reaches a matter they are screened from (403). */
        SCREENED_BY_WALL("screened_by_wall"),
        /** A wall the change concerns is around a matter or client the caller cannot see (403). */
        WALL_NOT_VISIBLE("wall_not_visible"),
        /** A group a wall screens cannot be deleted; the wall changes first (409). */
        GROUP_ON_A_WALL("group_on_a_wall");

        private final String auditKey;

        Reason(String auditKey) {
            this.auditKey = auditKey;
        }

        /** What the audit event's {@code reason} detail says. */
        public String auditKey() {
            return auditKey;
        }
    }

    private final Reason reason;

    public WallChangeRefusedException(Reason reason) {
        // The API answers with the fixed sentence for the status, as for any other 403 or 409; the
        // pages that catch it show this message instead.
        super(
                reason == Reason.GROUP_ON_A_WALL ? Refusal.Reason.CONFLICT : Refusal.Reason.FORBIDDEN,
                reason == Reason.GROUP_ON_A_WALL
                        ? "An ethical wall screens this group. Take the group off the wall first (Ethical walls),"
                                + " then delete it."
                        : "This change would alter whom an ethical wall screens: only someone who manages walls,"
                                + " and whom that wall does not screen, may make it.",
                null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
