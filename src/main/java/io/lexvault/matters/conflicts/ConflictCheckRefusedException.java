package io.lexvault.matters.conflicts;

import io.lexvault.web.Refusal;

/**
 * The database refused a conflict check: no acting user, or one who does not hold {@code
 * conflicts.check} there (answered 403). The application checks the permission first, so this means
 * the two disagree, and the database's answer stands.
 */
class ConflictCheckRefusedException extends Refusal {

    public ConflictCheckRefusedException() {
        // Answered with the fixed sentence for the status: nothing tells this apart from others.
        super(Reason.FORBIDDEN, "Conflict check refused", null);
    }
}
