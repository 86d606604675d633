package io.lexvault.search.index;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The scale bench's way into the index package: the template vectors (embedded for real, cached), the
 * million-chunk index built through {@link LuceneSearchIndex} from several threads, and the ingestion
 * curve (embedding + indexing through the production classes) against threads and batch size.
 */
public final class ScaleIndex {

    public static final String MODEL = "all-minilm-l6-v2-q";

    private ScaleIndex() {}

    /** The templates' real embeddings, from {@code cache} or made now (and cached). */
    public static float[][] templateVectors(ScaleCorpus corpus, Path cache) throws IOException {
        if (Files.exists(cache)) {
            try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                int n = in.readInt();
                int dims = in.readInt();
                float[][] vectors = new float[n][dims];
                for (float[] v : vectors) {
                    for (int d = 0; d < dims; d++) {
                        v[d] = in.readFloat();
                    }
                }
                if (n == corpus.templateCount) {
                    return vectors;
                }
            }
        }
        long started = System.nanoTime();
        float[][] vectors = new float[corpus.templateCount][];
        try (var embedder = new TextEmbedder(TextEmbedder.Model.named(MODEL))) {
            for (int from = 0; from < corpus.templateCount; from += LuceneSearchIndex.EMBEDDING_BATCH) {
                List<String> texts = new ArrayList<>();
                for (int t = from; t < Math.min(corpus.templateCount, from + LuceneSearchIndex.EMBEDDING_BATCH); t++) {
                    texts.add(corpus.templateText(t));
                }
                List<float[]> made = embedder.embedPassages(texts);
                for (int i = 0; i < made.size(); i++) {
                    vectors[from + i] = made.get(i);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "embedded %,d real template chunks with %s in %.0f s (%.1f chunks/s)%n",
                corpus.templateCount,
                MODEL,
                seconds,
                corpus.templateCount / seconds);
        Files.createDirectories(cache.getParent());
        try (var out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
            out.writeInt(vectors.length);
            out.writeInt(vectors[0].length);
            for (float[] v : vectors) {
                for (float f : v) {
                    out.writeFloat(f);
                }
            }
        }
        return vectors;
    }

    /** A template's vector plus Gaussian noise (σ 0.05 a dimension), normalised. */
    static float[] perturbed(float[] vector, Random random) {
        float[] out = new float[vector.length];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] + (float) (random.nextGaussian() * 0.05);
            norm += out[i] * out[i];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /**
     * Builds firm {@code firm}'s index under {@code root} with every chunk of the corpus, through
     * {@link LuceneSearchIndex#indexVersions} (production documents, analyzers and codec; vectors
     * synthesised from the templates), from {@code threads} threads, {@code batch} versions a commit.
     * Returns the seconds taken.
     */
    public static double build(Path root, UUID firm, ScaleCorpus corpus, float[][] templates, int threads, int batch)
            throws Exception {
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int versions = corpus.versionCount();
        try (var index = new LuceneSearchIndex(root);
                ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    for (int from = next.getAndAdd(batch); from < versions; from = next.getAndAdd(batch)) {
                        List<IndexedVersion> made = new ArrayList<>(batch);
                        List<List<float[]>> vectors = new ArrayList<>(batch);
                        for (int k = from; k < Math.min(versions, from + batch); k++) {
                            ScaleCorpus.Generated generated = corpus.version(k);
                            var random = new Random(k);
                            List<float[]> v = new ArrayList<>(generated.templates().length);
                            for (int template : generated.templates()) {
                                v.add(perturbed(templates[template], random));
                            }
                            made.add(generated.version());
                            vectors.add(v);
                        }
                        index.indexVersions(firm, made, vectors);
                        int chunks = done.addAndGet(made.size()) * ScaleCorpus.PER_VERSION;
                        if ((chunks / ScaleCorpus.PER_VERSION) % (batch * 25) < made.size()) {
                            double s = (System.nanoTime() - started) / 1e9;
                            System.out.printf(
                                    Locale.ROOT, "  %,d chunks in %.0f s: %.0f chunks/s%n", chunks, s, chunks / s);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Ingestion with embeddings, through the production path ({@link LuceneSearchIndex#indexVersion},
     * which embeds {@link LuceneSearchIndex#EMBEDDING_BATCH} chunks a call on a pool of {@code poolThreads}
     * and commits each version): {@code versions} versions of the corpus indexed by {@code writers}
     * threads at once. Returns chunks a second.
     */
    public static double ingestion(ScaleCorpus corpus, Path root, int poolThreads, int writers, int versions)
            throws Exception {
        UUID firm = UUID.randomUUID();
        try (var embedder = new TextEmbedder(TextEmbedder.Model.named(MODEL), TextEmbedder.MAX_CHARS, poolThreads);
                var index = new LuceneSearchIndex(
                        root, embedder, LuceneSearchIndex.Ranking.DEFAULT, LexicalQueries.Weights.DEFAULT);
                ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            embedder.embedPassages(List.of("warm up the model")); // the model loads outside the timing
            AtomicInteger next = new AtomicInteger(1_000_000);
            int last = 1_000_000 + versions;
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                running.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < last; k = next.getAndIncrement()) {
                        index.indexVersion(
                                firm, corpus.version(k % corpus.versionCount()).version());
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return (double) versions * ScaleCorpus.PER_VERSION / seconds;
        } finally {
            deleteTree(root);
        }
    }

    public static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
