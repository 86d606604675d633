package io.lexvault.documents;

import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How far the text of documents' current versions has been indexed for search. The search module
 * implements it (it depends on documents, not the other way round), so the documents page and API
 * can show the status without knowing how search works.
 */
public interface DocumentIndexing {

    /** One version's status: queued, extracting, indexed (with its chunk count), failed or no_text (with a reason). */
    record Status(
            String state,
            @Nullable Integer chunks,
            @Nullable String reason) {

        public static final Status QUEUED = new Status("queued", null, null);

        /** For people: "Indexed (12 passages)", "Failed: could not extract: …". */
        public String label() {
            return switch (state) {
                case "indexed" -> "Indexed (" + chunks + (chunks != null && chunks == 1 ? " passage)" : " passages)");
                case "extracting" -> "Indexing…";
                case "failed" -> "Not searchable: " + reason;
                case "no_text" -> "No text layer" + (reason == null ? "" : " (" + reason + ")");
                default -> "Queued for indexing";
            };
        }
    }

    /** The status of each document's current version, as the acting user may see it (walled rows: queued). */
    Map<DocumentId, Status> statusOf(Collection<Document> documents);
}
