package io.lexvault.matters;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A conflict check saved on a matter, as it was run (by the server, never as a client sent it). */
public record ConflictReport(
        UUID id,
        MatterId matter,
        List<String> names,
        double threshold,
        List<ConflictHit> hits,
        @Nullable UUID checkedBy,
        Instant checkedAt) {

    public ConflictReport {
        names = List.copyOf(names);
        hits = List.copyOf(hits);
    }
}
