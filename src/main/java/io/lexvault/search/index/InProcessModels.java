package io.lexvault.search.index;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executor;

/**
 * Loads an in-process embedding model (an ONNX file and its tokenizer from a langchain4j Maven Central
 * jar: nothing is downloaded) in an ONNX Runtime session of its own, with one thread inside each
 * inference and no spin-waiting between operators. langchain4j's model classes open theirs with ONNX
 * Runtime's defaults (every core inside each inference, threads spinning), and run the texts of a batch
 * in parallel on top of that: on a small machine two inferences at once (a chunk being indexed and a
 * question, or two chunks) oversubscribed the cores. Measured in docs/benchmarks.md ("Search: ONNX
 * sessions for the embedding model"): indexing +23 to 29%, a lone text about 1.5 ms slower. The search
 * module's embedder loads its models here. The assistant's injection classifier keeps langchain4j's
 * session: what it embeds at question time is one text, where the default's parallelism inside an
 * inference is the faster (measured: the question's inspection 4 → 7 ms in such a session).
 */
final class InProcessModels {

    private InProcessModels() {}

    /**
     * The model {@code <id>.onnx} with {@code <id>-tokenizer.json}, both at the root of the jar that
     * holds {@code carrier}, mean-pooled (as langchain4j pools all-MiniLM-L6-v2 and e5-small-v2).
     *
     * @param executor runs the texts of a batch in parallel (one per core is enough)
     */
    static AbstractInProcessEmbeddingModel load(String id, Class<?> carrier, int dimensions, Executor executor) {
        try (InputStream onnx = resource(carrier, id + ".onnx");
                InputStream tokenizer = resource(carrier, id + "-tokenizer.json");
                var options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(onnx.readAllBytes(), options);
            var encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            return new AbstractInProcessEmbeddingModel(executor) {
                @Override
                protected OnnxBertBiEncoder model() {
                    return encoder;
                }

                @Override
                protected Integer knownDimension() {
                    return dimensions;
                }
            };
        } catch (IOException | OrtException e) {
            throw new IllegalStateException("could not load the embedding model " + id, e);
        }
    }

    private static InputStream resource(Class<?> carrier, String name) {
        InputStream in = carrier.getResourceAsStream("/" + name);
        if (in == null) {
            throw new IllegalStateException(name + " is not on the class path (its langchain4j jar is missing)");
        }
        return in;
    }
}
