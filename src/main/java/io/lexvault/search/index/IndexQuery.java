package io.lexvault.search.index;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A query as the user typed it (phrases in quotes, {@code -exclusions}, {@code title:} and
 * {@code party:} prefixes, typo tolerance for names) with its filters. {@code scope} is the matters
 * the reader may see, read from the database as the reader at query time; the index returns nothing
 * outside it.
 *
 * <p>{@code partyMatters} answers the {@code party:} clauses: for each clause's text as {@link
 * QuerySyntax#partyTexts} gives it, the matters with a party of that name, read as the reader from the
 * matters module (so a party added, renamed or removed counts at the next query, and a walled matter's
 * parties are never read). Null: no answers, the index's own party field is searched instead.
 */
public record IndexQuery(
        String text,
        MatterScope scope,
        @Nullable UUID matterId,
        @Nullable UUID clientId,
        @Nullable String contentType,
        @Nullable String classification,
        @Nullable Instant from,
        @Nullable Instant to,
        int offset,
        int limit,
        @Nullable Map<String, Set<UUID>> partyMatters) {

    public IndexQuery {
        partyMatters = partyMatters == null ? null : Map.copyOf(partyMatters);
    }

    /** A query over these matters only, whose {@code party:} clauses search the index's own party field. */
    public IndexQuery(
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
        this(
                text,
                MatterScope.only(visibleMatterIds),
                matterId,
                clientId,
                contentType,
                classification,
                from,
                to,
                offset,
                limit,
                null);
    }
}
