package io.lexvault.crypto;

/**
 * A document's ciphertext did not authenticate for the bound firm, document and version: it was
 * tampered with, truncated, extended, or made for another firm, document or version. Whatever
 * plaintext the failed call had already written is an authentic prefix at most and must be thrown
 * away (an aborted download, a discarded temporary file).
 */
public class DocumentIntegrityException extends RuntimeException {

    DocumentIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
