package io.lexvault.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lexvault.search.chunking.TextChunk;
import io.lexvault.search.index.IndexResults.Hit;
import io.lexvault.search.index.IndexedVersion.IndexedChunk;
import io.lexvault.search.index.LuceneSearchIndex.Ranking;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * ACORD clause retrieval (bench/search-acord.sh, results in docs/benchmarks.md): the 3,931 clauses
 * indexed through {@link LuceneSearchIndex} itself (its analyzers, embedding model and fusion, not a
 * copy), every query ranked over the whole corpus, NDCG@5 and NDCG@10 with exponential gain on the
 * train, valid and test splits, next to plain Lucene BM25 with EnglishAnalyzer on the same corpus.
 * Weights are chosen on train (and checked on valid) only; test is reported, never tuned on.
 */
public final class AcordBenchmark {

    record Clause(String id, String text) {}

    record Judged(Map<String, Map<String, Integer>> bySplit) {}

    static final List<String> SPLITS = List.of("train", "valid", "test");
    static final int DEPTH = 100;

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "../shared/datasets/retrieval/acord");
        String models = args.length > 1 ? args[1] : "all-minilm-l6-v2-q";
        ObjectMapper json = new ObjectMapper();
        List<Clause> corpus = new ArrayList<>();
        try (Stream<String> lines = Files.lines(dataset.resolve("corpus.jsonl"))) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                try {
                    JsonNode node = json.readTree(line);
                    corpus.add(new Clause(
                            node.get("_id").asText(), node.get("text").asText()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(dataset.resolve("queries.jsonl"))) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                try {
                    JsonNode node = json.readTree(line);
                    queries.put(node.get("_id").asText(), node.get("text").asText());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Map<String, Map<String, Map<String, Integer>>> qrels = new HashMap<>();
        for (String split : SPLITS) {
            Map<String, Map<String, Integer>> bySplit = new LinkedHashMap<>();
            try (Reader reader = Files.newBufferedReader(dataset.resolve("qrels/" + split + ".tsv"))) {
                for (CSVRecord record : CSVFormat.TDF
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
                    bySplit.computeIfAbsent(record.get(0), q -> new HashMap<>())
                            .put(record.get(1), Integer.parseInt(record.get(2)));
                }
            }
            qrels.put(split, bySplit);
        }
        System.out.printf(
                Locale.ROOT,
                "ACORD: %d clauses, %d queries (train %d, valid %d, test %d)%n",
                corpus.size(),
                queries.size(),
                qrels.get("train").size(),
                qrels.get("valid").size(),
                qrels.get("test").size());

        // Plain BM25 with EnglishAnalyzer: the reference.
        Map<String, List<String>> plain = plainBm25(corpus, queries);
        report("BM25, EnglishAnalyzer (reference)", plain, qrels);

        Path root = Files.createTempDirectory("acord-index");
        UUID firm = UUID.randomUUID();
        UUID matter = UUID.randomUUID();
        Map<UUID, String> clauseOfChunk = new HashMap<>();
        for (Clause clause : corpus) {
            clauseOfChunk.put(chunkId(clause), clause.id());
        }

        // BM25 through the production index, no embeddings, with the field weights varied.
        try (LuceneSearchIndex lexical = new LuceneSearchIndex(root.resolve("lexical"))) {
            index(lexical, firm, matter, corpus, 16);
            report("LuceneSearchIndex, BM25 only", rank(lexical, firm, matter, queries, clauseOfChunk), qrels);
        }
        for (LexicalQueries.Weights weights : List.of(
                new LexicalQueries.Weights(0.6f, 1f, 1.5f, 1.5f, 0f),
                new LexicalQueries.Weights(0f, 1f, 1.5f, 1.5f, 0.3f),
                new LexicalQueries.Weights(0f, 1f, 1.5f, 1.5f, 0f),
                new LexicalQueries.Weights(0.3f, 1f, 1.5f, 1.5f, 0.1f))) {
            try (LuceneSearchIndex lexical =
                    new LuceneSearchIndex(root.resolve("lexical"), null, Ranking.DEFAULT, weights)) {
                report("  BM25 only, " + weights, rank(lexical, firm, matter, queries, clauseOfChunk), qrels);
            }
        }
        // The legal thesaurus's weight (LexicalQueries.Weights.thesaurus), BM25 alone.
        for (float thesaurus : new float[] {0f, 0.4f, 0.7f, 1.0f, 1.5f}) {
            try (LuceneSearchIndex lexical = new LuceneSearchIndex(
                    root.resolve("lexical"),
                    null,
                    Ranking.DEFAULT,
                    LexicalQueries.Weights.DEFAULT.withThesaurus(thesaurus))) {
                report(
                        "  BM25 only, thesaurus " + thesaurus,
                        rank(lexical, firm, matter, queries, clauseOfChunk),
                        qrels);
            }
        }
        if (models.equals("none")) {
            return;
        }

        for (String modelName : models.split(",")) {
            TextEmbedder.Model model = TextEmbedder.Model.named(modelName);
            try (TextEmbedder embedder = new TextEmbedder(model)) {
                throughput(embedder, corpus);
                Path modelRoot = root.resolve(model.id);
                long start = System.nanoTime();
                try (LuceneSearchIndex hybrid =
                        index(modelRoot, embedder, Ranking.DEFAULT, LexicalQueries.Weights.DEFAULT)) {
                    String cache = System.getenv("ACORD_VECTOR_CACHE");
                    if (cache == null || cache.isBlank()) {
                        index(hybrid, firm, matter, corpus, 16);
                    } else {
                        // The same vectors the production indexing makes (TextEmbedder.embedPassages in
                        // batches of 64), kept between runs of a loaded machine: the index and every
                        // query still go through LuceneSearchIndex; only the time below is then not
                        // an ingestion time.
                        indexWithVectors(
                                hybrid, firm, matter, corpus, cachedPassages(embedder, corpus, Path.of(cache)), 16);
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%s: indexed %d chunks in %.1f s = %.1f chunks/s (%s, versions of 16 chunks, %d cores)%n",
                        model.id,
                        corpus.size(),
                        seconds,
                        corpus.size() / seconds,
                        System.getenv("ACORD_VECTOR_CACHE") == null
                                ? "embedding + Lucene"
                                : "vectors from ACORD_VECTOR_CACHE: not an ingestion time",
                        Runtime.getRuntime().availableProcessors());
                record Variant(Ranking ranking, LexicalQueries.Weights weights) {}
                List<Variant> grid = new ArrayList<>();
                for (float thesaurus : new float[] {0f, 0.7f}) {
                    LexicalQueries.Weights weights = LexicalQueries.Weights.DEFAULT.withThesaurus(thesaurus);
                    for (float weight : new float[] {0.7f, 0.85f}) {
                        for (float coverage : new float[] {0.1f, 0.2f, 0.4f}) {
                            grid.add(new Variant(
                                    new Ranking(Ranking.Fusion.WEIGHTED, weight, DEPTH, 0.3f, 60)
                                            .withCoverage(coverage),
                                    weights));
                        }
                    }
                }
                grid.add(new Variant(
                        new Ranking(Ranking.Fusion.WEIGHTED, 0f, DEPTH, -1f, 60), LexicalQueries.Weights.DEFAULT));
                for (float thesaurus : new float[] {0f, 0.7f}) {
                    LexicalQueries.Weights weights = LexicalQueries.Weights.DEFAULT.withThesaurus(thesaurus);
                    for (float weight : new float[] {0.7f, 0.85f}) {
                        grid.add(new Variant(new Ranking(Ranking.Fusion.WEIGHTED, weight, DEPTH, 0.3f, 60), weights));
                    }
                }
                Variant best = null;
                double bestTrain = -1;
                for (Variant variant : grid) {
                    try (LuceneSearchIndex hybrid = index(modelRoot, embedder, variant.ranking(), variant.weights())) {
                        Map<String, List<String>> ranked = rank(hybrid, firm, matter, queries, clauseOfChunk);
                        double train = ndcg(ranked, qrels.get("train"), 10);
                        System.out.printf(
                                Locale.ROOT,
                                "  %s %s thesaurus %.2f: train NDCG@10 %.4f valid %.4f%n",
                                model.id,
                                variant.ranking(),
                                variant.weights().thesaurus(),
                                train,
                                ndcg(ranked, qrels.get("valid"), 10));
                        if (train > bestTrain) {
                            bestTrain = train;
                            best = variant;
                        }
                    }
                }
                try (LuceneSearchIndex hybrid = index(
                        modelRoot,
                        embedder,
                        new Ranking(Ranking.Fusion.WEIGHTED, 0.85f, DEPTH, 0.3f, 60),
                        LexicalQueries.Weights.DEFAULT.withThesaurus(0.7f))) {
                    report(
                            model.id + " hybrid, the previous default (0.85 / 0.15, thesaurus 0.7, no coverage)",
                            rank(hybrid, firm, matter, queries, clauseOfChunk),
                            qrels);
                }
                try (LuceneSearchIndex hybrid =
                        index(modelRoot, embedder, Ranking.DEFAULT, LexicalQueries.Weights.DEFAULT)) {
                    report(
                            model.id + " hybrid, production default " + Ranking.DEFAULT + " "
                                    + LexicalQueries.Weights.DEFAULT,
                            rank(hybrid, firm, matter, queries, clauseOfChunk),
                            qrels);
                }
                try (LuceneSearchIndex hybrid = index(modelRoot, embedder, best.ranking(), best.weights())) {
                    report(
                            model.id + " hybrid, best on train " + best,
                            rank(hybrid, firm, matter, queries, clauseOfChunk),
                            qrels);
                }
            }
        }
    }

    private static LuceneSearchIndex index(
            Path root, TextEmbedder embedder, Ranking ranking, LexicalQueries.Weights weights) {
        return new LuceneSearchIndex(root, embedder, ranking, weights);
    }

    /** The passage vectors of the corpus from {@code dir}, made and kept there on the first run. */
    static List<float[]> cachedPassages(TextEmbedder embedder, List<Clause> corpus, Path dir) throws IOException {
        Path cache = dir.resolve("emb-" + embedder.model().id + ".bin");
        List<float[]> out = new ArrayList<>();
        if (Files.exists(cache)) {
            try (java.io.DataInputStream in =
                    new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
                int n = in.readInt();
                int d = in.readInt();
                for (int i = 0; i < n; i++) {
                    float[] v = new float[d];
                    for (int j = 0; j < d; j++) {
                        v[j] = in.readFloat();
                    }
                    out.add(v);
                }
            }
            if (out.size() == corpus.size()) {
                return out;
            }
            out.clear();
        }
        for (int i = 0; i < corpus.size(); i += LuceneSearchIndex.EMBEDDING_BATCH) {
            out.addAll(embedder.embedPassages(
                    corpus.subList(i, Math.min(corpus.size(), i + LuceneSearchIndex.EMBEDDING_BATCH)).stream()
                            .map(Clause::text)
                            .toList()));
        }
        Files.createDirectories(dir);
        try (java.io.DataOutputStream o =
                new java.io.DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
            o.writeInt(out.size());
            o.writeInt(out.getFirst().length);
            for (float[] v : out) {
                for (float x : v) {
                    o.writeFloat(x);
                }
            }
        }
        return out;
    }

    /** Embedding throughput alone on a sample, by thread count and input cut. */
    private static void throughput(TextEmbedder production, List<Clause> corpus) {
        List<String> sample = corpus.subList(0, Math.min(96, corpus.size())).stream()
                .map(Clause::text)
                .toList();
        production.embedPassages(sample.subList(0, 32)); // warm-up
        for (int threads : new int[] {1, 2}) {
            for (int maxChars : new int[] {threads == 1 ? TextEmbedder.MAX_CHARS : 600, TextEmbedder.MAX_CHARS}) {
                try (TextEmbedder embedder = new TextEmbedder(production.model(), maxChars, threads)) {
                    embedder.embedPassages(sample.subList(0, 16));
                    long start = System.nanoTime();
                    for (int i = 0; i < sample.size(); i += 16) {
                        embedder.embedPassages(sample.subList(i, Math.min(sample.size(), i + 16)));
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "  %s embedding only: %d threads, input cut at %d chars: %.1f chunks/s%n",
                            production.model().id,
                            threads,
                            maxChars,
                            sample.size() / seconds);
                }
            }
        }
    }

    static UUID chunkId(Clause clause) {
        return UUID.nameUUIDFromBytes(clause.id().getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #index}, with the vectors already made (in corpus order). */
    static void indexWithVectors(
            LuceneSearchIndex index,
            UUID firm,
            UUID matter,
            List<Clause> corpus,
            List<float[]> vectors,
            int perVersion) {
        index(index, firm, matter, corpus, perVersion, vectors);
    }

    static void index(LuceneSearchIndex index, UUID firm, UUID matter, List<Clause> corpus, int perVersion) {
        index(index, firm, matter, corpus, perVersion, null);
    }

    /** Clauses as versions of {@code perVersion} chunks each, as a document's chunks arrive. */
    private static void index(
            LuceneSearchIndex index,
            UUID firm,
            UUID matter,
            List<Clause> corpus,
            int perVersion,
            @org.jspecify.annotations.Nullable List<float[]> vectors) {
        UUID client = UUID.randomUUID();
        for (int start = 0; start < corpus.size(); start += perVersion) {
            List<IndexedChunk> chunks = new ArrayList<>();
            List<Clause> part = corpus.subList(start, Math.min(corpus.size(), start + perVersion));
            for (int i = 0; i < part.size(); i++) {
                Clause clause = part.get(i);
                chunks.add(new IndexedChunk(
                        chunkId(clause),
                        new TextChunk(
                                i,
                                clause.text(),
                                "body",
                                "",
                                null,
                                0,
                                clause.text().length(),
                                "en")));
            }
            IndexedVersion version = new IndexedVersion(
                    UUID.randomUUID(),
                    1,
                    matter,
                    client,
                    "",
                    "text/plain",
                    "internal",
                    Instant.parse("2026-01-01T00:00:00Z"),
                    List.of(),
                    chunks);
            if (vectors == null) {
                index.indexVersion(firm, version);
            } else {
                index.indexVersion(firm, version, vectors.subList(start, start + part.size()));
            }
        }
    }

    static Map<String, List<String>> rank(
            LuceneSearchIndex index,
            UUID firm,
            UUID matter,
            Map<String, String> queries,
            Map<UUID, String> clauseOfChunk) {
        Map<String, List<String>> ranked = new HashMap<>();
        queries.forEach((id, text) -> {
            IndexResults results = index.search(
                    firm, new IndexQuery(text, Set.of(matter), null, null, null, null, null, null, 0, DEPTH));
            ranked.put(
                    id,
                    results.hits().stream()
                            .map(Hit::chunkId)
                            .map(clauseOfChunk::get)
                            .toList());
        });
        return ranked;
    }

    private static Map<String, List<String>> plainBm25(List<Clause> corpus, Map<String, String> queries)
            throws IOException {
        Map<String, List<String>> ranked = new HashMap<>();
        try (EnglishAnalyzer analyzer = new EnglishAnalyzer();
                ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (Clause clause : corpus) {
                    Document doc = new Document();
                    doc.add(new StringField("id", clause.id(), Field.Store.YES));
                    doc.add(new TextField("text", clause.text(), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                QueryBuilder builder = new QueryBuilder(analyzer);
                for (var entry : queries.entrySet()) {
                    Query query = builder.createBooleanQuery("text", entry.getValue(), BooleanClause.Occur.SHOULD);
                    List<String> ids = new ArrayList<>();
                    if (query != null) {
                        for (ScoreDoc hit : searcher.search(query, DEPTH).scoreDocs) {
                            ids.add(searcher.storedFields().document(hit.doc).get("id"));
                        }
                    }
                    ranked.put(entry.getKey(), ids);
                }
            }
        }
        return ranked;
    }

    private static void report(
            String name, Map<String, List<String>> ranked, Map<String, Map<String, Map<String, Integer>>> qrels) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-60s", name));
        for (String split : SPLITS) {
            line.append(String.format(
                    Locale.ROOT,
                    " | %s NDCG@5 %.4f @10 %.4f",
                    split,
                    ndcg(ranked, qrels.get(split), 5),
                    ndcg(ranked, qrels.get(split), 10)));
        }
        System.out.println(line);
    }

    /** Mean NDCG@k over a split's queries, gain 2^grade − 1, ideal from all the query's judgements. */
    static double ndcg(Map<String, List<String>> ranked, Map<String, Map<String, Integer>> judged, int k) {
        double sum = 0;
        for (var entry : judged.entrySet()) {
            Map<String, Integer> grades = entry.getValue();
            List<String> list = ranked.getOrDefault(entry.getKey(), List.of());
            double dcg = 0;
            for (int i = 0; i < Math.min(k, list.size()); i++) {
                int grade = grades.getOrDefault(list.get(i), 0);
                dcg += (Math.pow(2, grade) - 1) / (Math.log(i + 2) / Math.log(2));
            }
            List<Integer> ideal =
                    grades.values().stream().sorted(Comparator.reverseOrder()).toList();
            double idcg = 0;
            for (int i = 0; i < Math.min(k, ideal.size()); i++) {
                idcg += (Math.pow(2, ideal.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
            }
            sum += idcg > 0 ? dcg / idcg : 0;
        }
        return judged.isEmpty() ? 0 : sum / judged.size();
    }
}
