package io.lexvault.assistant.receipts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a signed answer receipt attests: the passages the answer was built from, the asker's access at
 * that moment (matter, roles), the provider and model, the prompt template's version, the tokens spent
 * and when. Never the question or the answer.
 */
public record ReceiptContent(
        UUID matterId,
        UUID askerId,
        List<String> askerRoles,
        List<ReceiptPassage> passages,
        String provider,
        String model,
        String promptTemplateVersion,
        int promptTokens,
        int answerTokens,
        Instant answeredAt) {

    public ReceiptContent {
        askerRoles = List.copyOf(askerRoles);
        passages = List.copyOf(passages);
    }
}
