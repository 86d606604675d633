package io.lexvault.search.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * Dense embeddings of chunks and queries, computed in process by an ONNX model that arrives inside a
 * Maven Central jar (nothing is downloaded at run time). Texts are cut to {@link #MAX_CHARS} before
 * embedding: the models see at most 512 tokens anyway, and a longer text would be embedded in pieces
 * and averaged at several times the cost. Batches are spread over the machine's cores.
 */
final class TextEmbedder implements AutoCloseable {

    /** The models on offer, with the prefixes they were trained with. */
    enum Model {
        MINILM("all-minilm-l6-v2-q", "", "", AllMiniLmL6V2QuantizedEmbeddingModel.class),
        E5("e5-small-v2-q", "query: ", "passage: ", E5SmallV2QuantizedEmbeddingModel.class);

        final String id;
        final String queryPrefix;
        final String passagePrefix;
        /** The langchain4j class whose Maven Central jar carries {@code <id>.onnx} and its tokenizer. */
        final Class<? extends AbstractInProcessEmbeddingModel> carrier;

        Model(
                String id,
                String queryPrefix,
                String passagePrefix,
                Class<? extends AbstractInProcessEmbeddingModel> carrier) {
            this.id = id;
            this.queryPrefix = queryPrefix;
            this.passagePrefix = passagePrefix;
            this.carrier = carrier;
        }

        /** The model in its own ONNX session: one thread per inference, no spinning ({@link InProcessModels}). */
        AbstractInProcessEmbeddingModel load(ExecutorService pool) {
            return InProcessModels.load(id, carrier, DIMENSIONS, pool);
        }

        /** The model named in the configuration, or null for "none" (BM25 alone). */
        static @Nullable Model named(String id) {
            String wanted = id.strip().toLowerCase(Locale.ROOT);
            if (wanted.equals("none")) {
                return null;
            }
            return Arrays.stream(values())
                    .filter(model -> model.id.equals(wanted))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown lexvault.search.embedding-model: " + id
                            + " (all-minilm-l6-v2-q, e5-small-v2-q or none)"));
        }
    }

    static final int MAX_CHARS = 1_200;

    /** Both models give 384 dimensions. */
    static final int DIMENSIONS = 384;

    private final Model model;
    private final ExecutorService pool;
    private final int maxChars;
    private volatile @Nullable AbstractInProcessEmbeddingModel onnx;

    TextEmbedder(Model model) {
        this(model, MAX_CHARS, Runtime.getRuntime().availableProcessors());
    }

    TextEmbedder(Model model, int maxChars, int threads) {
        this.model = model;
        this.maxChars = maxChars;
        this.pool = Executors.newFixedThreadPool(
                threads, Thread.ofPlatform().daemon().name("embedding-", 0).factory());
    }

    /** The model, loaded on first use: an application that never indexes or searches never loads it. */
    private AbstractInProcessEmbeddingModel onnx() {
        AbstractInProcessEmbeddingModel loaded = onnx;
        if (loaded == null) {
            synchronized (this) {
                loaded = onnx;
                if (loaded == null) {
                    loaded = model.load(pool);
                    onnx = loaded;
                }
            }
        }
        return loaded;
    }

    Model model() {
        return model;
    }

    float[] embedQuery(String text) {
        return onnx().embed(model.queryPrefix + cut(text)).content().vector();
    }

    List<float[]> embedPassages(List<String> texts) {
        List<TextSegment> segments = texts.stream()
                .map(text -> TextSegment.from(model.passagePrefix + cut(text)))
                .toList();
        return onnx().embedAll(segments).content().stream()
                .map(Embedding::vector)
                .toList();
    }

    private String cut(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return ".";
        }
        return stripped.length() <= maxChars ? stripped : stripped.substring(0, maxChars);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
