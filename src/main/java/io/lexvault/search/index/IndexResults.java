package io.lexvault.search.index;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of ranked chunk hits, the total number of matching chunks within the visible matters, and
 * facet counts (facet name → value → count) over the same set.
 */
public record IndexResults(List<Hit> hits, long total, Map<String, Map<String, Long>> facets) {

    public IndexResults {
        hits = List.copyOf(hits);
        facets = Map.copyOf(facets);
    }

    /** One chunk hit; the caller re-reads the chunk from PostgreSQL as the reader before showing it. */
    public record Hit(UUID chunkId, UUID documentId, int version, UUID matterId, float score) {}
}
