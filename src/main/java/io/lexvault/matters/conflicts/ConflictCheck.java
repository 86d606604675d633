package io.lexvault.matters.conflicts;

import java.util.List;

/**
 * What a conflict check searched for, how alike names had to be, and what it found (best first):
 * {@code hits} in full or with a banded score, {@code restricted} for names that matched something on
 * a matter a wall screens the checker from (nothing more of it), and, when there is such a hit, the
 * firm's {@code conflictsOfficers} to ask.
 */
record ConflictCheck(
        List<String> names,
        double threshold,
        List<ConflictHit> hits,
        List<RestrictedHit> restricted,
        List<ConflictsOfficer> conflictsOfficers) {

    public ConflictCheck {
        names = List.copyOf(names);
        hits = List.copyOf(hits);
        restricted = List.copyOf(restricted);
        conflictsOfficers = List.copyOf(conflictsOfficers);
    }
}
