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
 * Logistic regression over a sentence embedding AND hashed character/word n-grams ({@link
 * InjectionFeatures}), trained jointly: the probability that a text is a prompt injection. The
 * embeddings come from the same in-process ONNX model the search module ranks with (all-MiniLM-L6-v2,
 * quantised, from the langchain4j Maven Central jar: nothing is downloaded), loaded here on first use;
 * the weights are the versioned file {@link #WEIGHTS}, trained by {@code bench/injection-classifier.sh
 * train} on train splits only (its header says which).
 *
 * <p>A text longer than one window is scored window by window and the highest score counts, so an
 * instruction at the end of a long passage is not averaged away. {@link #scoreAll} embeds every window
 * of every text not seen before in one call (a question's 20 passages cost one model call, not 20).
 */
@Component
class InjectionClassifier {

    static final String WEIGHTS = "assistant/injection-classifier-v2.json";

    static final String MODEL = "all-minilm-l6-v2-q";

    static final int DIMENSIONS = 384;

    /** What the model sees at most per window (it reads at most 256 word pieces anyway). */
    static final int WINDOW = 1_000;

    static final int MAX_WINDOWS = 4;

    /** Scores remembered (about 100 bytes each). */
    static final int CACHED_SCORES = 50_000;

    /** The weights file's content: the embedding block, then the hashed n-gram block. */
    record Weights(
            String version,
            String model,
            int dimensions,
            int hashedDimensions,
            double bias,
            double[] weights,
            double[] hashedWeights,
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
        if (!weights.model().equals(MODEL)
                || weights.weights().length != weights.dimensions()
                || weights.hashedWeights().length != weights.hashedDimensions()
                || weights.hashedDimensions() != InjectionFeatures.HASHED) {
            throw new IllegalStateException("injection classifier weights do not fit the features");
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
        return scoreAll(List.of(text))[0];
    }

    /** {@link #score} of each text; the windows of all texts not remembered are embedded in one call. */
    double[] scoreAll(List<String> texts) {
        double[] out = new double[texts.size()];
        String[] keys = new String[texts.size()];
        var missing = new ArrayList<Integer>();
        synchronized (recent) {
            for (int i = 0; i < texts.size(); i++) {
                keys[i] = sha256(texts.get(i));
                Double known = recent.get(keys[i]);
                if (known == null) {
                    missing.add(i);
                } else {
                    out[i] = known;
                }
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        double[] computed = computeAll(missing.stream().map(texts::get).toList());
        synchronized (recent) {
            for (int m = 0; m < missing.size(); m++) {
                out[missing.get(m)] = computed[m];
                recent.put(keys[missing.get(m)], computed[m]);
            }
        }
        return out;
    }

    /** The score without the memory of recent texts (benchmarks: the cold cost). */
    double compute(String text) {
        return computeAll(List.of(text))[0];
    }

    /** Scores of texts, their windows embedded together in one model call. */
    double[] computeAll(List<String> texts) {
        var windows = new ArrayList<String>();
        int[] first = new int[texts.size() + 1];
        for (int t = 0; t < texts.size(); t++) {
            first[t] = windows.size();
            windows.addAll(windows(texts.get(t)));
        }
        first[texts.size()] = windows.size();
        List<float[]> vectors = embed(windows);
        double[] out = new double[texts.size()];
        for (int t = 0; t < texts.size(); t++) {
            double best = 0;
            for (int w = first[t]; w < first[t + 1]; w++) {
                best = Math.max(best, probability(vectors.get(w), InjectionFeatures.hashed(windows.get(w))));
            }
            out[t] = best;
        }
        return out;
    }

    double probability(float[] vector, Map<Integer, Double> hashed) {
        return probability(weights.weights(), weights.hashedWeights(), weights.bias(), vector, hashed);
    }

    static double probability(double[] w, double[] h, double bias, float[] x, Map<Integer, Double> hashed) {
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += w[i] * x[i];
        }
        for (var e : hashed.entrySet()) {
            z += h[e.getKey()] * e.getValue();
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** Embeddings of already normalised windows ({@link #windows}). */
    List<float[]> embed(List<String> texts) {
        if (texts.size() == 1) {
            return List.of(model().embed(texts.getFirst()).content().vector());
        }
        return model().embedAll(texts.stream().map(TextSegment::from).toList()).content().stream()
                .map(embedding -> embedding.vector())
                .toList();
    }

    /** The normalised text ({@link InjectionFeatures#forEmbedding}) cut into at most four windows. */
    static List<String> windows(String text) {
        String normal = InjectionFeatures.forEmbedding(text);
        var out = new ArrayList<String>();
        for (int start = 0; start < normal.length() && out.size() < MAX_WINDOWS; start += WINDOW) {
            out.add(normal.substring(start, Math.min(normal.length(), start + WINDOW)));
        }
        return out;
    }

    /** The key a verdict is remembered under: the text's SHA-256, so no text is kept in the cache. */
    static String sha256(String text) {
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
