package io.lexvault.assistant.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The injection classifier's training and the detector's evaluation (docs/benchmarks.md, "Assistant —
 * injection detection"). Run by {@code bench/injection-classifier.sh}:
 *
 * <ul>
 *   <li>{@code train}: embeds the TRAIN split of deepset/prompt-injections only, fits an L2-regularised
 *       logistic regression by full-batch gradient descent, picks the threshold from 5-fold out-of-fold
 *       scores on the same split (the lowest threshold whose false-block rate on the split's benign rows
 *       is at most {@link #TARGET_FALSE_BLOCKS}), and writes the versioned weights file.
 *   <li>{@code evaluate}: the shipped detector (rules OR classifier) on the TEST split, on the
 *       CyberSecEval injections (English and the machine-translated DE, FR, ES, IT, PT ones), on the
 *       repository's own benign legal questions and multilingual injections, and the per-call latency of
 *       {@code inspect()} over 20 passages.
 * </ul>
 */
public final class InjectionClassifierBenchmark {

    /** The regularisation strengths tried; the one with the best out-of-fold recall is kept. */
    static final double[] L2S = {1e-2, 1e-3, 1e-4, 1e-5};

    static final int EPOCHS = 4_000;
    static final double LEARNING_RATE = 2.0;
    static final double TARGET_FALSE_BLOCKS = 0.03;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Row(String text, int label, String group) {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 1 ? args[1] : "../shared/datasets/prompt-injection");
        switch (args.length > 0 ? args[0] : "evaluate") {
            case "train" -> train(data, Path.of("src/main/resources", InjectionClassifier.WEIGHTS));
            case "evaluate" -> evaluate(data);
            default -> throw new IllegalArgumentException("train or evaluate");
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- training

    static void train(Path data, Path out) throws Exception {
        Path file = data.resolve("deepset-prompt-injections/derived/train.jsonl");
        List<Row> rows = jsonl(file);
        var unfitted = new InjectionClassifier(
                new InjectionClassifier.Weights("v1", "all-minilm-l6-v2-q", 384, 0, new double[384], 0.5, "", "", ""));
        long started = System.nanoTime();
        List<float[]> x = unfitted.embed(rows.stream().map(Row::text).toList());
        System.out.printf(
                Locale.ROOT, "embedded %d train rows in %.1f s%n", rows.size(), (System.nanoTime() - started) / 1e9);
        int[] y = rows.stream().mapToInt(Row::label).toArray();
        // The DEV set for the threshold only: benign legal questions (not the measured ones).
        List<float[]> dev = unfitted.embed(resourceLines("assistant/benign-legal-questions-dev.tsv").stream()
                .map(line -> line.split("\t", 2)[1])
                .toList());

        // 5-fold out-of-fold scores for the regularisation and the threshold (the folds by row order
        // modulo 5: the file's order is the upstream one, not sorted by label).
        double l2 = L2S[0];
        double threshold = 0.5;
        double bestRecall = -1;
        for (double candidate : L2S) {
            double[] oof = new double[rows.size()];
            for (int fold = 0; fold < 5; fold++) {
                var trainX = new ArrayList<float[]>();
                var trainY = new ArrayList<Integer>();
                for (int i = 0; i < rows.size(); i++) {
                    if (i % 5 != fold) {
                        trainX.add(x.get(i));
                        trainY.add(y[i]);
                    }
                }
                double[] model =
                        fit(trainX, trainY.stream().mapToInt(Integer::intValue).toArray(), candidate);
                for (int i = fold; i < rows.size(); i += 5) {
                    oof[i] = InjectionClassifier.probability(Arrays.copyOf(model, 384), model[384], x.get(i));
                }
            }
            double[] full = fit(x, y, candidate);
            double[] devScores = dev.stream()
                    .mapToDouble(v -> InjectionClassifier.probability(Arrays.copyOf(full, 384), full[384], v))
                    .toArray();
            double t = Math.max(chooseThreshold(oof, y), chooseThreshold(devScores, new int[devScores.length]));
            var cv = confusion(oof, y, t);
            System.out.printf(
                    Locale.ROOT,
                    "L2 %.0e: threshold %.3f; 5-fold CV on train: recall %.1f%%, false blocks %.1f%%; dev legal false blocks %.1f%%%n",
                    candidate,
                    t,
                    cv[0] * 100,
                    cv[1] * 100,
                    confusion(devScores, new int[devScores.length], t)[1] * 100);
            if (cv[0] > bestRecall) {
                bestRecall = cv[0];
                l2 = candidate;
                threshold = t;
            }
        }
        double[] model = fit(x, y, l2);
        var weights = new InjectionClassifier.Weights(
                "v1",
                "all-minilm-l6-v2-q",
                384,
                round(model[384]),
                Arrays.stream(Arrays.copyOf(model, 384))
                        .map(InjectionClassifierBenchmark::round)
                        .toArray(),
                round(threshold),
                "deepset/prompt-injections train split (derived/train.jsonl, " + rows.size() + " rows)",
                sha256(Files.readAllBytes(file)),
                "bench/injection-classifier.sh train (io.lexvault.assistant.guard.InjectionClassifierBenchmark), L2 "
                        + l2 + ", " + EPOCHS
                        + " epochs, threshold: 5-fold out-of-fold false blocks on train and false blocks on"
                        + " the dev legal questions both <= " + TARGET_FALSE_BLOCKS);
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                JSON.rebuild()
                                .enable(SerializationFeature.INDENT_OUTPUT)
                                .build()
                                .writeValueAsString(weights) + "\n");
        System.out.println("wrote " + out);
    }

    /** Weights then bias (index 384), full-batch gradient descent on the log loss with L2. */
    static double[] fit(List<float[]> x, int[] y, double l2) {
        int d = 384;
        double[] w = new double[d + 1];
        double[] grad = new double[d + 1];
        int n = x.size();
        // classes weighted to balance (the split is 63% benign)
        double positives = Arrays.stream(y).sum();
        double wPos = n / (2.0 * positives);
        double wNeg = n / (2.0 * (n - positives));
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) {
                float[] xi = x.get(i);
                double p = InjectionClassifier.probability(w, w[d], xi);
                double err = (p - y[i]) * (y[i] == 1 ? wPos : wNeg);
                for (int j = 0; j < d; j++) {
                    grad[j] += err * xi[j];
                }
                grad[d] += err;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= LEARNING_RATE * (grad[j] / n + l2 * w[j]);
            }
            w[d] -= LEARNING_RATE * grad[d] / n;
        }
        return w;
    }

    static double chooseThreshold(double[] scores, int[] y) {
        double best = 0.995;
        for (double t = 0.995; t >= 0.05; t -= 0.005) {
            if (confusion(scores, y, t)[1] <= TARGET_FALSE_BLOCKS) {
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

        report(
                "deepset TEST split",
                jsonl(data.resolve("deepset-prompt-injections/derived/test.jsonl")),
                detector,
                classifier);
        report(
                "deepset TRAIN split (seen in training, for reference)",
                jsonl(data.resolve("deepset-prompt-injections/derived/train.jsonl")),
                detector,
                classifier);

        var cyber = new ArrayList<Row>();
        for (JsonNode node : JSON.readTree(data.resolve("cyberseceval-prompt-injection/prompt_injection.json")
                .toFile())) {
            cyber.add(new Row(
                    node.get("user_input").asString(),
                    1,
                    "en/" + node.get("injection_variant").asString()));
        }
        report("CyberSecEval English (all injections; per technique)", cyber, detector, classifier);
        var translated = new ArrayList<Row>();
        for (JsonNode node : JSON.readTree(
                data.resolve("cyberseceval-prompt-injection/prompt_injection_multilingual_machine_translated.json")
                        .toFile())) {
            String language = node.get("speaking_language").asString();
            if (List.of("German", "French", "Spanish", "Italian", "Portuguese").contains(language)) {
                translated.add(new Row(node.get("user_input").asString(), 1, language));
            }
        }
        report("CyberSecEval machine-translated DE/FR/ES/IT/PT (per language)", translated, detector, classifier);

        var legal = new ArrayList<Row>();
        for (String line : resourceLines("assistant/benign-legal-questions.tsv")) {
            String[] cols = line.split("\t", 2);
            legal.add(new Row(cols[1], 0, cols[0]));
        }
        report("benign legal questions (repository set, per language)", legal, detector, classifier);
        var own = new ArrayList<Row>();
        for (String line : resourceLines("assistant/multilingual-injections.tsv")) {
            String[] cols = line.split("\t", 3);
            own.add(new Row(cols[2], 1, cols[0] + "/" + cols[1]));
        }
        report("unseen multilingual injections (repository set, per class/language)", own, detector, classifier);

        latency(detector, legal);
    }

    static void report(
            String name, List<Row> rows, RulesAndClassifierDetector detector, InjectionClassifier classifier) {
        int pos = 0, neg = 0, tp = 0, fp = 0, rulesTp = 0, clsTp = 0, rulesFp = 0, clsFp = 0;
        Map<String, int[]> groups = new TreeMap<>();
        for (Row row : rows) {
            var verdict = detector.inspect(row.text());
            boolean byRules = !InjectionRules.classify(row.text()).isEmpty();
            boolean byClassifier = verdict.score() >= classifier.threshold();
            int[] g = groups.computeIfAbsent(row.group(), k -> new int[2]);
            g[0]++;
            g[1] += verdict.flagged() ? 1 : 0;
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

    static void latency(RulesAndClassifierDetector detector, List<Row> legal) {
        // 20 passages of about 900 characters each, made of the benign legal questions (a passage's
        // typical length in the search module's chunks).
        var passages = new ArrayList<String>();
        var sb = new StringBuilder();
        int i = 0;
        while (passages.size() < 20) {
            sb.append(legal.get(i++ % legal.size()).text()).append(' ');
            if (sb.length() >= 900) {
                passages.add(sb.toString());
                sb.setLength(0);
            }
        }
        var classifier = new InjectionClassifier();
        for (int warm = 0; warm < 3; warm++) {
            passages.forEach(classifier::compute);
            passages.forEach(InjectionRules::classify);
        }
        // cold: what inspect() costs for passages it has not seen (rules + one embedding each)
        long[] cold = new long[10];
        for (int r = 0; r < cold.length; r++) {
            long started = System.nanoTime();
            for (String passage : passages) {
                InjectionRules.classify(passage);
                classifier.compute(passage);
            }
            cold[r] = System.nanoTime() - started;
        }
        // warm: inspect() on passages scored before (at ingestion or for an earlier question)
        passages.forEach(detector::inspect);
        long[] warm = new long[30];
        for (int r = 0; r < warm.length; r++) {
            long started = System.nanoTime();
            passages.forEach(detector::inspect);
            warm[r] = System.nanoTime() - started;
        }
        long[] rules = new long[30];
        for (int r = 0; r < rules.length; r++) {
            long started = System.nanoTime();
            passages.forEach(InjectionRules::classify);
            rules[r] = System.nanoTime() - started;
        }
        Arrays.sort(cold);
        Arrays.sort(warm);
        Arrays.sort(rules);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "## latency, 20 passages of ~900 chars one by one (median / worst of runs):%n"
                        + "  cold (rules + embedding each): %.0f / %.0f ms per 20%n"
                        + "  warm (scores remembered):      %.1f / %.1f ms per 20%n"
                        + "  rules alone:                   %.1f / %.1f ms per 20%n",
                cold[cold.length / 2] / 1e6,
                cold[cold.length - 1] / 1e6,
                warm[warm.length / 2] / 1e6,
                warm[warm.length - 1] / 1e6,
                rules[rules.length / 2] / 1e6,
                rules[rules.length - 1] / 1e6);
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
