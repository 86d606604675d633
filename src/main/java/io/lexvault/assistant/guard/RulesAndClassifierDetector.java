package io.lexvault.assistant.guard;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The production {@link InjectionDetector}: the pattern rules ({@link InjectionRules}) OR the
 * classifier ({@link InjectionClassifier}) at or above its shipped threshold. The classes in the
 * verdict come from the rules; a text only the classifier flags gets {@link
 * InjectionClass#INSTRUCTION_OVERRIDE}, the class most of the training set's injections belong to (the
 * training labels say "injection" and nothing more). The reason names every class, never the text.
 *
 * <p>Verdicts are remembered by the text's SHA-256 (never the text), bounded: the ingestion scan sees
 * every chunk's text first, so the same passage retrieved for a question costs a hash and a look-up.
 * Texts not seen before are scored together ({@link InjectionClassifier#scoreAll}: one model call).
 */
@Component
class RulesAndClassifierDetector implements InjectionDetector {

    static final int CACHED_VERDICTS = 50_000;

    private final InjectionClassifier classifier;
    private final Map<String, InjectionVerdict> recent = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, InjectionVerdict> eldest) {
            return size() > CACHED_VERDICTS;
        }
    };

    RulesAndClassifierDetector(InjectionClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public String name() {
        return "injection-classifier-" + classifier.weights().version() + "/rules-" + InjectionRules.fingerprint();
    }

    @Override
    public InjectionVerdict inspect(String text) {
        return inspectAll(List.of(text)).getFirst();
    }

    @Override
    public List<InjectionVerdict> inspectAll(List<String> texts) {
        var out = new ArrayList<InjectionVerdict>(texts.size());
        var keys = new ArrayList<String>(texts.size());
        var missing = new ArrayList<Integer>();
        synchronized (recent) {
            for (int i = 0; i < texts.size(); i++) {
                String key = InjectionClassifier.sha256(texts.get(i));
                keys.add(key);
                InjectionVerdict known = recent.get(key);
                out.add(known);
                if (known == null) {
                    missing.add(i);
                }
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        double[] scores = classifier.scoreAll(missing.stream().map(texts::get).toList());
        for (int m = 0; m < missing.size(); m++) {
            int i = missing.get(m);
            InjectionVerdict verdict = verdict(InjectionRules.classify(texts.get(i)), scores[m]);
            out.set(i, verdict);
            synchronized (recent) {
                recent.put(keys.get(i), verdict);
            }
        }
        return out;
    }

    private InjectionVerdict verdict(Set<InjectionClass> byRules, double score) {
        Set<InjectionClass> classes = EnumSet.noneOf(InjectionClass.class);
        classes.addAll(byRules);
        boolean byClassifier = score >= classifier.threshold();
        if (classes.isEmpty() && !byClassifier) {
            return InjectionVerdict.clean(score);
        }
        if (classes.isEmpty()) {
            classes.add(InjectionClass.INSTRUCTION_OVERRIDE);
        }
        return new InjectionVerdict(true, classes, score, reason(classes));
    }

    static String reason(Set<InjectionClass> classes) {
        return classes.stream().sorted().map(InjectionClass::reason).collect(Collectors.joining("; "));
    }
}
