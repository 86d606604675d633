package io.lexvault.documents;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which versions LexVault shows inside its own pages (PDFs in the browser's viewer, pictures as
 * pictures) and the address of that view. One rule for the documents pages, search results and the
 * assistant's citations, so a link is offered exactly where the preview page will show something.
 */
public final class DocumentPreviews {

    /** Types the browser renders itself without running anything of the document's. */
    private static final Set<String> PREVIEWABLE =
            Set.of("application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp");

    private DocumentPreviews() {}

    public static boolean previewable(String mediaType) {
        return PREVIEWABLE.contains(mediaType);
    }

    /**
     * The preview page of a version; for a PDF with a known page, opened at that page (the preview
     * passes it to the browser's viewer as {@code #page=}).
     */
    public static String link(UUID matterId, UUID documentId, int version, String mediaType, @Nullable Integer page) {
        String link = "/matters/" + matterId + "/documents/" + documentId + "/versions/" + version + "/preview";
        return page != null && page > 0 && "application/pdf".equals(mediaType) ? link + "?page=" + page : link;
    }
}
