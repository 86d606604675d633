package io.lexvault.search.index;

import io.lexvault.search.chunking.TextChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search issue's scale bench (docs/benchmarks.md, "Search: one firm at a million chunks"): one
 * firm's index of N chunks (default 1,000,000) made by recombining ACORD clauses, spread over M matters
 * (default 20,000), then hybrid queries (the ACORD queries, embedded for real) through
 * {@code LuceneSearchIndex.search} restricted to V visible matters (default 5,000), 20 hits a page.
 *
 * <p>Vectors are SYNTHESISED: R real clauses (default 2,000) are embedded with the production model;
 * each generated chunk gets the vector of one of them plus Gaussian noise (σ 0.05 per dimension,
 * normalised), because embedding a million chunks takes hours on this machine. Ingestion throughput
 * here is therefore indexing without embedding; the embedding rate is the ACORD bench's.
 *
 * <p>Not included: the PostgreSQL re-check of the returned page (one indexed query on
 * {@code document_chunks} by 20 primary keys, as the caller, under the matter wall), which the matter
 * wall benchmark measures per statement; add it to p50/p95 when reading these numbers.
 *
 * <p>Usage: {@code bench/search-scale.sh [dataset] [chunks] [matters] [visible] [real vectors]}
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/retrieval/acord");
        int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int matterCount = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int visibleCount = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int real = args.length > 4 ? Integer.parseInt(args[4]) : 2_000;
        var json = JsonMapper.builder().build();
        List<String> clauses = new ArrayList<>();
        try (Stream<String> lines = Files.lines(dataset.resolve("corpus.jsonl"))) {
            lines.forEach(line -> clauses.add(json.readTree(line).get("text").asString()));
        }
        List<String> queries = new ArrayList<>();
        try (Stream<String> lines = Files.lines(dataset.resolve("queries.jsonl"))) {
            lines.forEach(line -> queries.add(json.readTree(line).get("text").asString()));
        }
        var random = new Random(15);
        List<UUID> matters = new ArrayList<>(matterCount);
        for (int i = 0; i < matterCount; i++) {
            matters.add(new UUID(random.nextLong(), random.nextLong()));
        }
        Set<UUID> visible = new HashSet<>(matters.subList(0, visibleCount));
        Path root = Files.createTempDirectory("lexvault-scale-bench");
        UUID firm = UUID.randomUUID();
        System.out.printf(
                Locale.ROOT,
                "chunks %,d, matters %,d, visible %,d, real vectors %,d, cores %d%n",
                chunks,
                matterCount,
                visibleCount,
                real,
                Runtime.getRuntime().availableProcessors());

        try (var embedder = new TextEmbedder(TextEmbedder.Model.named("all-minilm-l6-v2-q"));
                var index = new LuceneSearchIndex(
                        root, embedder, LuceneSearchIndex.Ranking.DEFAULT, LexicalQueries.Weights.DEFAULT)) {
            long started = System.nanoTime();
            List<float[]> base = new ArrayList<>(real);
            for (int from = 0; from < real; from += 64) {
                base.addAll(embedder.embedPassages(clauses.subList(from, Math.min(real, from + 64))));
            }
            System.out.printf(Locale.ROOT, "embedded %,d real clauses in %.1f s%n", real, seconds(started));

            started = System.nanoTime();
            Instant stored = Instant.parse("2026-01-01T00:00:00Z");
            int perVersion = 16;
            for (int made = 0, doc = 0; made < chunks; doc++) {
                int n = Math.min(perVersion, chunks - made);
                UUID matter = matters.get(random.nextInt(matterCount));
                List<IndexedVersion.IndexedChunk> indexed = new ArrayList<>(n);
                List<float[]> vectors = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    int first = random.nextInt(real);
                    String text = clauses.get(first) + " " + clauses.get(random.nextInt(clauses.size()));
                    indexed.add(new IndexedVersion.IndexedChunk(
                            UUID.randomUUID(), new TextChunk(i, text, "body", "", 1 + i / 4, 0, text.length(), "en")));
                    vectors.add(perturbed(base.get(first), random));
                }
                index.indexVersion(
                        firm,
                        new IndexedVersion(
                                new UUID(random.nextLong(), doc),
                                1,
                                matter,
                                matter,
                                "Contract " + doc,
                                "application/pdf",
                                "CONFIDENTIAL",
                                stored,
                                List.of(),
                                indexed),
                        vectors);
                made += n;
                if (made % 100_000 < perVersion) {
                    System.out.printf(Locale.ROOT, "  %,d chunks, %.0f chunks/s%n", made, made / seconds(started));
                }
            }
            double indexing = seconds(started);
            System.out.printf(
                    Locale.ROOT,
                    "indexed %,d chunks in %.0f s: %.0f chunks/s (no embedding: vectors synthesised)%n",
                    chunks,
                    indexing,
                    chunks / indexing);
            long bytes;
            try (Stream<Path> files = Files.walk(root)) {
                bytes = files.filter(Files::isRegularFile)
                        .mapToLong(p -> {
                            try {
                                return Files.size(p);
                            } catch (IOException e) {
                                return 0;
                            }
                        })
                        .sum();
            }
            System.out.printf(
                    Locale.ROOT, "index size %,d MB, %.0f bytes per chunk%n", bytes >> 20, (double) bytes / chunks);
            System.out.printf(Locale.ROOT, "heap used after indexing %,d MB%n", usedHeapMb());

            // Warm-up, then measure.
            for (int i = 0; i < 20; i++) {
                index.search(firm, query(queries.get(i % queries.size()), visible));
            }
            int runs = Math.max(200, queries.size());
            long[] micros = new long[runs];
            long hits = 0;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                hits += index.search(firm, query(queries.get(i % queries.size()), visible))
                        .hits()
                        .size();
                micros[i] = (System.nanoTime() - t) / 1_000;
            }
            Arrays.sort(micros);
            System.out.printf(
                    Locale.ROOT,
                    "hybrid query, %,d visible matters, page of 20: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms (%d runs, %.1f hits a page; query embedding included, PostgreSQL re-check not)%n",
                    visibleCount,
                    micros[runs / 2] / 1000.0,
                    micros[(int) (runs * 0.95)] / 1000.0,
                    micros[(int) (runs * 0.99)] / 1000.0,
                    runs,
                    (double) hits / runs);
            System.out.printf(Locale.ROOT, "heap used after querying %,d MB%n", usedHeapMb());
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static IndexQuery query(String text, Set<UUID> visible) {
        return new IndexQuery(text, visible, null, null, null, null, null, null, 0, 20);
    }

    private static float[] perturbed(float[] vector, Random random) {
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

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static long usedHeapMb() {
        var runtime = Runtime.getRuntime();
        System.gc();
        return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
    }
}
