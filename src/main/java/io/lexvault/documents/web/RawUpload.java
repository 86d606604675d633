package io.lexvault.documents.web;

import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadRefusedException;
import io.lexvault.matters.MatterId;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * An upload whose body is the file itself ({@code Content-Type: application/octet-stream}), for API
 * clients: the name and the form's fields come in the query. There is no multipart boundary to search
 * for, which was most of an upload's CPU time (docs/benchmarks.md), so the request thread only copies
 * the body into the encrypting pipe. Everything else is {@link Documents#upload}'s, as for the
 * multipart form: the matter's visibility, the size limit while streaming, the type judged from the
 * content and the name, the name sanitised, the title and description checked, the audit.
 */
final class RawUpload {

    /**
     * The query parameters an upload takes, and a session's CSRF token (checked before this by Spring
     * Security); any other is refused, so a typo is not silently ignored.
     */
    private static final Set<String> PARAMETERS =
            Set.of("name", "documentId", "classification", "title", "description", "_csrf");

    private RawUpload() {}

    /** True when the request's body is the file (and not a form). */
    static boolean isRaw(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(MediaType.parseMediaType(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    static Documents.Uploaded receive(Documents documents, MatterId matter, HttpServletRequest request)
            throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > documents.maxSize()) {
            // Refused before a byte is read; the limit itself is enforced while streaming too.
            throw MultipartUpload.tooLarge(documents);
        }
        var fields = new HashMap<String, String>();
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                throw UploadRefusedException.malformed(
                        "Unknown query parameter; an upload takes name, documentId, classification, title and"
                                + " description.");
            }
            if (parameter.getValue().length != 1) {
                throw UploadRefusedException.malformed("Each query parameter of an upload is given once.");
            }
            fields.put(parameter.getKey(), parameter.getValue()[0]);
        }
        String name = fields.get("name");
        if (name == null || name.isBlank()) {
            throw UploadRefusedException.malformed(
                    "The file's name is required (?name=...): it decides the type the content must have.");
        }
        if (name.indexOf('\0') >= 0) {
            // As for a multipart part's file name: the client's mistake, neither logged nor echoed.
            throw UploadRefusedException.malformed(
                    "The file name contains a character not allowed in file names (such as NUL); rename the file.");
        }
        var form = MultipartUpload.form(fields);
        InputStream body = request.getInputStream();
        try {
            return documents.upload(matter, form, name, body, () -> {});
        } catch (IOException e) {
            // The request broke off (the client went away, or sent a truncated body): nothing was kept.
            throw UploadRefusedException.malformed("The upload ended before the file was complete; nothing was kept.");
        }
    }
}
