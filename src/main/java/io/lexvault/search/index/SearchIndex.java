package io.lexvault.search.index;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A firm's search index: derived data, rebuilt at will from PostgreSQL and the blobs, never in backups.
 * One index per firm. The index narrows and ranks; it never decides who may see what: callers pass the
 * matters the reader may see (read from the database as that reader) and re-read every hit from
 * PostgreSQL before showing it.
 *
 * <p>Lucene, embedded, is the implementation; an OpenSearch adapter could implement the same contract
 * (see the search ADR).
 */
public interface SearchIndex {

    /** Adds or replaces the chunks of one document version (all of them, replacing that version's). */
    void indexVersion(UUID firmId, IndexedVersion version);

    /** Told how many of a version's chunks are embedded so far (for a progress bar). */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (done, total) -> {};

        void embedded(int done, int total);
    }

    /** {@link #indexVersion(UUID, IndexedVersion)}, telling {@code progress} as the chunks are embedded. */
    default void indexVersion(UUID firmId, IndexedVersion version, Progress progress) {
        indexVersion(firmId, version);
        progress.embedded(version.chunks().size(), version.chunks().size());
    }

    /** Removes one version's chunks. */
    void deleteVersion(UUID firmId, UUID documentId, int version);

    /** Removes every chunk of a document. */
    void deleteDocument(UUID firmId, UUID documentId);

    /** Removes the firm's whole index, files and all (crypto-shredding, reindex from scratch). */
    void dropFirm(UUID firmId);

    /** Ranks the firm's chunks for a query, restricted to {@link IndexQuery#scope()}. */
    IndexResults search(UUID firmId, IndexQuery query);

    /**
     * The best snippet of a chunk's text (re-read from PostgreSQL) for a query, analysed as the index
     * analyses it: HTML-escaped, the matched terms in {@code <mark>} and nothing else.
     */
    String highlight(String queryText, String chunkText, @Nullable String language);

    /** Number of chunks in a firm's index (for status pages and tests). */
    long chunkCount(UUID firmId);
}
