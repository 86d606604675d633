package io.lexvault.matters.conflicts;

import io.lexvault.matters.MatterId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A conflict check saved on a matter, as it was run (by the server, never as a client sent it), and
 * shown as the READER may see it: the hits are kept in full in the database and answered for each
 * reader with the reader's own screening and visibility, exactly as a check of their own would answer
 * them ({@link ConflictCheck}), never as they were shown to whoever saved it.
 */
record ConflictReport(
        UUID id,
        MatterId matter,
        List<String> names,
        double threshold,
        List<ConflictHit> hits,
        List<RestrictedHit> restricted,
        List<ConflictsOfficer> conflictsOfficers,
        @Nullable UUID checkedBy,
        Instant checkedAt) {

    public ConflictReport {
        names = List.copyOf(names);
        hits = List.copyOf(hits);
        restricted = List.copyOf(restricted);
        conflictsOfficers = List.copyOf(conflictsOfficers);
    }
}
