package io.lexvault.assistant.guard;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The injection classifier's training and the detector's evaluation (docs/benchmarks.md, "Assistant —
 * injection detection"). Run by {@code bench/injection-classifier.sh}:
 *
 * <ul>
 *   <li>{@code train}: fits the v2 classifier (embedding + hashed n-grams, one logistic regression) on
 *       TRAIN data only: the deepset train split, the train half of CyberSecEval (English and the
 *       machine-translated DE/FR/ES/IT/PT, halves by a hash of {@code prompt_id}), the repository's
 *       training files (benign-legal-questions-train.tsv, injections-train.tsv), the train third of
 *       ACORD's contract clauses (benign passages) and train injections planted inside train clauses.
 *       The L2 strength and the threshold are chosen on 5-fold out-of-fold scores and on DEV data
 *       (benign-legal-questions-dev.tsv, ACORD's dev clauses), never on what {@code evaluate} measures.
 *   <li>{@code evaluate}: the shipped detector (rules OR classifier) on the held-out sets, per set,
 *       class and language, and the latency of a question's guardrail over 20 passages.
 * </ul>
 */
public final class InjectionClassifierBenchmark {

    /** The regularisation strengths tried; the one with the best out-of-fold recall is kept. */
    static final double[] L2S = {1e-4, 1e-5, 1e-6};

    static final int EPOCHS = 50;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 0.02;
    /** False blocks on each dev set (benign legal questions, contract clauses) at most this. */
    static final double TARGET_FALSE_BLOCKS = 0.03;

    /**
     * Out-of-fold false blocks on the training rows' benign ones at most this: the issue's bound (5%);
     * the dev sets, which look like what LexVault sees, keep the stricter {@link #TARGET_FALSE_BLOCKS}.
     */
    static final double TARGET_FALSE_BLOCKS_OOF = 0.05;

    static final int D = InjectionClassifier.DIMENSIONS;
    static final int H = InjectionFeatures.HASHED;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Row(String text, int label, String group) {}

    /** One window's features: the embedding and the hashed n-grams. */
    record Window(float[] embedding, int[] index, double[] value) {}

    /** A row's windows; its score is the highest of theirs, as in production. */
    record Example(List<Window> windows, int label) {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/datasets/prompt-injection");
        switch (args.length > 0 ? args[0] : "evaluate") {
            case "train" ->
                train(
                        data,
                        args.length > 2
                                ? Path.of(args[2])
                                : Path.of("src/main/resources", InjectionClassifier.WEIGHTS));
            case "evaluate" -> evaluate(data);
            default -> throw new IllegalArgumentException("train or evaluate");
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- data and splits

    /** The datasets folder's sibling holding ACORD (retrieval/acord), for benign contract clauses. */
    static Path acord(Path injectionData) {
        return injectionData.toAbsolutePath().getParent().resolve("retrieval/acord/corpus.jsonl");
    }

    /** 0 = train, 1 = held out: a stable half by the SHA-256 of a salt and an id. */
    static int half(String salt, String id) {
        return bucket(salt + ":" + id, 2);
    }

    static int bucket(String key, int buckets) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Math.floorMod(((digest[0] & 0xff) << 8) | (digest[1] & 0xff), buckets);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final List<String> ML_LANGUAGES = List.of("German", "French", "Spanish", "Italian", "Portuguese");

    /** CyberSecEval's attacks (English, or the machine-translated five), one half of them. */
    static List<Row> cyberSecEval(Path data, boolean translated, int wantedHalf) throws IOException {
        var rows = new ArrayList<Row>();
        String file = translated ? "prompt_injection_multilingual_machine_translated.json" : "prompt_injection.json";
        for (JsonNode node : JSON.readTree(
                data.resolve("cyberseceval-prompt-injection/" + file).toFile())) {
            String language = node.get("speaking_language").asString();
            if (translated && !ML_LANGUAGES.contains(language)) {
                continue;
            }
            String id = node.get("prompt_id").asString();
            if (half(translated ? "cse-ml" : "cse-en", id) != wantedHalf) {
                continue;
            }
            rows.add(new Row(
                    node.get("user_input").asString(),
                    1,
                    translated
                            ? language
                            : "en/" + node.get("injection_variant").asString()));
        }
        return rows;
    }

    /** ACORD clauses (benign contract text) of one part: 0 train, 1 dev, 2 test, by a hash of the id. */
    static List<Row> acordClauses(Path data, int part, int limit) throws IOException {
        var rows = new ArrayList<Row>();
        Path file = acord(data);
        if (!Files.exists(file)) {
            System.out.println("(no ACORD corpus at " + file + ": no contract clauses)");
            return rows;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            int b = bucket("acord:" + node.get("_id").asString(), 10);
            int p = b < 4 ? 0 : b < 6 ? 1 : b < 8 ? 2 : -1;
            if (p == part && rows.size() < limit) {
                rows.add(new Row(node.get("text").asString(), 0, "acord clause"));
            }
        }
        return rows;
    }

    /**
     * Injections planted inside contract clauses, as an attacker hides them in a document: each attack
     * goes at a sentence boundary of a clause, the clause trimmed so the result is one window long.
     */
    static List<Row> planted(List<Row> attacks, List<Row> clauses, long seed, String group) {
        var random = new Random(seed);
        var rows = new ArrayList<Row>();
        for (Row attack : attacks) {
            String clause = clauses.get(random.nextInt(clauses.size())).text();
            int room =
                    Math.max(0, InjectionClassifier.WINDOW - 40 - attack.text().length());
            String context = clause.length() > room ? clause.substring(0, room) : clause;
            int cut = context.lastIndexOf(". ", random.nextInt(context.length() + 1));
            cut = cut < 0 ? (random.nextBoolean() ? 0 : context.length()) : cut + 2;
            rows.add(new Row(
                    context.substring(0, cut) + attack.text() + " " + context.substring(cut),
                    1,
                    group + "/" + attack.group()));
        }
        return rows;
    }

    static List<Row> tsv(String resource, int label) throws IOException {
        var rows = new ArrayList<Row>();
        for (String line : resourceLines(resource)) {
            String[] cols = line.split("\t");
            rows.add(new Row(cols[cols.length - 1], label, String.join("/", Arrays.copyOf(cols, cols.length - 1))));
        }
        return rows;
    }

    // ---------------------------------------------------------------- features

    /** Embeddings remembered between runs (target/bench), keyed by the window's SHA-256. */
    static final Map<String, float[]> EMBEDDINGS = new HashMap<>();

    static final Path EMBEDDING_CACHE = Path.of("target/bench/injection-embeddings.bin");

    static List<Example> examples(InjectionClassifier model, List<Row> rows) throws Exception {
        var windows = new ArrayList<List<String>>();
        var todo = new LinkedHashMap<String, String>();
        for (Row row : rows) {
            List<String> w = InjectionClassifier.windows(row.text());
            windows.add(w);
            for (String window : w) {
                String key = sha256(window.getBytes(StandardCharsets.UTF_8));
                if (!EMBEDDINGS.containsKey(key)) {
                    todo.put(key, window);
                }
            }
        }
        if (!todo.isEmpty()) {
            long started = System.nanoTime();
            var keys = new ArrayList<>(todo.keySet());
            var texts = new ArrayList<>(todo.values());
            for (int from = 0; from < texts.size(); from += 64) {
                List<float[]> vectors = model.embed(texts.subList(from, Math.min(texts.size(), from + 64)));
                for (int i = 0; i < vectors.size(); i++) {
                    EMBEDDINGS.put(keys.get(from + i), vectors.get(i));
                }
            }
            System.out.printf(
                    Locale.ROOT, "embedded %d windows in %.1f s%n", texts.size(), (System.nanoTime() - started) / 1e9);
            saveEmbeddings();
        }
        var out = new ArrayList<Example>();
        for (int r = 0; r < rows.size(); r++) {
            var ws = new ArrayList<Window>();
            for (String window : windows.get(r)) {
                Map<Integer, Double> hashed = InjectionFeatures.hashed(window);
                int[] index =
                        hashed.keySet().stream().mapToInt(Integer::intValue).toArray();
                double[] value = Arrays.stream(index).mapToDouble(hashed::get).toArray();
                ws.add(new Window(EMBEDDINGS.get(sha256(window.getBytes(StandardCharsets.UTF_8))), index, value));
            }
            out.add(new Example(ws, rows.get(r).label()));
        }
        return out;
    }

    static void loadEmbeddings() throws IOException {
        if (!Files.exists(EMBEDDING_CACHE)) {
            return;
        }
        try (var in = new DataInputStream(new BufferedInputStream(Files.newInputStream(EMBEDDING_CACHE)))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                EMBEDDINGS.put(key, v);
            }
        }
    }

    static void saveEmbeddings() throws IOException {
        Files.createDirectories(EMBEDDING_CACHE.getParent());
        try (var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(EMBEDDING_CACHE)))) {
            out.writeInt(EMBEDDINGS.size());
            for (var e : EMBEDDINGS.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
    }

    // ---------------------------------------------------------------- training

    static void train(Path data, Path out) throws Exception {
        loadEmbeddings();
        Path deepset = data.resolve("deepset-prompt-injections/derived/train.jsonl");
        var rows = new ArrayList<Row>(jsonl(deepset));
        List<Row> attacks = new ArrayList<>();
        attacks.addAll(cyberSecEval(data, false, 0));
        attacks.addAll(cyberSecEval(data, true, 0));
        attacks.addAll(tsv("assistant/injections-train.tsv", 1));
        rows.addAll(attacks);
        rows.addAll(tsv("assistant/benign-legal-questions-train.tsv", 0));
        List<Row> clauses = acordClauses(data, 0, 400);
        rows.addAll(clauses);
        var plantable = new ArrayList<Row>(attacks);
        jsonl(deepset).stream().filter(r -> r.label() == 1).forEach(plantable::add);
        if (!clauses.isEmpty()) {
            rows.addAll(planted(plantable, clauses, 16, "planted"));
        }
        var byGroup = new TreeMap<String, int[]>();
        rows.forEach(r -> byGroup.computeIfAbsent(r.group().split("/")[0], k -> new int[2])[r.label()]++);
        System.out.println("training rows (benign, injection) by source: " + describe(byGroup));

        var unfitted = untrained();
        List<Example> x = examples(unfitted, rows);
        List<Example> devLegal = examples(unfitted, tsv("assistant/benign-legal-questions-dev.tsv", 0));
        List<Example> devClauses = examples(unfitted, acordClauses(data, 1, 200));

        // 5 folds by a hash of the text (stable, independent of the file order)
        int[] fold = rows.stream().mapToInt(r -> bucket("fold:" + r.text(), 5)).toArray();
        double l2 = L2S[0];
        double threshold = 0.5;
        double bestRecall = -1;
        for (double candidate : L2S) {
            double[] oof = new double[x.size()];
            for (int f = 0; f < 5; f++) {
                var part = new ArrayList<Example>();
                for (int i = 0; i < x.size(); i++) {
                    if (fold[i] != f) {
                        part.add(x.get(i));
                    }
                }
                double[] model = fit(part, candidate);
                for (int i = 0; i < x.size(); i++) {
                    if (fold[i] == f) {
                        oof[i] = score(model, x.get(i));
                    }
                }
            }
            double[] full = fit(x, candidate);
            double[] legalScores =
                    devLegal.stream().mapToDouble(e -> score(full, e)).toArray();
            double[] clauseScores =
                    devClauses.stream().mapToDouble(e -> score(full, e)).toArray();
            int[] labels = x.stream().mapToInt(Example::label).toArray();
            double t = Math.max(
                    chooseThreshold(oof, labels, TARGET_FALSE_BLOCKS_OOF),
                    Math.max(
                            chooseThreshold(legalScores, new int[legalScores.length], TARGET_FALSE_BLOCKS),
                            chooseThreshold(clauseScores, new int[clauseScores.length], TARGET_FALSE_BLOCKS)));
            var cv = confusion(oof, labels, t);
            System.out.printf(
                    Locale.ROOT,
                    "L2 %.0e: threshold %.3f; 5-fold CV: recall %.1f%%, false blocks %.1f%%; dev legal questions"
                            + " false blocks %.1f%%, dev clauses %.1f%%%n",
                    candidate,
                    t,
                    cv[0] * 100,
                    cv[1] * 100,
                    confusion(legalScores, new int[legalScores.length], t)[1] * 100,
                    confusion(clauseScores, new int[clauseScores.length], t)[1] * 100);
            if (cv[0] > bestRecall) {
                bestRecall = cv[0];
                l2 = candidate;
                threshold = t;
            }
        }
        double[] model = fit(x, l2);
        var weights = new InjectionClassifier.Weights(
                "v2",
                InjectionClassifier.MODEL,
                D,
                H,
                round(model[D + H]),
                Arrays.stream(Arrays.copyOf(model, D))
                        .map(InjectionClassifierBenchmark::round)
                        .toArray(),
                Arrays.stream(Arrays.copyOfRange(model, D, D + H))
                        .map(InjectionClassifierBenchmark::round)
                        .toArray(),
                round(threshold),
                "train only: deepset/prompt-injections train split (derived/train.jsonl); CyberSecEval train half"
                        + " (EN and machine-translated DE/FR/ES/IT/PT, by SHA-256 of prompt_id); repository files"
                        + " benign-legal-questions-train.tsv and injections-train.tsv; ACORD clauses (train part"
                        + " by SHA-256 of _id) and train injections planted in them; rows by source (benign,"
                        + " injection): " + describe(byGroup),
                sha256(Files.readAllBytes(deepset)),
                "bench/injection-classifier.sh train (io.lexvault.assistant.guard.InjectionClassifierBenchmark), L2 "
                        + l2 + ", " + EPOCHS + " epochs of mini-batch Adam, seed 16; threshold: the lowest whose"
                        + " 5-fold out-of-fold false blocks are <= " + TARGET_FALSE_BLOCKS_OOF + " and false blocks on"
                        + " the dev legal questions and dev ACORD clauses <= " + TARGET_FALSE_BLOCKS);
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                JSON.rebuild()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .build()
                                .writeValueAsString(weights) + "\n");
        System.out.println("wrote " + out);
    }

    static InjectionClassifier untrained() {
        return new InjectionClassifier(new InjectionClassifier.Weights(
                "untrained", InjectionClassifier.MODEL, D, H, 0, new double[D], new double[H], 0.5, "", "", ""));
    }

    static String describe(Map<String, int[]> byGroup) {
        var sb = new StringBuilder();
        byGroup.forEach((g, c) -> sb.append(sb.isEmpty() ? "" : ", ")
                .append(g)
                .append(' ')
                .append(c[0])
                .append('/')
                .append(c[1]));
        return sb.toString();
    }

    static double window(double[] m, Window w) {
        double z = m[D + H];
        for (int j = 0; j < D; j++) {
            z += m[j] * w.embedding()[j];
        }
        for (int k = 0; k < w.index().length; k++) {
            z += m[D + w.index()[k]] * w.value()[k];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** As production scores: the highest window. */
    static double score(double[] m, Example e) {
        double best = 0;
        for (Window w : e.windows()) {
            best = Math.max(best, window(m, w));
        }
        return best;
    }

    /**
     * Weights (embedding block, hashed block) then bias, by mini-batch Adam on the class-balanced log
     * loss with L2. A multi-window example learns through its highest-scoring window (as it is scored),
     * so the benign windows of a long injected passage are not taught to look like attacks.
     */
    static double[] fit(List<Example> x, double l2) {
        int p = D + H + 1;
        double[] w = new double[p];
        double[] m = new double[p];
        double[] v = new double[p];
        double[] grad = new double[p];
        long positives = x.stream().filter(e -> e.label() == 1).count();
        double wPos = x.size() / (2.0 * positives);
        double wNeg = x.size() / (2.0 * (x.size() - positives));
        var order = new ArrayList<Integer>();
        for (int i = 0; i < x.size(); i++) {
            order.add(i);
        }
        var random = new Random(16);
        double b1 = 0.9, b2 = 0.999;
        int step = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            java.util.Collections.shuffle(order, random);
            for (int from = 0; from < order.size(); from += BATCH) {
                Arrays.fill(grad, 0);
                int to = Math.min(order.size(), from + BATCH);
                for (int o = from; o < to; o++) {
                    Example e = x.get(order.get(o));
                    Window best = e.windows().getFirst();
                    double pBest = -1;
                    for (Window win : e.windows()) {
                        double pw = window(w, win);
                        if (pw > pBest) {
                            pBest = pw;
                            best = win;
                        }
                    }
                    double err = (pBest - e.label()) * (e.label() == 1 ? wPos : wNeg);
                    for (int j = 0; j < D; j++) {
                        grad[j] += err * best.embedding()[j];
                    }
                    for (int k = 0; k < best.index().length; k++) {
                        grad[D + best.index()[k]] += err * best.value()[k];
                    }
                    grad[D + H] += err;
                }
                int n = to - from;
                step++;
                double lr = LEARNING_RATE * Math.sqrt(1 - Math.pow(b2, step)) / (1 - Math.pow(b1, step));
                for (int j = 0; j < p; j++) {
                    double g = grad[j] / n + (j < D + H ? l2 * w[j] : 0);
                    if (g == 0 && m[j] == 0) {
                        continue;
                    }
                    m[j] = b1 * m[j] + (1 - b1) * g;
                    v[j] = b2 * v[j] + (1 - b2) * g * g;
                    w[j] -= lr * m[j] / (Math.sqrt(v[j]) + 1e-8);
                }
            }
        }
        return w;
    }

    static double chooseThreshold(double[] scores, int[] y, double target) {
        double best = 0.995;
        for (double t = 0.995; t >= 0.05; t -= 0.005) {
            if (confusion(scores, y, t)[1] <= target) {
                best = t;
            } else {
                break;
            }
        }
        return best;
    }

    /** recall, false-block rate. */
    static double[] confusion(double[] scores, int[] y, double threshold) {
        int tp = 0, pos = 0, fp = 0, neg = 0;
        for (int i = 0; i < y.length; i++) {
            boolean flagged = scores[i] >= threshold;
            if (y[i] == 1) {
                pos++;
                tp += flagged ? 1 : 0;
            } else {
                neg++;
                fp += flagged ? 1 : 0;
            }
        }
        return new double[] {pos == 0 ? 0 : (double) tp / pos, neg == 0 ? 0 : (double) fp / neg};
    }

    // ---------------------------------------------------------------- evaluation

    static void evaluate(Path data) throws Exception {
        var classifier = new InjectionClassifier();
        var detector = new RulesAndClassifierDetector(classifier);
        System.out.printf(
                Locale.ROOT, "classifier %s, threshold %.3f%n", InjectionClassifier.WEIGHTS, classifier.threshold());

        report("deepset TEST split", jsonl(data.resolve("deepset-prompt-injections/derived/test.jsonl")), classifier);
        report(
                "deepset TRAIN split (seen in training, for reference)",
                jsonl(data.resolve("deepset-prompt-injections/derived/train.jsonl")),
                classifier);
        report("CyberSecEval English, held-out half (per technique)", cyberSecEval(data, false, 1), classifier);
        report(
                "CyberSecEval English, train half (seen in training, for reference)",
                cyberSecEval(data, false, 0),
                classifier);
        report(
                "CyberSecEval machine-translated DE/FR/ES/IT/PT, held-out half (per language)",
                cyberSecEval(data, true, 1),
                classifier);
        List<Row> legal = tsv("assistant/benign-legal-questions.tsv", 0);
        report("benign legal questions (repository set, per language)", legal, classifier);
        List<Row> testClauses = acordClauses(data, 2, 300);
        report("benign contract clauses (ACORD test part, passages)", testClauses, classifier);
        List<Row> own = tsv("assistant/multilingual-injections.tsv", 1);
        report("unseen multilingual injections (repository set, per class and language)", own, classifier);
        if (!testClauses.isEmpty()) {
            report(
                    "the same injections planted inside ACORD test clauses (passages, per class and language)",
                    planted(own, testClauses, 61, "planted"),
                    classifier);
        }
        latency(classifier, legal, testClauses);
    }

    static void report(String name, List<Row> rows, InjectionClassifier classifier) {
        // a fresh detector per set: no verdict is remembered from another set
        var detector = new RulesAndClassifierDetector(classifier);
        List<InjectionVerdict> verdicts =
                detector.inspectAll(rows.stream().map(Row::text).toList());
        int pos = 0, neg = 0, tp = 0, fp = 0, rulesTp = 0, clsTp = 0, rulesFp = 0, clsFp = 0;
        Map<String, int[]> groups = new TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            var verdict = verdicts.get(i);
            boolean byRules = !InjectionRules.classify(row.text()).isEmpty();
            boolean byClassifier = verdict.score() >= classifier.threshold();
            var keys = new ArrayList<String>();
            keys.add(row.group());
            String[] parts = row.group().split("/");
            if (parts.length >= 2 && !row.group().startsWith("en/")) {
                // class/language rows: also per class and per language
                keys.add("class " + parts[parts.length - 2]);
                keys.add("language " + parts[parts.length - 1]);
            }
            for (String key : keys) {
                int[] g = groups.computeIfAbsent(key, k -> new int[2]);
                g[0]++;
                g[1] += verdict.flagged() ? 1 : 0;
            }
            if (row.label() == 1) {
                pos++;
                tp += verdict.flagged() ? 1 : 0;
                rulesTp += byRules ? 1 : 0;
                clsTp += byClassifier ? 1 : 0;
            } else {
                neg++;
                fp += verdict.flagged() ? 1 : 0;
                rulesFp += byRules ? 1 : 0;
                clsFp += byClassifier ? 1 : 0;
            }
        }
        System.out.println();
        System.out.println("## " + name);
        if (pos > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "recall %s (rules alone %s, classifier alone %s)%n",
                    pct(tp, pos),
                    pct(rulesTp, pos),
                    pct(clsTp, pos));
        }
        if (neg > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "false blocks %s (rules alone %s, classifier alone %s)%n",
                    pct(fp, neg),
                    pct(rulesFp, neg),
                    pct(clsFp, neg));
        }
        if (groups.size() > 1) {
            groups.forEach(
                    (group, g) -> System.out.printf(Locale.ROOT, "  %-45s flagged %s%n", group, pct(g[1], g[0])));
        }
    }

    /**
     * What the guardrail adds before the first token for a question with 20 retrieved passages, as
     * AssistantQuestions runs it: the question (never seen before: a fresh embedding every time), then
     * one batch of 20 passage texts and their 20 headers.
     */
    static void latency(InjectionClassifier classifier, List<Row> legal, List<Row> clauses) {
        var passages = new ArrayList<String>();
        if (clauses.size() >= 20) {
            // contract clauses as the search module's chunks hold them (~1,000 characters)
            clauses.stream()
                    .limit(20)
                    .map(r -> r.text().length() > 1_000 ? r.text().substring(0, 1_000) : r.text())
                    .forEach(passages::add);
        } else {
            var sb = new StringBuilder();
            int i = 0;
            while (passages.size() < 20) {
                sb.append(legal.get(i++ % legal.size()).text()).append(' ');
                if (sb.length() >= 900) {
                    passages.add(sb.toString());
                    sb.setLength(0);
                }
            }
        }
        var headers = new ArrayList<String>();
        for (int i = 0; i < passages.size(); i++) {
            headers.add("Master services agreement " + (i % 4) + ", 12 Limitation of liability > 12." + i);
        }
        var batch = new ArrayList<String>();
        for (int i = 0; i < passages.size(); i++) {
            batch.add(passages.get(i));
            batch.add(headers.get(i));
        }
        int length = passages.stream().mapToInt(String::length).sum() / passages.size();
        // warm-up: JIT and the model loaded
        for (int r = 0; r < 3; r++) {
            new RulesAndClassifierDetector(new InjectionClassifier(classifier.weights())).inspectAll(batch);
            passages.forEach(InjectionRules::classify);
        }
        var shared = new InjectionClassifier(classifier.weights());
        // warm: the ingestion scan has seen the chunks (as InjectionScan does); the question is new
        var ingested = new RulesAndClassifierDetector(shared);
        ingested.inspectAll(passages);
        ingested.inspectAll(headers.subList(0, 4)); // an earlier question saw a few headers
        long[] warm = new long[30];
        for (int r = 0; r < warm.length; r++) {
            String question = legal.get(r % legal.size()).text() + " (" + r + ")";
            long started = System.nanoTime();
            ingested.inspect(question);
            ingested.inspectAll(batch);
            warm[r] = System.nanoTime() - started;
        }
        // the question alone: rules + one embedding
        long[] question = new long[30];
        for (int r = 0; r < question.length; r++) {
            String q = legal.get((r + 7) % legal.size()).text() + " [" + r + "]";
            long started = System.nanoTime();
            ingested.inspect(q);
            question[r] = System.nanoTime() - started;
        }
        // cold: nothing seen (a restarted server): rules on all, one batched embedding call
        long[] cold = new long[8];
        for (int r = 0; r < cold.length; r++) {
            var fresh = new RulesAndClassifierDetector(new InjectionClassifier(classifier.weights()));
            String q = legal.get((r + 3) % legal.size()).text();
            long started = System.nanoTime();
            fresh.inspect(q);
            fresh.inspectAll(batch);
            cold[r] = System.nanoTime() - started;
        }
        // after a restart with the verdicts stored at indexing (V1_097, InjectionGuard): the texts' and
        // headers' verdicts are read back by chunk id (one indexed query, not timed here) and each header
        // confirmed by its keyed hash (HMAC-SHA256, as KeyedHashes), so only the question meets the model
        com.google.crypto.tink.Mac mac = hmac();
        var macs = new ArrayList<byte[]>();
        for (String header : headers) {
            macs.add(computeMac(mac, header));
        }
        long[] restarted = new long[8];
        for (int r = 0; r < restarted.length; r++) {
            var fresh = new RulesAndClassifierDetector(new InjectionClassifier(classifier.weights()));
            String q = legal.get((r + 5) % legal.size()).text();
            long started = System.nanoTime();
            fresh.inspect(q);
            for (int i = 0; i < headers.size(); i++) {
                verifyMac(mac, macs.get(i), headers.get(i));
            }
            restarted[r] = System.nanoTime() - started;
        }
        // cold as before this change: one passage after another, an embedding call each
        long[] oneByOne = new long[5];
        for (int r = 0; r < oneByOne.length; r++) {
            var fresh = new RulesAndClassifierDetector(new InjectionClassifier(classifier.weights()));
            long started = System.nanoTime();
            batch.forEach(fresh::inspect);
            oneByOne[r] = System.nanoTime() - started;
        }
        long[] rules = new long[30];
        for (int r = 0; r < rules.length; r++) {
            long started = System.nanoTime();
            passages.forEach(InjectionRules::classify);
            rules[r] = System.nanoTime() - started;
        }
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "## latency: a question + 20 passages of ~%d chars + their 20 headers (median / worst of runs)%n"
                        + "  warm (chunks scanned at ingestion; new question): %.1f / %.1f ms%n"
                        + "  the question alone (rules + embedding):           %.1f / %.1f ms%n"
                        + "  restarted, verdicts stored at indexing (V1_097):   %.1f / %.1f ms%n"
                        + "  cold, batched (nothing seen before):              %.0f / %.0f ms%n"
                        + "  cold, one text at a time (the old path):          %.0f / %.0f ms%n"
                        + "  rules alone on the 20 passages:                   %.1f / %.1f ms%n",
                length,
                median(warm),
                worst(warm),
                median(question),
                worst(question),
                median(restarted),
                worst(restarted),
                median(cold),
                worst(cold),
                median(oneByOne),
                worst(oneByOne),
                median(rules),
                worst(rules));
    }

    private static com.google.crypto.tink.Mac hmac() {
        try {
            com.google.crypto.tink.mac.MacConfig.register();
            return com.google.crypto.tink.KeysetHandle.generateNew(
                            com.google.crypto.tink.mac.PredefinedMacParameters.HMAC_SHA256_256BITTAG)
                    .getPrimitive(com.google.crypto.tink.RegistryConfiguration.get(), com.google.crypto.tink.Mac.class);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] computeMac(com.google.crypto.tink.Mac mac, String text) {
        try {
            return mac.computeMac(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void verifyMac(com.google.crypto.tink.Mac mac, byte[] tag, String text) {
        try {
            mac.verifyMac(tag, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    static double worst(long[] nanos) {
        return Arrays.stream(nanos).max().orElse(0) / 1e6;
    }

    // ---------------------------------------------------------------- files

    static List<Row> jsonl(Path file) throws IOException {
        var rows = new ArrayList<Row>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode node = JSON.readTree(line);
                rows.add(new Row(
                        node.get("text").asString(),
                        node.get("label").asInt(),
                        node.get("label").asInt() == 1 ? "injection" : "benign"));
            }
        }
        return rows;
    }

    static List<String> resourceLines(String name) throws IOException {
        try (var in = InjectionClassifierBenchmark.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }

    static String pct(int part, int whole) {
        return String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100.0 * part / whole, part, whole);
    }

    static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
