package io.lexvault.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.search.chunking.TextChunk;
import io.lexvault.search.index.IndexResults.Hit;
import io.lexvault.search.index.IndexedVersion.IndexedChunk;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BM25 fused with the in-process embedding model (the real one, from its jar). */
class HybridSearchTests {

    @TempDir
    static Path root;

    static TextEmbedder embedder;
    static LuceneSearchIndex index;

    static final UUID firm = UUID.randomUUID();
    static final UUID visible = UUID.randomUUID();
    static final UUID walled = UUID.randomUUID();
    static UUID collision;
    static UUID walledCollision;
    static UUID rent;

    @BeforeAll
    static void open() {
        embedder = new TextEmbedder(TextEmbedder.Model.MINILM);
        index = new LuceneSearchIndex(
                root, embedder, LuceneSearchIndex.Ranking.DEFAULT, LexicalQueries.Weights.DEFAULT);
        collision = put(visible, "The automobile was badly damaged in the collision on the motorway.");
        walledCollision = put(walled, "The automobile was badly damaged in the collision on the motorway.");
        rent = put(visible, "The tenant pays the rent monthly in advance.");
    }

    @AfterAll
    static void close() {
        index.close();
        embedder.close();
    }

    @Test
    void findsByMeaningWithoutASharedWord() {
        IndexResults results = search("car crash");

        assertThat(results.hits()).extracting(Hit::documentId).first().isEqualTo(collision);
    }

    @Test
    void theVectorSideObeysTheVisibleMattersInHitsTotalsAndFacets() {
        IndexResults results = search("car crash");

        assertThat(results.hits()).extracting(Hit::documentId).doesNotContain(walledCollision);
        assertThat(results.hits()).allMatch(hit -> hit.matterId().equals(visible));
        assertThat(results.facets().get("matter")).containsOnlyKeys(visible.toString());
        assertThat(results.total()).isLessThanOrEqualTo(2);
    }

    @Test
    void theVectorSideObeysExclusions() {
        assertThat(search("car crash -automobile").hits())
                .extracting(Hit::documentId)
                .doesNotContain(collision);
    }

    @Test
    void aPhraseAloneIsAnExactSearch() {
        assertThat(search("\"car crash\"").total()).isZero();
        assertThat(search("\"rent monthly\"").hits())
                .extracting(Hit::documentId)
                .containsExactly(rent);
    }

    @Test
    void bothSidesAgreeOnALexicalMatch() {
        assertThat(search("rent").hits()).extracting(Hit::documentId).first().isEqualTo(rent);
    }

    private static IndexResults search(String text) {
        return index.search(firm, new IndexQuery(text, Set.of(visible), null, null, null, null, null, null, 0, 10));
    }

    private static UUID put(UUID matter, String text) {
        UUID document = UUID.randomUUID();
        index.indexVersion(
                firm,
                new IndexedVersion(
                        document,
                        1,
                        matter,
                        UUID.randomUUID(),
                        "Note",
                        "text/plain",
                        "internal",
                        Instant.parse("2026-02-01T00:00:00Z"),
                        List.of(),
                        List.of(new IndexedChunk(
                                UUID.randomUUID(), new TextChunk(0, text, "body", "", null, 0, text.length(), "en")))));
        return document;
    }
}
