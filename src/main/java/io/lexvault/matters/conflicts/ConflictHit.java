package io.lexvault.matters.conflicts;

import org.jspecify.annotations.Nullable;

/**
 * One thing a conflict check found, and no more than the checker may learn of a matter they may not
 * see: which searched name matched ({@code term}, counting from 1, and the name as searched), whether a
 * client or a party matched ({@code kind}), the matter's number ({@code null} for a client without
 * matters), the party's role ({@code client} for a client) and how alike the names are ({@code score},
 * 0 to 1). Never the matched name, the matter's title or anything else of it.
 *
 * <p>{@code exact} is false when the checker may not see the matter (a wall screens them, or they are
 * not on its team): the score is then only its band (0.9, 0.75, 0.5, 0.3 or 0.2, rounded down), so
 * that candidate names cannot be scored one against another to rebuild a name behind a wall. {@code
 * strength} names the band in words for every hit: strong (0.9 and up), likely (0.75), possible (0.5),
 * weak (below).
 */
record ConflictHit(
        int term,
        String searched,
        String kind,
        @Nullable String matterNumber,
        String role,
        double score,
        boolean exact,
        String strength) {

    /** The words for a score's band (the same bands the database rounds hidden hits down to). */
    static String strengthOf(double score) {
        if (score >= 0.9) {
            return "strong";
        }
        if (score >= 0.75) {
            return "likely";
        }
        if (score >= 0.5) {
            return "possible";
        }
        return "weak";
    }
}
