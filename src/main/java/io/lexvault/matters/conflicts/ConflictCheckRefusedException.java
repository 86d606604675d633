package io.lexvault.matters.conflicts;

/**
 * The database refused a conflict check: no acting user, or one who does not hold {@code
 * conflicts.check} there (answered 403). The application checks the permission first, so this means
 * the two disagree, and the database's answer stands.
 */
class ConflictCheckRefusedException extends RuntimeException {

    public ConflictCheckRefusedException() {
        super("Conflict check refused");
    }
}
