package io.lexvault.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

class TermCoverageTests {

    final LanguageAnalyzers analyzers = new LanguageAnalyzers();
    final LexicalQueries queries = new LexicalQueries(analyzers, LexicalQueries.Weights.DEFAULT);
    final String english = LanguageAnalyzers.textField("en");

    @Test
    void theShareOfTheQuerysStemmedWordsEachChunkHoldsWhateverTheirFrequency() throws Exception {
        Map<String, List<String>> terms =
                queries.coverageTerms(QuerySyntax.parse("England governing law -Scotland title:lease"), List.of("en"));
        // The exclusion and the title: clause are not what the chunk should cover; "governing" is stemmed.
        assertThat(terms).containsOnlyKeys(english);
        assertThat(terms.get(english)).containsExactly("england", "govern", "law");

        try (ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzers.perField()))) {
                for (String text : List.of(
                        "This Agreement is governed by the laws of England and Wales.",
                        "England, England, England: the goods are shipped from England.",
                        "The governing law is the law of the State of New York.",
                        "Nothing here.")) {
                    Document doc = new Document();
                    doc.add(new TextField(english, text, Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                Map<Integer, Float> coverage = TermCoverage.of(reader, terms, new ArrayList<>(List.of(3, 0, 1, 2)));
                assertThat(coverage.get(0)).isEqualTo(1f);
                assertThat(coverage.get(1)).isEqualTo(1f / 3);
                assertThat(coverage.get(2)).isEqualTo(2f / 3);
                assertThat(coverage.get(3)).isEqualTo(0f);
                assertThat(TermCoverage.of(reader, terms, List.of())).isEmpty();
            }
        }
    }

    @Test
    void aSignalEqualForEveryCandidateAddsNothingToTheFusion() {
        Map<Integer, Float> fused = new java.util.HashMap<>(Map.of(1, 0.5f, 2, 0.25f));
        RankFusion.addNormalised(fused, Map.of(1, 1f, 2, 1f), 0.4f);
        assertThat(fused).containsEntry(1, 0.5f).containsEntry(2, 0.25f);
        RankFusion.addNormalised(fused, Map.of(2, 1f), 0.4f);
        assertThat(fused).containsEntry(1, 0.5f).containsEntry(2, 0.65f);
    }
}
