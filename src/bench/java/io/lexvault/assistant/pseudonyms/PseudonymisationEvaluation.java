package io.lexvault.assistant.pseudonyms;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recall and precision of {@link PatternPseudonymiser} per identifier type on
 * {@code ../shared/datasets/pii} (pl-pii-bench v1.0.0, CC BY 4.0; presidio-research synth_dataset_v2,
 * MIT), per split, and the latency of pseudonymising a 20-passage prompt. Run with
 * {@code bench/assistant-pii.sh} (docs/benchmarks.md "Assistant — pseudonymisation").
 *
 * <p>Neither set ships a split, so one is made here and written down: SHA-256 of a document's family
 * (a pl-pii-bench document and its robustness variants; an inflection lemma; a presidio template), first
 * byte mod 10: 0-5 train, 6-7 dev, 8-9 test. The rules were tuned on train and dev only.
 *
 * <p>Recall: a gold span counts as caught when every letter and digit in it lies inside a placeholder
 * (of any type: what matters is that it does not leave). Precision: placeholders of a type that overlap
 * a gold span of the matching label, over all placeholders of that type. Names are found only as the
 * database knows them, so each document's known names are its gold PERSON and ORG spans in the
 * nominative (pl-pii-bench's {@code case} absent or "nom"; the inflection lane's lemma): the figure
 * measures the matching of forms, not the discovery of unknown names.
 */
public final class PseudonymisationEvaluation {

    record Gold(int start, int end, String label) {}

    record Doc(String family, String text, List<Gold> gold, List<KnownName> names, String set) {}

    /** Gold label → the pseudonymiser's type; labels not here are outside the scope. */
    static final Map<String, IdentifierType> LABELS = Map.ofEntries(
            Map.entry("PERSON", IdentifierType.PERSON),
            Map.entry("ORG", IdentifierType.CLIENT),
            Map.entry("ORGANIZATION", IdentifierType.CLIENT),
            Map.entry("PESEL", IdentifierType.NATIONAL_ID),
            Map.entry("IBAN", IdentifierType.IBAN),
            Map.entry("IBAN_CODE", IdentifierType.IBAN),
            Map.entry("EMAIL", IdentifierType.EMAIL),
            Map.entry("EMAIL_ADDRESS", IdentifierType.EMAIL),
            Map.entry("PHONE", IdentifierType.PHONE),
            Map.entry("PHONE_NUMBER", IdentifierType.PHONE),
            Map.entry("PAYMENT_CARD", IdentifierType.CARD),
            Map.entry("CREDIT_CARD", IdentifierType.CARD),
            Map.entry("DOB", IdentifierType.DATE_OF_BIRTH),
            Map.entry("POSTAL", IdentifierType.ADDRESS),
            Map.entry("STREET_ADDRESS", IdentifierType.ADDRESS),
            Map.entry("ZIP_CODE", IdentifierType.ADDRESS));

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/datasets/pii");
        var docs = new ArrayList<Doc>();
        docs.addAll(plPiiBench(root.resolve("pl-pii-bench/corpus")));
        docs.addAll(presidio(root.resolve("presidio-research-synth/synth_dataset_v2.json")));
        System.out.printf("documents: %d%n", docs.size());
        if (args.length > 1 && args[1].equals("--profile")) {
            profile(docs.stream().filter(d -> !split(d.family()).equals("test")).toList());
            return;
        }
        if (args.length > 1 && args[1].equals("--misses")) {
            misses(
                    docs.stream().filter(d -> split(d.family()).equals("train")).toList(),
                    args.length > 2 ? args[2] : "");
            return;
        }
        for (String split : List.of("train", "dev", "test")) {
            for (String set : List.of("pl-pii-bench", "presidio")) {
                report(
                        split,
                        set,
                        docs.stream()
                                .filter(d ->
                                        d.set().equals(set) && split(d.family()).equals(split))
                                .toList());
            }
        }
        latency(docs.stream().filter(d -> split(d.family()).equals("test")).toList());
    }

    static String split(String family) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(family.getBytes(StandardCharsets.UTF_8));
            int bucket = (h[0] & 0xff) % 10;
            return bucket < 6 ? "train" : bucket < 8 ? "dev" : "test";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Doc> plPiiBench(Path corpus) throws Exception {
        var mapper = JsonMapper.builder().build();
        var docs = new ArrayList<Doc>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            JsonNode d = mapper.readTree(file.toFile());
            if (!d.has("text")) {
                continue;
            }
            var gold = new ArrayList<Gold>();
            var names = new ArrayList<KnownName>();
            var withNominative = new java.util.HashSet<String>();
            for (JsonNode e : d.get("entities")) {
                String label = e.get("label").asString();
                boolean nominative = !e.has("case")
                        || e.get("case").isNull()
                        || e.get("case").asString().equals("nom");
                if (nominative && (label.equals("PERSON") || label.equals("ORG"))) {
                    names.add(new KnownName(e.get("text").asString(), label.equals("PERSON") ? "person" : "client"));
                    withNominative.add(e.path("entity_id").asString(""));
                }
            }
            for (JsonNode e : d.get("entities")) {
                String label = e.get("label").asString();
                // A name the document never writes in the nominative cannot be given as the database
                // would hold it: counted apart, not as a miss.
                if ((label.equals("PERSON") || label.equals("ORG"))
                        && !withNominative.contains(e.path("entity_id").asString(""))) {
                    label = label + "_NO_NOMINATIVE";
                }
                gold.add(new Gold(e.get("start").asInt(), e.get("end").asInt(), label));
            }
            String id = d.get("doc_id").asString();
            String family = id.replaceAll("-robustness.*", "").replaceAll("-alt\\d+", "");
            docs.add(new Doc("pl:" + family, d.get("text").asString(), gold, names, "pl-pii-bench"));
        }
        for (String line : Files.readAllLines(corpus.resolve("inflection/inflection.jsonl"))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode e = mapper.readTree(line);
            String label = e.get("label").asString();
            var gold = List.of(new Gold(e.get("start").asInt(), e.get("end").asInt(), label));
            var names = List.of(new KnownName(e.get("lemma").asString(), label.equals("PERSON") ? "person" : "client"));
            docs.add(new Doc(
                    "pl-inflection:" + e.get("entity_id").asString(),
                    e.get("text").asString(),
                    gold,
                    names,
                    "pl-pii-bench"));
        }
        return docs;
    }

    static List<Doc> presidio(Path file) throws Exception {
        var mapper = JsonMapper.builder().build();
        var docs = new ArrayList<Doc>();
        for (JsonNode d : mapper.readTree(file.toFile())) {
            var gold = new ArrayList<Gold>();
            var names = new ArrayList<KnownName>();
            for (JsonNode s : d.get("spans")) {
                String label = s.get("entity_type").asString();
                gold.add(new Gold(
                        s.get("start_position").asInt(), s.get("end_position").asInt(), label));
                if (label.equals("PERSON") || label.equals("ORGANIZATION")) {
                    names.add(new KnownName(
                            s.get("entity_value").asString(), label.equals("PERSON") ? "person" : "client"));
                }
            }
            docs.add(new Doc(
                    "presidio:" + d.get("template_id").asString(),
                    d.get("full_text").asString(),
                    gold,
                    names,
                    "presidio"));
        }
        return docs;
    }

    private static final class Count {
        int gold;
        int caught;
        int predicted;
        int correct;
        int onOtherPii;
    }

    static void report(String split, String set, List<Doc> docs) {
        var byType = new TreeMap<String, Count>();
        var outOfScope = new TreeMap<String, Count>();
        var pseudonymiser = new PatternPseudonymiser();
        for (Doc doc : docs) {
            var findings = PatternPseudonymiser.findings(doc.text(), NameMatcher.of(doc.names()));
            boolean[] covered = new boolean[doc.text().length()];
            for (Finding f : findings) {
                Arrays.fill(covered, f.start(), f.end(), true);
            }
            for (Gold g : doc.gold()) {
                IdentifierType type = LABELS.get(g.label());
                var count = type != null
                        ? byType.computeIfAbsent(type.name(), k -> new Count())
                        : outOfScope.computeIfAbsent(g.label(), k -> new Count());
                count.gold++;
                if (caught(doc.text(), covered, g)) {
                    count.caught++;
                }
            }
            for (Finding f : findings) {
                var count = byType.computeIfAbsent(f.type().name(), k -> new Count());
                count.predicted++;
                boolean right = doc.gold().stream().anyMatch(g -> overlaps(g, f) && matches(g.label(), f.type()));
                if (right) {
                    count.correct++;
                } else if (doc.gold().stream().anyMatch(g -> overlaps(g, f))) {
                    count.onOtherPii++;
                }
            }
            pseudonymiser.hashCode();
        }
        System.out.printf("%n== %s / %s (%d documents)%n", set, split, docs.size());
        System.out.printf(
                "%-14s %6s %8s %8s %9s %10s%n", "type", "gold", "recall", "found", "precision", "on-other-PII");
        for (var e : byType.entrySet()) {
            Count c = e.getValue();
            System.out.printf(
                    "%-14s %6d %8s %8d %9s %10d%n",
                    e.getKey(),
                    c.gold,
                    ratio(c.caught, c.gold),
                    c.predicted,
                    ratio(c.correct, c.predicted),
                    c.onOtherPii);
        }
        for (var e : outOfScope.entrySet()) {
            Count c = e.getValue();
            System.out.printf(
                    "%-14s %6d %8s   (out of scope, replaced anyway)%n", e.getKey(), c.gold, ratio(c.caught, c.gold));
        }
    }

    private static boolean matches(String label, IdentifierType type) {
        IdentifierType expected = LABELS.get(label);
        if (expected == type) {
            return true;
        }
        // A known name is typed by the kind the database gives it; any name type counts for a name.
        boolean goldName = expected == IdentifierType.PERSON || expected == IdentifierType.CLIENT;
        boolean foundName =
                type == IdentifierType.PERSON || type == IdentifierType.CLIENT || type == IdentifierType.PARTY;
        return goldName && foundName;
    }

    private static boolean overlaps(Gold g, Finding f) {
        return f.start() < g.end() && g.start() < f.end();
    }

    /**
     * Every digit of the span replaced (for a span with digits: pl-pii-bench's spans sometimes hold
     * the label too, "PESEL: 7201…"), else every letter.
     */
    private static boolean caught(String text, boolean[] covered, Gold g) {
        int end = Math.min(g.end(), text.length());
        boolean digits = text.substring(g.start(), end).chars().anyMatch(Character::isDigit);
        for (int i = g.start(); i < end; i++) {
            char c = text.charAt(i);
            if ((digits ? Character.isDigit(c) : Character.isLetter(c)) && !covered[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ratio(int a, int b) {
        return b == 0 ? "-" : String.format("%.3f", (double) a / b);
    }

    /** Time per detector on train and dev text (for tuning only). */
    static void profile(List<Doc> docs) {
        String all = String.join(
                "\n",
                docs.stream()
                        .filter(d -> d.set().equals("pl-pii-bench"))
                        .map(Doc::text)
                        .limit(60)
                        .toList());
        String text = all.substring(0, Math.min(all.length(), 20_000));
        var names = NameMatcher.of(docs.get(0).names());
        Map<String, Runnable> steps = new LinkedHashMap<>();
        steps.put("fold", () -> FoldedText.of(text));
        steps.put("names", () -> names.find(text, FoldedText.of(text)));
        steps.put("emails", () -> TextDetectors.emails(text));
        steps.put("numbers", () -> NumberDetectors.find(text));
        steps.put("phones", () -> TextDetectors.phones(text));
        steps.put("dob", () -> TextDetectors.datesOfBirth(text, List.of()));
        steps.put("addresses", () -> TextDetectors.addresses(text));
        for (var step : steps.entrySet()) {
            for (int i = 0; i < 20; i++) {
                step.getValue().run();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                step.getValue().run();
            }
            System.out.printf(
                    "%-10s %.2f ms per 20,000 characters%n", step.getKey(), (System.nanoTime() - t0) / 20 / 1e6);
        }
    }

    /** Gold spans of a label the rules missed on train (for tuning only). */
    static void misses(List<Doc> docs, String label) {
        int shown = 0;
        for (Doc doc : docs) {
            var findings = PatternPseudonymiser.findings(doc.text(), NameMatcher.of(doc.names()));
            boolean[] covered = new boolean[doc.text().length()];
            for (Finding f : findings) {
                Arrays.fill(covered, f.start(), f.end(), true);
            }
            for (Gold g : doc.gold()) {
                if (g.label().equals(label) && !caught(doc.text(), covered, g) && shown++ < 40) {
                    int from = Math.max(0, g.start() - 40);
                    int to = Math.min(doc.text().length(), g.end() + 20);
                    System.out.printf(
                            "%s | %s%n",
                            doc.text().substring(g.start(), g.end()).replace("\n", "\\n"),
                            doc.text().substring(from, to).replace("\n", "\\n"));
                }
            }
            if (label.startsWith("FP:")) {
                for (Finding f : findings) {
                    if (f.type().name().equals(label.substring(3))
                            && doc.gold().stream().noneMatch(g -> overlaps(g, f) && matches(g.label(), f.type()))
                            && shown++ < 40) {
                        int from = Math.max(0, f.start() - 40);
                        int to = Math.min(doc.text().length(), f.end() + 20);
                        System.out.printf(
                                "FP %s | %s%n",
                                doc.text().substring(f.start(), f.end()).replace("\n", "\\n"),
                                doc.text().substring(from, to).replace("\n", "\\n"));
                    }
                }
            }
        }
    }

    /** A 20-passage prompt (question + passages of ~1,000 characters from test documents), 10 known names. */
    static void latency(List<Doc> test) {
        var passages = new ArrayList<String>();
        var names = new LinkedHashMap<String, KnownName>();
        var sb = new StringBuilder();
        for (Doc d : test) {
            if (!d.set().equals("pl-pii-bench") || d.family().startsWith("pl-inflection")) {
                continue;
            }
            d.names().forEach(n -> names.putIfAbsent(n.name(), n));
            sb.append(d.text()).append('\n');
            while (sb.length() >= 1000 && passages.size() < 20) {
                passages.add(sb.substring(0, 1000));
                sb.delete(0, 1000);
            }
        }
        var known = names.values().stream().limit(10).toList();
        String question = "What did the parties agree about the payment to the account and who signed for them?";
        var pseudonymiser = new PatternPseudonymiser();
        long[] times = new long[100];
        long[] cpu = new long[100];
        // CPU time of this thread too: on a shared, loaded machine the wall clock mostly measures waiting.
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 200; round++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            var session = pseudonymiser.session(known);
            session.pseudonymise(question);
            for (String p : passages) {
                session.pseudonymise(p);
            }
            long t = System.nanoTime() - t0;
            if (round >= 100) {
                times[round - 100] = t;
                cpu[round - 100] = threads.getCurrentThreadCpuTime() - c0;
            }
        }
        Arrays.sort(times);
        Arrays.sort(cpu);
        System.out.printf(
                "%ncpu time of the pseudonymising thread: median %.2f ms, p95 %.2f ms%n", cpu[50] / 1e6, cpu[94] / 1e6);
        System.out.printf(
                "%nlatency: question + %d passages (%d characters), %d known names; 100 warm-up rounds, 100 measured:"
                        + " median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                passages.size(),
                passages.stream().mapToInt(String::length).sum(),
                known.size(),
                times[50] / 1e6,
                times[94] / 1e6,
                times[99] / 1e6);
    }
}
