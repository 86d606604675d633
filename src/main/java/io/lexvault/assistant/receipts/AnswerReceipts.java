package io.lexvault.assistant.receipts;

import java.util.Optional;
import java.util.UUID;

/** Issues and keeps signed answer receipts for the current firm. */
public interface AnswerReceipts {

    /** Signs and stores a receipt in the caller's transaction; the asker and matter must be the caller's. */
    SignedReceipt issue(ReceiptContent content);

    /** A receipt of the current firm on a matter the caller may see; empty otherwise (a 404). */
    Optional<SignedReceipt> find(UUID receiptId);
}
