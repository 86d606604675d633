package io.lexvault.documents;

/**
 * A stored version did not verify on download: it failed to decrypt for its firm, document and
 * version (tampered with, moved from elsewhere, truncated), its blob is gone, or its plaintext did not
 * match the size and SHA-256 recorded at upload. Already logged and audited; the response must be
 * aborted, its last bytes were never sent.
 */
public class DocumentVerificationException extends RuntimeException {

    DocumentVerificationException() {
        super("The document's content did not verify");
    }
}
