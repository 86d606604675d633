package io.lexvault.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lexvault.search.index.AcordBenchmark.Clause;
import io.lexvault.search.index.IndexResults.Hit;
import io.lexvault.search.index.LuceneSearchIndex.Ranking;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Side experiment for choosing the ranking (not the reported benchmark: {@link AcordBenchmark} runs the
 * production path). Scores every (query, clause) pair once per signal — production BM25 with and
 * without the thesaurus, dense cosine per model (embeddings cached under {@code /tmp/acord}), query-term
 * coverage — and evaluates weighted fusions of them in memory (min-max per query over the candidates,
 * as {@link RankFusion} does), ranked by train NDCG@10 only. The signals are kept in
 * {@code /tmp/acord/signals.ser} between runs (delete it after changing the index). Command:
 * {@code bench/search-acord-signals.sh [dataset dir] [models]}.
 */
public final class AcordExperiments {

    static final int DEPTH = 100;

    public static void main(String[] args) throws Exception {
        Path dataset = Path.of(args.length > 0 ? args[0] : "/work/shared/datasets/retrieval/acord");
        ObjectMapper json = new ObjectMapper();
        List<Clause> corpus = new ArrayList<>();
        try (Stream<String> lines = Files.lines(dataset.resolve("corpus.jsonl"))) {
            lines.filter(l -> !l.isBlank()).forEach(l -> {
                try {
                    JsonNode n = json.readTree(l);
                    corpus.add(new Clause(n.get("_id").asText(), n.get("text").asText()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Map<String, String> queries = new LinkedHashMap<>();
        try (Stream<String> lines = Files.lines(dataset.resolve("queries.jsonl"))) {
            lines.filter(l -> !l.isBlank()).forEach(l -> {
                try {
                    JsonNode n = json.readTree(l);
                    queries.put(n.get("_id").asText(), n.get("text").asText());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Map<String, Map<String, Map<String, Integer>>> qrels = new HashMap<>();
        for (String split : AcordBenchmark.SPLITS) {
            Map<String, Map<String, Integer>> bySplit = new LinkedHashMap<>();
            try (Reader reader = Files.newBufferedReader(dataset.resolve("qrels/" + split + ".tsv"))) {
                for (CSVRecord r : CSVFormat.TDF
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(reader)) {
                    bySplit.computeIfAbsent(r.get(0), q -> new HashMap<>()).put(r.get(1), Integer.parseInt(r.get(2)));
                }
            }
            qrels.put(split, bySplit);
        }
        List<String> qids = new ArrayList<>(queries.keySet());
        Map<String, Integer> clauseIndex = new HashMap<>();
        for (int i = 0; i < corpus.size(); i++) {
            clauseIndex.put(corpus.get(i).id(), i);
        }

        Path signalCache = Path.of("/tmp/acord/signals.ser");
        Map<String, float[][]> signals = new LinkedHashMap<>();
        if (Files.exists(signalCache)) {
            try (var in = new java.io.ObjectInputStream(Files.newInputStream(signalCache))) {
                @SuppressWarnings("unchecked")
                Map<String, float[][]> read = (Map<String, float[][]>) in.readObject();
                signals.putAll(read);
            }
        } else {
            computeSignals(corpus, queries, qids, clauseIndex, signals, args);
            try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(signalCache))) {
                out.writeObject(new LinkedHashMap<>(signals));
            }
        }
        grid(corpus, qrels, qids, signals);
    }

    static void computeSignals(
            List<Clause> corpus,
            Map<String, String> queries,
            List<String> qids,
            Map<String, Integer> clauseIndex,
            Map<String, float[][]> signals,
            String[] args)
            throws Exception {
        // Lexical signals through the production index (BM25 only), top DEPTH with scores.
        Path root = Files.createTempDirectory("acord-exp");
        UUID firm = UUID.randomUUID();
        UUID matter = UUID.randomUUID();
        Map<UUID, String> clauseOfChunk = new HashMap<>();
        for (Clause c : corpus) {
            clauseOfChunk.put(AcordBenchmark.chunkId(c), c.id());
        }
        try (LuceneSearchIndex lexical = new LuceneSearchIndex(root.resolve("lex"))) {
            AcordBenchmark.index(lexical, firm, matter, corpus, 16);
        }
        for (float th : new float[] {0f, 0.4f, 0.7f}) {
            try (LuceneSearchIndex lexical = new LuceneSearchIndex(
                    root.resolve("lex"), null, Ranking.DEFAULT, LexicalQueries.Weights.DEFAULT.withThesaurus(th))) {
                float[][] s = new float[qids.size()][corpus.size()];
                for (int q = 0; q < qids.size(); q++) {
                    java.util.Arrays.fill(s[q], Float.NaN);
                    IndexResults r = lexical.search(
                            firm,
                            new IndexQuery(
                                    queries.get(qids.get(q)),
                                    Set.of(matter),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    0,
                                    DEPTH));
                    for (Hit h : r.hits()) {
                        s[q][clauseIndex.get(clauseOfChunk.get(h.chunkId()))] = h.score();
                    }
                }
                signals.put("bm25-th" + th, s);
            }
        }
        // Dense cosine per model, over the whole corpus.
        for (String modelName : (args.length > 1 ? args[1] : "all-minilm-l6-v2-q,e5-small-v2-q").split(",")) {
            TextEmbedder.Model model = TextEmbedder.Model.named(modelName);
            try (TextEmbedder embedder = new TextEmbedder(model)) {
                List<float[]> passages = cachedPassages(embedder, corpus);
                float[][] s = new float[qids.size()][corpus.size()];
                for (int q = 0; q < qids.size(); q++) {
                    float[] v = embedder.embedQuery(queries.get(qids.get(q)));
                    for (int c = 0; c < corpus.size(); c++) {
                        s[q][c] = cos(v, passages.get(c));
                    }
                }
                signals.put(model.id, s);
            }
        }
        // Query-term coverage: the share of the query's distinct stems the clause holds.
        try (EnglishAnalyzer en = new EnglishAnalyzer()) {
            List<Set<String>> clauseTerms = new ArrayList<>();
            for (Clause c : corpus) {
                clauseTerms.add(new HashSet<>(tokens(en, c.text())));
            }
            float[][] s = new float[qids.size()][corpus.size()];
            float[][] len = new float[qids.size()][corpus.size()];
            for (int q = 0; q < qids.size(); q++) {
                Set<String> terms = new HashSet<>(tokens(en, queries.get(qids.get(q))));
                for (int c = 0; c < corpus.size(); c++) {
                    int have = 0;
                    for (String t : terms) {
                        if (clauseTerms.get(c).contains(t)) {
                            have++;
                        }
                    }
                    s[q][c] = terms.isEmpty() ? 0 : (float) have / terms.size();
                    len[q][c] = (float) Math.log(1 + corpus.get(c).text().length());
                }
            }
            signals.put("coverage", s);
            signals.put("loglen", len);
        }
    }

    static void grid(
            List<Clause> corpus,
            Map<String, Map<String, Map<String, Integer>>> qrels,
            List<String> qids,
            Map<String, float[][]> signals) {
        Eval eval = new Eval(qids, corpus, qrels);
        for (String name : signals.keySet()) {
            Map<String, Float> w = Map.of(name, 1f);
            eval.print(name + " alone", signals, w, name.startsWith("bm25") ? name : null);
        }
        // Grid: lexical (one of the BM25 variants) + dense models + coverage, min-max per query over
        // the candidates (BM25 top DEPTH ∪ each model's top DEPTH).
        List<String> dense = signals.keySet().stream()
                .filter(k -> !k.startsWith("bm25") && !k.equals("coverage") && !k.equals("loglen"))
                .toList();
        record Result(String name, double train, double valid, double test) {}
        List<Result> results = new ArrayList<>();
        float[] steps = {0f, 0.1f, 0.2f, 0.3f, 0.5f, 0.75f, 1f, 1.5f};
        for (String lex : List.of("bm25-th0.0", "bm25-th0.4", "bm25-th0.7")) {
            for (float wl : new float[] {1f}) {
                for (float wm : steps) {
                    for (float we : dense.size() > 1 ? steps : new float[] {0f}) {
                        for (float wc : new float[] {0f, 0.1f, 0.2f, 0.4f}) {
                            for (float wlen : new float[] {0f}) {
                                Map<String, Float> w = new LinkedHashMap<>();
                                w.put(lex, wl);
                                w.put(dense.get(0), wm);
                                if (dense.size() > 1) {
                                    w.put(dense.get(1), we);
                                }
                                w.put("coverage", wc);
                                w.put("loglen", wlen);
                                double[] r = eval.score(signals, w, lex);
                                results.add(new Result(w.toString(), r[0], r[1], r[2]));
                            }
                        }
                    }
                }
            }
        }
        results.sort((a, b) -> Double.compare(b.train, a.train));
        System.out.println("top 25 by train NDCG@10:");
        for (Result r : results.subList(0, Math.min(25, results.size()))) {
            System.out.printf(Locale.ROOT, "  train %.4f valid %.4f test %.4f  %s%n", r.train, r.valid, r.test, r.name);
        }
        Map<String, Result> bestPer = new LinkedHashMap<>();
        for (Result r : results) {
            String sig = (r.name.contains("coverage=0.0") ? "nocov" : "cov")
                    + (r.name.contains("loglen=0.0") ? "-nolen" : "-len")
                    + (dense.size() > 1 && r.name.contains(dense.get(1) + "=0.0") ? "-noE" : "-E")
                    + (r.name.contains(dense.get(0) + "=0.0") ? "-noM" : "-M")
                    + "-" + r.name.substring(1, r.name.indexOf('='));
            bestPer.putIfAbsent(sig, r);
        }
        System.out.println("best on train per family:");
        bestPer.forEach((k, r) -> System.out.printf(
                Locale.ROOT, "  %-40s train %.4f valid %.4f test %.4f  %s%n", k, r.train, r.valid, r.test, r.name));
    }

    static final class Eval {
        final List<String> qids;
        final List<Clause> corpus;
        final Map<String, Map<String, Map<String, Integer>>> qrels;
        final Map<String, List<Integer>> tops = new java.util.concurrent.ConcurrentHashMap<>();

        Eval(List<String> qids, List<Clause> corpus, Map<String, Map<String, Map<String, Integer>>> qrels) {
            this.qids = qids;
            this.corpus = corpus;
            this.qrels = qrels;
        }

        void print(String name, Map<String, float[][]> signals, Map<String, Float> w, String lex) {
            double[] r = score(signals, w, lex);
            System.out.printf(Locale.ROOT, "%-40s train %.4f valid %.4f test %.4f%n", name, r[0], r[1], r[2]);
        }

        /** Train, valid, test NDCG@10 of the fused ranking. */
        double[] score(Map<String, float[][]> signals, Map<String, Float> weights, String lex) {
            Map<String, List<String>> ranked = new HashMap<>();
            int n = corpus.size();
            for (int q = 0; q < qids.size(); q++) {
                // candidates: lexical hits ∪ each dense signal's top DEPTH
                Set<Integer> cand = new HashSet<>();
                for (var e : weights.entrySet()) {
                    if (e.getValue() == 0f) {
                        continue;
                    }
                    float[] s = signals.get(e.getKey())[q];
                    if (e.getKey().startsWith("bm25")) {
                        for (int c = 0; c < n; c++) {
                            if (!Float.isNaN(s[c])) {
                                cand.add(c);
                            }
                        }
                    } else if (!e.getKey().equals("coverage") && !e.getKey().equals("loglen")) {
                        cand.addAll(tops.computeIfAbsent(e.getKey() + "#" + q, k -> top(s, DEPTH)));
                    }
                }
                Map<Integer, Double> fused = new HashMap<>();
                for (var e : weights.entrySet()) {
                    if (e.getValue() == 0f) {
                        continue;
                    }
                    float[] s = signals.get(e.getKey())[q];
                    double min = Double.MAX_VALUE;
                    double max = -Double.MAX_VALUE;
                    for (int c : cand) {
                        float v = Float.isNaN(s[c]) ? 0 : s[c];
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                    double range = max - min;
                    for (int c : cand) {
                        float v = Float.isNaN(s[c]) ? 0 : s[c];
                        double norm = range > 0 ? (v - min) / range : 0;
                        fused.merge(c, e.getValue() * norm, Double::sum);
                    }
                }
                List<String> list = fused.entrySet().stream()
                        .sorted(Map.Entry.<Integer, Double>comparingByValue()
                                .reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(DEPTH)
                        .map(e -> corpus.get(e.getKey()).id())
                        .toList();
                ranked.put(qids.get(q), list);
            }
            return new double[] {
                AcordBenchmark.ndcg(ranked, qrels.get("train"), 10),
                AcordBenchmark.ndcg(ranked, qrels.get("valid"), 10),
                AcordBenchmark.ndcg(ranked, qrels.get("test"), 10)
            };
        }
    }

    static List<Integer> top(float[] s, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> Float.compare(s[b], s[a]));
        return idx.subList(0, Math.min(k, idx.size()));
    }

    static float cos(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return (float) (dot / Math.sqrt(na * nb));
    }

    static List<String> tokens(EnglishAnalyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("t", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    static List<float[]> cachedPassages(TextEmbedder embedder, List<Clause> corpus) throws IOException {
        Path cache = Path.of("/tmp/acord/emb-" + embedder.model().id + ".bin");
        List<float[]> out = new ArrayList<>();
        if (Files.exists(cache)) {
            try (DataInputStream in =
                    new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(cache)))) {
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
            return out;
        }
        long start = System.nanoTime();
        for (int i = 0; i < corpus.size(); i += 64) {
            out.addAll(embedder.embedPassages(corpus.subList(i, Math.min(corpus.size(), i + 64)).stream()
                    .map(Clause::text)
                    .toList()));
        }
        System.out.printf(
                Locale.ROOT,
                "%s: embedded %d clauses in %.1f s%n",
                embedder.model().id,
                corpus.size(),
                (System.nanoTime() - start) / 1e9);
        Files.createDirectories(cache.getParent());
        try (DataOutputStream o =
                new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(cache)))) {
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
}
