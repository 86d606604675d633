package io.lexvault.documents.web;

import io.lexvault.documents.Document;
import io.lexvault.documents.DocumentPreviews;
import io.lexvault.documents.DocumentVersion;
import io.lexvault.documents.Documents;
import io.lexvault.identity.Accounts;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Documents as the pages show them: each version's type in words, its size in bytes, KB or MB, who
 * uploaded it and whether the page can preview it. One place, so that the list, a row added after an
 * upload and the matter's home show the same thing.
 */
final class DocumentRows {

    /** A version as a row shows it. */
    record VersionRow(DocumentVersion version, String type, String size, String uploader, boolean previewable) {}

    /** A document with its versions, newest last. */
    record Row(Document document, List<VersionRow> versions) {

        public VersionRow current() {
            return versions.getLast();
        }
    }

    /**
     * Types a browser renders by itself inside the page's CSP: PDFs (its own viewer, in a same-origin
     * frame) and the image types every browser draws in an {@code <img>}. Never SVG, HTML or text (they
     * are refused at upload or would be markup); TIFF is accepted but no browser draws it.
     */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("application/pdf", "PDF document"),
            Map.entry("application/msword", "Word document"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word document"),
            Map.entry("application/vnd.ms-excel", "Excel spreadsheet"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel spreadsheet"),
            Map.entry("application/vnd.ms-powerpoint", "PowerPoint presentation"),
            Map.entry(
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                    "PowerPoint presentation"),
            Map.entry("application/vnd.oasis.opendocument.text", "OpenDocument text"),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet"),
            Map.entry("application/vnd.oasis.opendocument.presentation", "OpenDocument presentation"),
            Map.entry("text/plain", "Plain text"),
            Map.entry("text/csv", "CSV table"),
            Map.entry("application/rtf", "Rich text (RTF)"),
            Map.entry("message/rfc822", "E-mail"),
            Map.entry("application/vnd.ms-outlook", "Outlook e-mail"),
            Map.entry("image/png", "PNG image"),
            Map.entry("image/jpeg", "JPEG image"),
            Map.entry("image/gif", "GIF image"),
            Map.entry("image/tiff", "TIFF image"),
            Map.entry("image/webp", "WebP image"));

    private final Map<UUID, String> names = new HashMap<>();

    DocumentRows(Accounts accounts) {
        accounts.all().forEach(a -> names.put(a.id().value(), a.displayName()));
    }

    List<Row> of(List<Documents.Details> details) {
        return details.stream().map(this::of).toList();
    }

    Row of(Documents.Details details) {
        return new Row(
                details.document(),
                details.versions().stream().map(this::version).toList());
    }

    private VersionRow version(DocumentVersion v) {
        String uploader = v.uploadedBy() == null ? "LexVault" : names.getOrDefault(v.uploadedBy(), "a former user");
        return new VersionRow(v, typeInWords(v.mediaType()), size(v.size()), uploader, previewable(v.mediaType()));
    }

    static boolean previewable(String mediaType) {
        return DocumentPreviews.previewable(mediaType);
    }

    static String typeInWords(String mediaType) {
        return TYPES.getOrDefault(mediaType, "File (" + mediaType + ")");
    }

    /** 999 bytes, 1.5 KB, 12.3 MB: binary units, one decimal, the way file managers show them. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
