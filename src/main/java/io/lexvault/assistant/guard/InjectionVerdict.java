package io.lexvault.assistant.guard;

import java.util.Set;

/**
 * What the detector concluded about one text: whether it is flagged, the classes it matched (rules or
 * classifier), the classifier's probability, and a reason in words for the user (never the text).
 */
public record InjectionVerdict(boolean flagged, Set<InjectionClass> classes, double score, String reason) {

    public InjectionVerdict {
        classes = Set.copyOf(classes);
    }

    public static InjectionVerdict clean(double score) {
        return new InjectionVerdict(false, Set.of(), score, "");
    }
}
