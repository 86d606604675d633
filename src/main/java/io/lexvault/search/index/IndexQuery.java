package io.lexvault.search.index;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A query as the user typed it (phrases in quotes, {@code -exclusions}, {@code title:} and
 * {@code party:} prefixes, typo tolerance for names) with its filters. {@code visibleMatterIds} is the
 * set of matters the reader may see, read from the database as the reader at query time; the index
 * returns nothing outside it.
 */
public record IndexQuery(
        String text,
        Set<UUID> visibleMatterIds,
        @Nullable UUID matterId,
        @Nullable UUID clientId,
        @Nullable String contentType,
        @Nullable String classification,
        @Nullable Instant from,
        @Nullable Instant to,
        int offset,
        int limit) {

    public IndexQuery {
        visibleMatterIds = Set.copyOf(visibleMatterIds);
    }
}
