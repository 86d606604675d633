package io.lexvault.documents.web;

import io.lexvault.documents.DocumentVerificationException;
import io.lexvault.documents.Documents;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A version's content as an HTTP response: headers that keep browsers from running it, then the stream. */
final class DocumentDownloads {

    /**
     * Never rendered by the browser as part of LexVault's origin: even an allowed type opened inline
     * would run sandboxed, without scripts, plugins or same-origin access.
     */
    static final String SANDBOX = "sandbox; default-src 'none'";

    private DocumentDownloads() {}

    static void send(
            Documents documents, Documents.Download download, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var version = download.version();
        response.setContentType(download.contentType());
        response.setContentLengthLong(version.size());
        response.setHeader("Content-Disposition", attachment(version.fileName()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", SANDBOX);
        response.setHeader("Cache-Control", "no-store");
        if ("HEAD".equals(request.getMethod())) {
            return; // headers only: nothing is decrypted, and nothing was downloaded
        }
        try {
            documents.send(download, response.getOutputStream());
        } catch (DocumentVerificationException e) {
            if (!response.isCommitted()) {
                response.reset();
                throw e; // answered as a problem, with no byte of the document
            }
            // Bytes already left: announced Content-Length and a cut connection tell the client the
            // body is incomplete; the final bytes, held back, were never sent.
            throw new AbortedDownload(e);
        }
    }

    /**
     * For a preview inside LexVault's own page: the same stream, inline, framable by LexVault's pages
     * only ({@code frame-ancestors 'self'}, {@code X-Frame-Options: SAMEORIGIN}) and loading nothing
     * itself ({@code default-src 'none'}). The caller serves only PDFs and images this way (never markup:
     * HTML and SVG are refused at upload). Images are additionally sandboxed; a PDF is not, because
     * browsers refuse to run their PDF viewer in a sandboxed document.
     */
    static void inline(
            Documents documents, Documents.Download download, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        var version = download.version();
        boolean pdf = download.contentType().equals("application/pdf");
        response.setContentType(download.contentType());
        response.setContentLengthLong(version.size());
        response.setHeader("Content-Disposition", disposition("inline", version.fileName()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader(
                "Content-Security-Policy", (pdf ? "" : "sandbox; ") + "default-src 'none'; frame-ancestors 'self'");
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
        response.setHeader("Cache-Control", "no-store");
        if ("HEAD".equals(request.getMethod())) {
            return;
        }
        try {
            documents.send(download, response.getOutputStream());
        } catch (DocumentVerificationException e) {
            if (!response.isCommitted()) {
                response.reset();
                throw e;
            }
            throw new AbortedDownload(e);
        }
    }

    /**
     * {@code attachment} with an ASCII fallback name and the exact name in RFC 5987 form ({@code
     * filename*=UTF-8''...}), both quoted or encoded so no character of the name can end the header.
     */
    static String attachment(String fileName) {
        return disposition("attachment", fileName);
    }

    private static String disposition(String type, String fileName) {
        var fallback = new StringBuilder();
        fileName.codePoints()
                .forEach(c ->
                        fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return type + "; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }

    /** Thrown past the handler so the container drops the connection of a response already under way. */
    static final class AbortedDownload extends RuntimeException {
        AbortedDownload(Throwable cause) {
            super("Download aborted: the document did not verify", cause);
        }
    }
}
