package io.lexvault.search.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The embedder runs the models in sessions of its own (one thread per inference, no spinning): the
 * vectors must be the ones langchain4j's own model classes give, text for text — the same file, the
 * same tokenizer, the same pooling — or the index and the queries would not meet.
 */
class TextEmbedderTests {

    private static final List<String> TEXTS = List.of(
            "The supplier shall deliver the goods within thirty days of each order.",
            "Either party may terminate this agreement on three months' written notice.",
            "Müller GmbH — Lieferung frei Haus, Zahlung innerhalb von 30 Tagen.");

    @ParameterizedTest
    @EnumSource(TextEmbedder.Model.class)
    void givesTheVectorsOfLangchain4jsOwnModel(TextEmbedder.Model model) {
        Supplier<AbstractInProcessEmbeddingModel> stock = switch (model) {
            case MINILM -> AllMiniLmL6V2QuantizedEmbeddingModel::new;
            case E5 -> E5SmallV2QuantizedEmbeddingModel::new;
        };
        var reference = stock.get();
        try (var embedder = new TextEmbedder(model)) {
            List<float[]> ours = embedder.embedPassages(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] theirs = reference
                        .embed(TextSegment.from(model.passagePrefix + TEXTS.get(i)))
                        .content()
                        .vector();
                assertThat(ours.get(i)).hasSize(TextEmbedder.DIMENSIONS);
                assertThat(LuceneSearchIndex.cosine(ours.get(i), theirs))
                        .as(TEXTS.get(i))
                        .isGreaterThan(0.9999);
            }
            // and different texts stay different
            assertThat(LuceneSearchIndex.cosine(ours.get(0), ours.get(1))).isLessThan(0.95);
        }
    }
}
