package io.lexvault.search;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A passage of one matter's documents, read from PostgreSQL as the caller and decrypted: where it comes
 * from (document, version, title, page, heading path) and its whole text, for the assistant to quote and
 * cite. Holds client text in the clear: never log it, never put it in an audit event.
 */
public record MatterPassage(
        UUID chunkId,
        UUID documentId,
        int version,
        int chunk,
        UUID matterId,
        String documentTitle,
        String mediaType,
        @Nullable Integer page,
        String headingPath,
        String text,
        float score) {

    @Override
    public String toString() {
        // A record's default toString would put the client's text into any log line that prints one.
        return "MatterPassage[chunkId=" + chunkId + ", documentId=" + documentId + ", version=" + version + "]";
    }
}
