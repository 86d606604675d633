package io.lexvault.matters;

import java.util.List;

/** What a conflict check searched for, how alike names had to be, and what it found (best first). */
public record ConflictCheck(List<String> names, double threshold, List<ConflictHit> hits) {

    public ConflictCheck {
        names = List.copyOf(names);
        hits = List.copyOf(hits);
    }
}
