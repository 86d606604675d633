package io.lexvault.search;

import io.lexvault.documents.DocumentId;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import java.util.List;
import java.util.UUID;

/**
 * Told of a version's text right after its chunks were stored and indexed (the assistant's injection
 * scan implements it; search does not depend on it). Called on the indexing thread with the firm
 * bound and nobody acting, with the chunks' text in memory only: an event would have put the text
 * into the event publication table unencrypted, and a job cannot read the walled chunk rows back.
 * An inspector must not log or store the text; what it throws is logged by class name and ignored (it
 * never fails indexing).
 */
public interface IndexedTextInspector {

    void inspect(IndexedText text);

    /**
     * One indexed version: its place (for walled rows the inspector writes), the document's title when it
     * was indexed, and its chunks.
     */
    record IndexedText(
            DocumentId document, int version, MatterId matter, ClientId client, String title, List<Chunk> chunks) {

        public IndexedText {
            chunks = List.copyOf(chunks);
        }
    }

    /**
     * A chunk: the id of its row in {@code document_chunks}, its number in the version, its heading path
     * (as search results give it) and its text.
     */
    record Chunk(UUID id, int number, String headingPath, String text) {}
}
