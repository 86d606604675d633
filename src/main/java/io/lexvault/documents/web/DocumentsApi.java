package io.lexvault.documents.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.documents.Classification;
import io.lexvault.documents.Document;
import io.lexvault.documents.DocumentBlobSweeper;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.DocumentIndexing;
import io.lexvault.documents.DocumentVerificationException;
import io.lexvault.documents.DocumentVersion;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadRefusedException;
import io.lexvault.matters.MatterId;
import io.lexvault.storage.ObjectStoreException;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Documents over the API: upload (streamed, multipart or the raw body), list, metadata with versions, download,
 * classification, deletion. A document or matter the caller may not see is 404 on every path, like
 * one that does not exist; a missing permission is 403 before anything is looked up.
 */
@RestController
class DocumentsApi {

    record VersionView(
            int version,
            long size,
            String sha256,
            String mediaType,
            String fileName,
            @Nullable UUID uploadedBy,
            Instant uploadedAt) {
        static VersionView of(DocumentVersion v) {
            return new VersionView(
                    v.version(), v.size(), v.sha256(), v.mediaType(), v.fileName(), v.uploadedBy(), v.uploadedAt());
        }
    }

    record DocumentView(
            UUID id,
            UUID matterId,
            String title,
            @Nullable String description,
            Classification classification,
            int currentVersion,
            Instant createdAt,
            Instant updatedAt,
            @Nullable List<VersionView> versions,
            DocumentIndexing.Status indexing) {
        static DocumentView of(Document d, @Nullable List<DocumentVersion> versions, DocumentIndexing.Status indexing) {
            return new DocumentView(
                    d.id().value(),
                    d.matter().value(),
                    d.title(),
                    d.description(),
                    d.classification(),
                    d.currentVersion(),
                    d.createdAt(),
                    d.updatedAt(),
                    versions == null
                            ? null
                            : versions.stream().map(VersionView::of).toList(),
                    indexing);
        }
    }

    record DocumentPage(List<DocumentView> items, int page, int size, long total) {}

    record NewClassification(@Nullable String classification) {}

    record SweepView(int removed, int spared) {}

    private final Documents documents;
    private final DocumentBlobSweeper sweeper;
    private final RequestAudit audit;
    private final DocumentIndexing indexing;

    DocumentsApi(Documents documents, DocumentBlobSweeper sweeper, RequestAudit audit, DocumentIndexing indexing) {
        this.documents = documents;
        this.indexing = indexing;
        this.sweeper = sweeper;
        this.audit = audit;
    }

    @PostMapping("/api/v1/matters/{id}/documents")
    @RequiresPermission("documents.upload")
    @ResponseStatus(HttpStatus.CREATED)
    DocumentView upload(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        // API clients may send the file as the body itself (no boundary to search for); the page's form
        // and older clients send multipart.
        var uploaded = RawUpload.isRaw(request)
                ? RawUpload.receive(documents, new MatterId(id), request)
                : MultipartUpload.receive(documents, new MatterId(id), request);
        return DocumentView.of(uploaded.document(), List.of(uploaded.version()), statusOf(uploaded.document()));
    }

    @GetMapping("/api/v1/matters/{id}/documents")
    @RequiresPermission("documents.read")
    DocumentPage list(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(defaultValue = "title") String sort) {
        var result = documents.list(new MatterId(id), page, size, sort);
        var statuses = indexing.statusOf(result.items());
        return new DocumentPage(
                result.items().stream()
                        .map(d ->
                                DocumentView.of(d, null, statuses.getOrDefault(d.id(), DocumentIndexing.Status.QUEUED)))
                        .toList(),
                result.page(),
                result.size(),
                result.total());
    }

    @GetMapping("/api/v1/documents/{id}")
    @RequiresPermission("documents.read")
    DocumentView get(@PathVariable UUID id) {
        var details = documents.details(new DocumentId(id));
        return DocumentView.of(details.document(), details.versions(), statusOf(details.document()));
    }

    @GetMapping("/api/v1/documents/{id}/content")
    @RequiresPermission("documents.download")
    void content(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        DocumentDownloads.send(documents, documents.download(new DocumentId(id), null), request, response);
    }

    @GetMapping("/api/v1/documents/{id}/versions/{version}/content")
    @RequiresPermission("documents.download")
    void versionContent(
            @PathVariable UUID id, @PathVariable int version, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        DocumentDownloads.send(documents, documents.download(new DocumentId(id), version), request, response);
    }

    @PutMapping("/api/v1/documents/{id}/classification")
    @RequiresPermission("documents.classify")
    DocumentView classify(@PathVariable UUID id, @RequestBody NewClassification request) {
        if (request.classification() == null) {
            throw UploadRefusedException.malformed("classification is required.");
        }
        var classified = documents.classify(new DocumentId(id), Classification.parse(request.classification()));
        return DocumentView.of(classified, null, statusOf(classified));
    }

    @DeleteMapping("/api/v1/documents/{id}")
    @RequiresPermission("documents.delete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        documents.delete(new DocumentId(id));
    }

    /**
     * Removes the caller's firm's orphaned document blobs now, instead of at the next scheduled sweep.
     * Firm-wide housekeeping with firm-wide counts, so an administrator's (not every attorney's, walled
     * ones included); the caller is audited even when nothing was removed.
     */
    @PostMapping("/api/v1/documents/orphans/sweep")
    @RequiresPermission("firm.settings.manage")
    SweepView sweep() {
        var sweep = sweeper.sweepFirm(TenantContext.requireTenant());
        audit.succeeded(
                AuditAction.DOCUMENT_ORPHANS_SWEPT,
                null,
                null,
                Map.of(
                        "requested", "on demand",
                        "removed", String.valueOf(sweep.removed()),
                        "spared", String.valueOf(sweep.spared())));
        return new SweepView(sweep.removed(), sweep.spared());
    }

    /** How far search has indexed the document's current version (queued until its event is handled). */
    private DocumentIndexing.Status statusOf(Document document) {
        return indexing.statusOf(List.of(document)).getOrDefault(document.id(), DocumentIndexing.Status.QUEUED);
    }

    @ExceptionHandler(ObjectStoreException.class)
    ResponseEntity<ProblemDetail> storeUnavailable() {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The document store cannot be reached; nothing was kept. Try again later.");
    }

    /** Reached only before the response was committed (else the download aborts the connection). */
    @ExceptionHandler(DocumentVerificationException.class)
    ResponseEntity<ProblemDetail> unverified() {
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "The document's stored content failed its integrity check and was not sent. The failure was recorded.");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
