package io.lexvault.assistant.receipts;

import java.util.UUID;

/**
 * A receipt as issued: its id, the canonical JSON that was signed (UTF-8, the format in
 * docs/assistant-receipts.md), the signature and the id of the key that made it.
 */
public record SignedReceipt(UUID id, byte[] canonicalJson, byte[] signature, String keyId) {}
