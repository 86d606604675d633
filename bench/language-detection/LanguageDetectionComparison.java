// Compares language detectors for LexVault's chunks: accuracy on short legal text in the 11 analysed
// languages (whole sentences, their first 6 and first 3 words), undetermined vs wrong answers, time per
// detection, load time and retained heap. Run by bench/language-detection.sh (single-file source
// launch: the candidates are on the class path only here, not in the application).
import com.github.pemistahl.lingua.api.Language;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class LanguageDetectionComparison {

    record Sample(String language, String text) {}

    static final Set<String> LANGUAGES = Set.of("en", "sv", "no", "da", "fi", "de", "fr", "nl", "es", "it", "pt");

    public static void main(String[] args) throws Exception {
        List<Sample> sentences = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cells = line.split("\t", 2);
            sentences.add(new Sample(cells[0], cells[1]));
        }
        List<Sample> queries = new ArrayList<>();
        Pattern text = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
        for (String line : Files.readAllLines(Path.of(args[1]))) {
            Matcher m = text.matcher(line);
            if (m.find()) queries.add(new Sample("en", m.group(1).replace("\\\"", "\"")));
        }
        Map<String, List<Sample>> sets = new LinkedHashMap<>();
        sets.put("sentence", sentences);
        sets.put("first 6 words", sentences.stream().map(s -> new Sample(s.language(), firstWords(s.text(), 6))).toList());
        sets.put("first 3 words", sentences.stream().map(s -> new Sample(s.language(), firstWords(s.text(), 3))).toList());
        sets.put("ACORD queries (en)", queries);

        String which = args[2];
        long before = usedHeap();
        long start = System.nanoTime();
        Function<String, String> detector = switch (which) {
            case "lingua-low" -> lingua(true, 0.0);
            case "lingua-high" -> lingua(false, 0.0);
            case "lingua-low-distance" -> lingua(true, 0.1);
            case "lingua-high-distance" -> lingua(false, 0.1);
            case "optimaize" -> optimaize();
            default -> throw new IllegalArgumentException(which);
        };
        detector.apply("warm up the detector with a sentence");
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        long retained = usedHeap() - before;
        System.out.printf("%s: load %d ms, retained heap %d MB%n", which, loadMillis, retained / (1024 * 1024));
        for (var set : sets.values()) {
            set.forEach(sample -> detector.apply(sample.text())); // warm-up: JIT, lazily loaded models
        }
        for (var set : sets.entrySet()) {
            int right = 0, undetermined = 0, wrong = 0;
            Map<String, Integer> confusions = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            for (Sample sample : set.getValue()) {
                String answer = detector.apply(sample.text());
                if (answer == null) undetermined++;
                else if (answer.equals(sample.language())) right++;
                else {
                    wrong++;
                    confusions.merge(sample.language() + "→" + answer, 1, Integer::sum);
                }
            }
            double micros = (System.nanoTime() - t0) / 1000.0 / set.getValue().size();
            System.out.printf("  %-20s n=%4d right %5.1f%%  undetermined %5.1f%%  wrong %5.1f%%  %7.0f µs/text  %s%n",
                    set.getKey(), set.getValue().size(), 100.0 * right / set.getValue().size(),
                    100.0 * undetermined / set.getValue().size(), 100.0 * wrong / set.getValue().size(), micros,
                    confusions);
        }
    }

    static String firstWords(String text, int n) {
        String[] words = text.split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
    }

    static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    static Function<String, String> lingua(boolean low, double distance) {
        var builder = com.github.pemistahl.lingua.api.LanguageDetectorBuilder.fromLanguages(
                Language.ENGLISH, Language.SWEDISH, Language.BOKMAL, Language.NYNORSK, Language.DANISH,
                Language.FINNISH, Language.GERMAN, Language.FRENCH, Language.DUTCH, Language.SPANISH,
                Language.ITALIAN, Language.PORTUGUESE).withPreloadedLanguageModels();
        if (low) builder = builder.withLowAccuracyMode();
        if (distance > 0) builder = builder.withMinimumRelativeDistance(distance);
        var detector = builder.build();
        return text -> {
            Language language = detector.detectLanguageOf(text);
            return switch (language) {
                case UNKNOWN -> null;
                case BOKMAL, NYNORSK -> "no";
                default -> language.getIsoCode639_1().toString();
            };
        };
    }

    static Function<String, String> optimaize() {
        try {
            var profiles = new com.optimaize.langdetect.profiles.LanguageProfileReader()
                    .read(List.of("en", "sv", "no", "da", "fi", "de", "fr", "nl", "es", "it", "pt"));
            var detector = com.optimaize.langdetect.LanguageDetectorBuilder.create(
                            com.optimaize.langdetect.ngram.NgramExtractors.standard())
                    .withProfiles(profiles)
                    .build();
            var factory = com.optimaize.langdetect.text.CommonTextObjectFactories.forDetectingShortCleanText();
            return text -> {
                var result = detector.detect(factory.forText(text));
                return result.isPresent() ? result.get().getLanguage() : null;
            };
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
