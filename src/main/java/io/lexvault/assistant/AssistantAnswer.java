package io.lexvault.assistant;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An answer as the asker sees it: sanitised HTML (citations linked to their passages, unverified
 * sentences marked), the Markdown it was rendered from (to save to the matter), every passage numbered
 * in the prompt with whether the answer cited it and whether that citation verified, the passages
 * withheld and why, who answered, the receipt and the AI disclaimer. Holds client text: never log it.
 */
public record AssistantAnswer(
        UUID matterId,
        String html,
        String markdown,
        boolean extractive,
        String provider,
        String model,
        String region,
        String promptTemplateVersion,
        String policyRule,
        List<Citation> citations,
        List<Withheld> withheld,
        long unverifiedSentences,
        int promptTokens,
        int answerTokens,
        @Nullable UUID receiptId,
        String disclaimer) {

    /** EU AI Act Art. 50: the reader is told the answer is machine-made and must be checked. */
    public static final String DISCLAIMER = "Machine-generated (EU AI Act, Art. 50): this answer was produced"
            + " automatically from the matter's documents and may be incomplete or wrong. It is not legal"
            + " advice. Check it against the cited passages before relying on it.";

    public AssistantAnswer {
        citations = List.copyOf(citations);
        withheld = List.copyOf(withheld);
    }

    /**
     * A passage numbered [number] in the prompt: where it is, links to read it (the passage view, and the
     * document at its page), whether the answer cites it and whether every sentence citing it verified.
     */
    public record Citation(
            int number,
            UUID chunkId,
            UUID documentId,
            int version,
            String documentTitle,
            @Nullable Integer page,
            String headingPath,
            boolean cited,
            boolean verified,
            String passageLink,
            String documentLink) {}

    /** A passage found for the question but withheld from the answer, and why (never its text). */
    public record Withheld(
            UUID chunkId,
            UUID documentId,
            String documentTitle,
            @Nullable Integer page,
            String reason) {}

    @Override
    public String toString() {
        // The default would print the answer: client text must never reach a log line.
        return "AssistantAnswer[matter=" + matterId + ", provider=" + provider + ", model=" + model + ", receipt="
                + receiptId + "]";
    }
}
