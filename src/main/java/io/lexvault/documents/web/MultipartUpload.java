package io.lexvault.documents.web;

import io.lexvault.documents.Classification;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadForm;
import io.lexvault.documents.UploadRefusedException;
import io.lexvault.matters.MatterId;
import io.lexvault.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * Reads a {@code multipart/form-data} upload straight from the request with Commons FileUpload's
 * streaming API: form fields first (small, bounded), then one part named {@code file}, handed to
 * {@link Documents#upload} as a stream. Nothing is buffered whole or written to disk here; Spring's
 * and the servlet container's own multipart handling is switched off
 * ({@code spring.servlet.multipart.enabled=false}) because it spools parts to temporary files, in
 * plaintext.
 */
final class MultipartUpload {

    /** Room for the form fields and part headers on top of the file itself. */
    static final long OVERHEAD = 64 * 1024;

    private static final int FIELD_LIMIT = 4000;
    private static final int FIELDS_MAX = 20;

    private MultipartUpload() {}

    static Documents.Uploaded receive(Documents documents, MatterId matter, HttpServletRequest request)
            throws IOException {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new UnsupportedUpload();
        }
        long declared = request.getContentLengthLong();
        if (declared > documents.maxSize() + OVERHEAD) {
            // Refused before a byte is read; the limit itself is enforced while streaming too.
            throw tooLarge(documents);
        }
        var upload = new JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory>();
        upload.setHeaderCharset(StandardCharsets.UTF_8);
        // The whole body, however it is sent (a chunked body declares no length): the file, its few
        // fields and their headers.
        upload.setSizeMax(documents.maxSize() + OVERHEAD);
        FileItemInputIterator items;
        try {
            items = upload.getItemIterator(request);
            var fields = new HashMap<String, String>();
            int parts = 0;
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (item.isFormField()) {
                    // Every part counts, a repeated name too: a map of names alone would be no bound.
                    if (++parts > FIELDS_MAX) {
                        throw UploadRefusedException.malformed("Too many form fields.");
                    }
                    fields.put(item.getFieldName(), field(item));
                    continue;
                }
                if (!"file".equals(item.getFieldName())) {
                    throw UploadRefusedException.malformed("The file goes in a part named 'file'.");
                }
                var form = form(fields);
                var finalItems = items;
                return documents.upload(matter, form, nameOf(item), item.getInputStream(), () -> trailer(finalItems));
            }
        } catch (FileUploadException e) {
            if (isTooLarge(e)) {
                throw tooLarge(documents);
            }
            throw UploadRefusedException.malformed("The request is not a well-formed multipart/form-data upload.");
        } catch (IOException e) {
            if (isTooLarge(e)) {
                throw tooLarge(documents);
            }
            // The request broke off (the client went away, or sent a truncated body): nothing was kept.
            throw UploadRefusedException.malformed("The upload ended before the file was complete; nothing was kept.");
        }
        throw UploadRefusedException.malformed("A part named 'file' with the file is required.");
    }

    /**
     * What may follow the file: nothing, or a page form's CSRF field (checked from the address
     * already), once and bounded. Read after the file is stored, so it is kept to one small part.
     */
    private static void trailer(FileItemInputIterator items) {
        try {
            if (!items.hasNext()) {
                return;
            }
            var trailing = items.next();
            if (!trailing.isFormField() || !"_csrf".equals(trailing.getFieldName())) {
                throw oneFile();
            }
            field(trailing);
            if (items.hasNext()) {
                throw oneFile();
            }
        } catch (IOException e) {
            throw UploadRefusedException.malformed("The request ended before its end.");
        }
    }

    private static UploadRefusedException oneFile() {
        return UploadRefusedException.malformed("Send one file per request, after the form fields (documentId,"
                + " classification, title, description).");
    }

    /**
     * The part's file name. FileUpload refuses a name with a NUL in it by throwing {@link
     * java.nio.file.InvalidPathException}; that is the client's mistake (400), and the name is neither
     * logged nor echoed.
     */
    private static @org.jspecify.annotations.Nullable String nameOf(FileItemInput item) {
        try {
            return item.getName();
        } catch (IllegalArgumentException e) {
            throw UploadRefusedException.malformed(
                    "The file name contains a character not allowed in file names (such as NUL); rename the file.");
        }
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileUploadSizeException) {
                return true;
            }
        }
        return false;
    }

    static UploadRefusedException tooLarge(Documents documents) {
        return new UploadRefusedException(
                UploadRefusedException.Reason.TOO_LARGE,
                "The file is larger than the limit of " + documents.maxSize() + " bytes.");
    }

    private static String field(FileItemInput item) throws IOException {
        byte[] value = item.getInputStream().readNBytes(FIELD_LIMIT + 1);
        if (value.length > FIELD_LIMIT) {
            throw UploadRefusedException.malformed("A form field is longer than " + FIELD_LIMIT + " bytes.");
        }
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The form's fields, from a multipart form's parts or a raw upload's query. */
    static UploadForm form(Map<String, String> fields) {
        @org.jspecify.annotations.Nullable DocumentId document = null;
        String id = blankToNull(fields.get("documentId"));
        if (id != null) {
            try {
                document = new DocumentId(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                throw UploadRefusedException.malformed("documentId is a document's id (a UUID).");
            }
        }
        String classification = blankToNull(fields.get("classification"));
        return new UploadForm(
                document,
                classification == null ? null : Classification.parse(classification),
                blankToNull(fields.get("title")),
                blankToNull(fields.get("description")));
    }

    private static @org.jspecify.annotations.Nullable String blankToNull(
            @org.jspecify.annotations.Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Not multipart/form-data at all (415). */
    static final class UnsupportedUpload extends Refusal {
        UnsupportedUpload() {
            super(
                    Reason.UNSUPPORTED,
                    "Send the file as multipart/form-data, or as the body itself with Content-Type"
                            + " application/octet-stream and its name in ?name=.");
        }
    }
}
