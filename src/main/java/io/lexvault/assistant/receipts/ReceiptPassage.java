package io.lexvault.assistant.receipts;

import java.util.UUID;

/** A passage an answer was built from: where it came from and the SHA-256 of its text (hex). */
public record ReceiptPassage(UUID documentId, int version, UUID chunkId, String sha256) {}
