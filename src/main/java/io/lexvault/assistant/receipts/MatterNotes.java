package io.lexvault.assistant.receipts;

import java.util.UUID;

/** Saves an answer the user chose to keep as a note on the matter, encrypted, with its receipt. */
public interface MatterNotes {

    /** @return the note's id */
    UUID saveAnswer(UUID matterId, String title, String answerMarkdown, UUID receiptId);
}
