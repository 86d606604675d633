package io.lexvault.assistant.answers;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Streams a pseudonymised model's answer to the user with the originals put back: what arrives is held
 * back from an unclosed {@code [} on (a placeholder such as {@code [PERSON_1]} may arrive in two
 * pieces), and what is passed on is always the restored text beyond what was already passed on.
 */
public final class RestoringStream implements Consumer<String> {

    /** A placeholder is short; an unclosed bracket further back is ordinary text. */
    private static final int LONGEST_PLACEHOLDER = 48;

    private final UnaryOperator<String> restore;
    private final Consumer<String> out;
    private final StringBuilder raw = new StringBuilder();
    private int sent;

    public RestoringStream(UnaryOperator<String> restore, Consumer<String> out) {
        this.restore = restore;
        this.out = out;
    }

    @Override
    public void accept(String delta) {
        raw.append(delta);
        int open = raw.lastIndexOf("[");
        int safe = raw.length();
        if (open >= 0 && raw.indexOf("]", open) < 0 && raw.length() - open < LONGEST_PLACEHOLDER) {
            safe = open;
        }
        emit(raw.substring(0, safe));
    }

    /** Passes on whatever was held back; call once the model is done. */
    public void finish() {
        emit(raw.toString());
    }

    private void emit(String prefix) {
        String restored = restore.apply(prefix);
        if (restored.length() > sent) {
            out.accept(restored.substring(sent));
            sent = restored.length();
        }
    }
}
