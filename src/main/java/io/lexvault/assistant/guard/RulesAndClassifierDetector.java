package io.lexvault.assistant.guard;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The production {@link InjectionDetector}: the pattern rules ({@link InjectionRules}) OR the
 * embedding classifier ({@link InjectionClassifier}) at or above its shipped threshold. The classes in
 * the verdict come from the rules; a text only the classifier flags gets {@link
 * InjectionClass#INSTRUCTION_OVERRIDE}, the class most of the training set's injections belong to (the
 * training labels say "injection" and nothing more). The reason names every class, never the text.
 */
@Component
class RulesAndClassifierDetector implements InjectionDetector {

    private final InjectionClassifier classifier;

    RulesAndClassifierDetector(InjectionClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public InjectionVerdict inspect(String text) {
        Set<InjectionClass> classes = EnumSet.noneOf(InjectionClass.class);
        classes.addAll(InjectionRules.classify(text));
        double score = classifier.score(text);
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
