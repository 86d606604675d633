package io.lexvault.assistant.guard;

import java.util.List;

/**
 * Tells whether a text (a question, or a passage retrieved for one) tries to steer the model. Thread
 * safe; no network; never logs the text.
 */
public interface InjectionDetector {

    InjectionVerdict inspect(String text);

    /**
     * Names what gives the verdicts (weights and rules): a verdict stored under another name is not
     * trusted, so new weights or rules never inherit an old "clean".
     */
    String name();

    /**
     * The verdict of each text, in order. A question's retrieved passages go through here together, so a
     * detector can do its expensive work (an embedding model call) once for all of them.
     */
    default List<InjectionVerdict> inspectAll(List<String> texts) {
        return texts.stream().map(this::inspect).toList();
    }
}
