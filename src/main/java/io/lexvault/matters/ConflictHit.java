package io.lexvault.matters;

import org.jspecify.annotations.Nullable;

/**
 * One thing a conflict check found, and no more than the checker may learn of a matter they may not
 * see: which searched name matched ({@code term}, counting from 1, and the name as searched), whether a
 * client or a party matched ({@code kind}), the matter's number ({@code null} for a client without
 * matters), the party's role ({@code client} for a client) and how alike the names are ({@code score},
 * 0 to 1). Never the matched name, the matter's title or anything else of it.
 */
public record ConflictHit(
        int term, String searched, String kind, @Nullable String matterNumber, String role, double score) {}
