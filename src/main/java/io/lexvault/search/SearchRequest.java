package io.lexvault.search;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A search as asked: the text (phrases in quotes, {@code -exclusions}, {@code title:} and {@code party:}
 * prefixes) and the filters, each optional; {@code page} is 0-based.
 */
public record SearchRequest(
        String text,
        @Nullable UUID matter,
        @Nullable UUID client,
        @Nullable String type,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable String classification,
        int page) {

    public static SearchRequest of(String text) {
        return new SearchRequest(text, null, null, null, null, null, null, 0);
    }

    public SearchRequest inMatter(UUID matter) {
        return new SearchRequest(text, matter, client, type, from, to, classification, page);
    }
}
