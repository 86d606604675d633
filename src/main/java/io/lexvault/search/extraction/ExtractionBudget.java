package io.lexvault.search.extraction;

import java.text.NumberFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.xml.sax.SAXException;

/**
 * What one extraction has used of its {@link ExtractionLimits}. Used by the one thread that parses the
 * document. The first limit crossed is remembered, so that a parser that swallows the exception (many
 * container parsers catch what an attachment throws) cannot turn a bomb into a partial success.
 */
final class ExtractionBudget {

    private final ExtractionLimits limits;
    private final long deadline;
    private long characters;
    private int embedded;
    private @Nullable String exceeded;

    ExtractionBudget(ExtractionLimits limits) {
        this.limits = limits;
        this.deadline = System.nanoTime() + limits.timeLimit().toNanos();
    }

    /** Checked on every parse event: the time limit, and a cancelled (interrupted) extraction. */
    void tick() throws LimitExceeded {
        if (exceeded != null) {
            throw new LimitExceeded(exceeded);
        }
        if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
            throw exceed(timeLimitReason());
        }
    }

    void characters(int count) throws LimitExceeded {
        tick();
        characters += count;
        if (characters > limits.maxCharacters()) {
            throw exceed("more than " + number(limits.maxCharacters()) + " characters of text");
        }
    }

    void embedded(int depth) throws LimitExceeded {
        tick();
        if (depth > limits.maxNesting()) {
            throw exceed("attachments nested more than " + limits.maxNesting() + " levels deep");
        }
        if (++embedded > limits.maxEmbedded()) {
            throw exceed("more than " + number(limits.maxEmbedded()) + " attachments or embedded files");
        }
    }

    long remainingSeconds() {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L);
    }

    String timeLimitReason() {
        return "took longer than " + limits.timeLimit().toSeconds() + " seconds";
    }

    /** Records a limit crossed (the first one wins) and returns the exception that stops the parse. */
    LimitExceeded exceed(String reason) {
        if (exceeded == null) {
            exceeded = reason;
        }
        return new LimitExceeded(exceeded);
    }

    @Nullable
    String exceeded() {
        return exceeded;
    }

    private static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.ENGLISH).format(value);
    }

    /** Thrown from inside the parse (as a SAX exception, which every parser lets through) to stop it. */
    static final class LimitExceeded extends SAXException {
        LimitExceeded(String reason) {
            super(reason);
        }
    }
}
