package io.lexvault.assistant.guard;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logistic regression over sentence embeddings: the probability that a text is a prompt injection.
 * The embeddings come from the same in-process ONNX model the search module ranks with
 * (all-MiniLM-L6-v2, quantised, from the langchain4j Maven Central jar: nothing is downloaded), loaded
 * here on first use; the weights are the versioned file {@link #WEIGHTS}, trained by {@code
 * bench/injection-classifier.sh train} on the train split of deepset/prompt-injections only.
 *
 * <p>A text longer than one window is scored window by window and the highest score counts, so an
 * instruction at the end of a long passage is not averaged away.
 */
@Component
class InjectionClassifier {

    static final String WEIGHTS = "assistant/injection-classifier-v1.json";

    /** What the model sees at most per window (it reads at most 256 word pieces anyway). */
    static final int WINDOW = 1_000;

    static final int MAX_WINDOWS = 4;

    /** Scores remembered (about 100 bytes each). */
    static final int CACHED_SCORES = 50_000;

    /** The weights file's content. */
    record Weights(
            String version,
            String model,
            int dimensions,
            double bias,
            double[] weights,
            double threshold,
            String trainingData,
            String trainingDataSha256,
            String trainedBy) {}

    private final Weights weights;
    private final Map<String, Double> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > CACHED_SCORES;
        }
    };
    private volatile @Nullable AbstractInProcessEmbeddingModel onnx;

    InjectionClassifier() {
        this(load());
    }

    InjectionClassifier(Weights weights) {
        if (!weights.model().equals("all-minilm-l6-v2-q") || weights.weights().length != weights.dimensions()) {
            throw new IllegalStateException("injection classifier weights do not fit the embedding model");
        }
        this.weights = weights;
    }

    static Weights load() {
        try (InputStream in = InjectionClassifier.class.getClassLoader().getResourceAsStream(WEIGHTS)) {
            if (in == null) {
                throw new IllegalStateException(WEIGHTS + " is missing");
            }
            return JsonMapper.builder().build().readValue(in, Weights.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Weights weights() {
        return weights;
    }

    double threshold() {
        return weights.threshold();
    }

    /**
     * The injection probability of the text (the highest of its windows). Scores are remembered by the
     * text's SHA-256 (never the text): a passage scanned at ingestion, or retrieved again for the next
     * question, costs no second embedding.
     */
    double score(String text) {
        String key = sha256(text);
        synchronized (recent) {
            Double known = recent.get(key);
            if (known != null) {
                return known;
            }
        }
        double score = compute(text);
        synchronized (recent) {
            recent.put(key, score);
        }
        return score;
    }

    /** The score without the memory of recent texts (benchmarks: the cold cost). */
    double compute(String text) {
        double best = 0;
        for (float[] vector : embed(windows(text))) {
            best = Math.max(best, probability(vector));
        }
        return best;
    }

    double probability(float[] vector) {
        return probability(weights.weights(), weights.bias(), vector);
    }

    static double probability(double[] w, double bias, float[] x) {
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += w[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    List<float[]> embed(List<String> texts) {
        if (texts.size() == 1) {
            return List.of(model().embed(texts.getFirst()).content().vector());
        }
        return model().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> embedding.vector())
                .toList();
    }

    static List<String> windows(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            return List.of(".");
        }
        var out = new ArrayList<String>();
        for (int start = 0; start < stripped.length() && out.size() < MAX_WINDOWS; start += WINDOW) {
            out.add(stripped.substring(start, Math.min(stripped.length(), start + WINDOW)));
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model, loaded on first use (an application that never asks never loads it). */
    private AbstractInProcessEmbeddingModel model() {
        AbstractInProcessEmbeddingModel loaded = onnx;
        if (loaded == null) {
            synchronized (this) {
                loaded = onnx;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    onnx = loaded;
                }
            }
        }
        return loaded;
    }
}
