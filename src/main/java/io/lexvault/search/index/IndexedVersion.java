package io.lexvault.search.index;

import io.lexvault.search.chunking.TextChunk;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One document version as the index sees it: the fields it filters and facets on, and its chunks. The
 * chunks' text is analysed (and embedded) but not stored in the index in the clear; snippets and
 * highlights are made from the text re-read from PostgreSQL.
 */
public record IndexedVersion(
        UUID documentId,
        int version,
        UUID matterId,
        UUID clientId,
        String title,
        String contentType,
        String classification,
        Instant storedAt,
        List<String> partyNames,
        List<IndexedChunk> chunks) {

    public IndexedVersion {
        partyNames = List.copyOf(partyNames);
        chunks = List.copyOf(chunks);
    }

    /** A chunk with the id of its row in {@code document_chunks}. */
    public record IndexedChunk(UUID chunkId, TextChunk chunk) {}
}
