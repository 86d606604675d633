package io.lexvault.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One page of a search's results, every hit read again from PostgreSQL as the person searching: the
 * documents in rank order, each with its best passages (highlighted snippets, HTML-escaped with
 * {@code <mark>} only), the total of matching passages within what they may see, and facet counts.
 */
public record SearchResults(
        String query,
        List<DocumentHit> documents,
        long total,
        int page,
        int pageSize,
        boolean hasNext,
        Map<String, List<Facet>> facets) {

    public SearchResults {
        documents = List.copyOf(documents);
        facets = Map.copyOf(facets);
    }

    static SearchResults none(String query, int page, int pageSize) {
        return new SearchResults(query, List.of(), 0, page, pageSize, false, Map.of());
    }

    /** A document with passages that matched, its current version. */
    public record DocumentHit(
            UUID documentId,
            int version,
            UUID matterId,
            UUID clientId,
            String matter,
            String title,
            String mediaType,
            String classification,
            Instant storedAt,
            float score,
            List<Passage> passages) {
        public DocumentHit {
            passages = List.copyOf(passages);
        }
    }

    /** One matching passage: where it is (page, heading path, part) and its snippet. */
    public record Passage(
            UUID chunkId,
            int chunk,
            @Nullable Integer page,
            String headingPath,
            String part,
            String snippet,
            float score) {}

    /** One facet value: what to filter on, what to show, and how many passages have it. */
    public record Facet(String value, String label, long count) {}
}
