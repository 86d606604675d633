package io.lexvault.documents;

import io.lexvault.access.Callers;
import io.lexvault.access.MatterListing;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.crypto.DocumentIntegrityException;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.storage.BlobKey;
import io.lexvault.storage.NoSuchBlobException;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import io.lexvault.web.CallerPermissions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Documents of the matters the caller may see: upload (a new document or a new version), list, read,
 * download, classify and delete.
 *
 * <p>A document of a matter the caller may not see (another firm's, walled, off-team) does not exist
 * for them: the application checks the matter ({@link Matters}) and PostgreSQL's matter wall hides
 * the rows as well. The refused look is recorded, like {@link Matters#requested}.
 *
 * <p>Consistency between the database and the blob store: an upload writes its blob first, under a
 * key of its own, and inserts the rows only once the blob is complete; a failure before the commit
 * deletes the blob, a failure during the commit (the rows may have committed) leaves it to the sweeper.
 * Deleting a document deletes its rows, then its blobs. Whatever a crash leaves behind is a blob
 * without a row, which {@link DocumentBlobSweeper} removes.
 */
@Service
public class Documents {

    private static final Logger log = LoggerFactory.getLogger(Documents.class);

    public static final int MAX_PAGE_SIZE = 100;

    /** One page of a matter's documents. */
    public record Page(List<Document> items, int page, int size, long total) {}

    /** A document with all its versions, oldest first. */
    public record Details(Document document, List<DocumentVersion> versions) {}

    /** A version about to be downloaded: what the response's headers need before the content streams. */
    public record Download(Document document, DocumentVersion version, String contentType) {}

    /** What an upload made. */
    public record Uploaded(Document document, DocumentVersion version) {}

    private final DocumentRepository repository;
    private final DocumentContent content;
    private final Matters matters;
    private final Callers callers;
    private final RequestAudit audit;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    Documents(
            DocumentRepository repository,
            DocumentContent content,
            Matters matters,
            Callers callers,
            RequestAudit audit,
            TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.repository = repository;
        this.content = content;
        this.matters = matters;
        this.callers = callers;
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
    }

    /** The largest upload accepted, in bytes. */
    public long maxSize() {
        return content.maxSize();
    }

    /**
     * Stores a file in a matter the caller may see: a new document, or a new version of {@code
     * form.document()} (which must belong to the matter). {@code beforeRecording} runs once the content
     * is stored and before anything is recorded (the caller checks the rest of its request there).
     *
     * @throws io.lexvault.access.MatterNotVisibleException (404) for a matter the caller may not see
     * @throws DocumentNotVisibleException (404) for a document the caller may not see
     * @throws UploadRefusedException for a refused type, name or size, or a concurrent new version
     * @throws IOException when reading the content fails (the client went away); nothing is kept
     */
    public Uploaded upload(
            MatterId matterId, UploadForm form, @Nullable String sentName, InputStream sent, Runnable beforeRecording)
            throws IOException {
        Matter matter = matters.requested(matterId);
        TenantId tenant = TenantContext.requireTenant();
        String title = form.title() == null ? null : checkedText(form.title(), 200, "title", false);
        String description =
                form.description() == null ? null : checkedText(form.description(), 2000, "description", true);
        UploadTarget target = target(matter, form);
        // A key of its own per upload: two concurrent uploads of the same version never share a blob.
        BlobKey key =
                BlobKey.of("documents/" + tenant.value() + "/" + target.id().value() + "/" + target.version() + "-"
                        + UUID.randomUUID().toString().replace("-", ""));
        DocumentContent.Stored stored = store(target, key, sentName, sent);
        record(tenant, target, form, title, description, key, stored, beforeRecording);
        var document = transactions
                .execute(s -> repository.document(tenant, target.id()))
                .orElseThrow();
        var uploaded = transactions
                .execute(s -> repository.version(tenant, target.id(), target.version()))
                .orElseThrow()
                .version();
        return new Uploaded(document, uploaded);
    }

    /**
     * What an upload makes: version 1 of a new document, or the next version of {@code form.document()};
     * {@code reclassifiedFrom} is the label a new version with another classification replaces.
     */
    private record UploadTarget(
            Matter matter,
            DocumentId id,
            int version,
            @Nullable Classification reclassifiedFrom) {}

    /**
     * The document the upload makes or adds a version to. A new version must be of a document of the
     * matter that the caller may see, and relabelling it needs {@code documents.classify}: both are
     * checked before anything is stored.
     */
    private UploadTarget target(Matter matter, UploadForm form) {
        MatterId matterId = matter.id();
        if (form.document() == null) {
            return new UploadTarget(matter, new DocumentId(UUID.randomUUID()), 1, null);
        }
        Document existing = requested(form.document());
        if (!existing.matter().equals(matterId)) {
            refusedLook(form.document());
            throw new DocumentNotVisibleException();
        }
        DocumentId id = existing.id();
        @Nullable Classification reclassifiedFrom = null;
        if (form.classification() != null && form.classification() != existing.classification()) {
            // Checked before anything is stored: relabelling needs its own permission, whatever the route.
            if (CallerPermissions.signedIn() && !CallerPermissions.holds("documents.classify")) {
                audit.deniedOn(
                        AuditAction.DOCUMENT_CLASSIFIED,
                        "document",
                        id.value(),
                        matterId.value(),
                        matter.client().value(),
                        Map.of(
                                "from", existing.classification().name(),
                                "to", form.classification().name()));
                throw new ClassificationRefusedException();
            }
            reclassifiedFrom = existing.classification();
        }
        return new UploadTarget(matter, id, existing.currentVersion() + 1, reclassifiedFrom);
    }

    /** Streams the content into the blob store under {@code key}; a refusal of a signed-in caller is audited. */
    private DocumentContent.Stored store(UploadTarget target, BlobKey key, @Nullable String sentName, InputStream sent)
            throws IOException {
        try {
            return content.store(key, target.id().value(), target.version(), FileName.sanitise(sentName), sent);
        } catch (UploadRefusedException e) {
            if (!CallerPermissions.signedIn()) {
                throw e; // LexVault's own uploads (seeding, imports) have no caller to record
            }
            MatterId matterId = target.matter().id();
            audit.deniedOn(
                    AuditAction.DOCUMENT_UPLOAD_REFUSED,
                    "matter",
                    matterId.value(),
                    matterId.value(),
                    target.matter().client().value(),
                    Map.of("reason", e.reason().name().toLowerCase(Locale.ROOT)));
            throw e;
        }
    }

    /**
     * Records the stored content in one transaction (after {@code beforeRecording}); on a failure
     * before the commit the blob is deleted, on one during the commit it is left to the sweeper.
     */
    private void record(
            TenantId tenant,
            UploadTarget target,
            UploadForm form,
            @Nullable String title,
            @Nullable String description,
            BlobKey key,
            DocumentContent.Stored stored,
            Runnable beforeRecording) {
        // Set as the transaction's last step: after it, a failure comes from the commit itself.
        var committing = new AtomicBoolean();
        try {
            beforeRecording.run();
            UUID user = callers.actingUser().map(u -> u.value()).orElse(null);
            transactions.executeWithoutResult(status -> {
                recordRows(tenant, target, form, title, description, key, stored, user);
                committing.set(true);
            });
        } catch (RuntimeException e) {
            if (committing.get()) {
                // The commit failed, or its answer was lost: the rows may be in the database, and
                // deleting the blob could leave a version without content. The sweeper removes it
                // later if, and only if, no row names it.
                log.warn(
                        "Recording version {} of document {} failed during commit; its blob is left to the"
                                + " orphan sweeper: {}",
                        target.version(),
                        target.id(),
                        e.getClass().getSimpleName());
            } else {
                content.deleteQuietly(key); // failed before the commit: rolled back, nothing names the blob
            }
            throw e;
        }
    }

    /** The document (new) or its next version number (advanced), the version row and their audit events. */
    private void recordRows(
            TenantId tenant,
            UploadTarget target,
            UploadForm form,
            @Nullable String title,
            @Nullable String description,
            BlobKey key,
            DocumentContent.Stored stored,
            @Nullable UUID user) {
        DocumentId id = target.id();
        int version = target.version();
        MatterId matterId = target.matter().id();
        UUID client = target.matter().client().value();
        if (version == 1) {
            repository.insertDocument(
                    tenant,
                    id,
                    matterId,
                    client,
                    title != null ? title : stored.name().base(),
                    description,
                    form.classification() == null ? Classification.CONFIDENTIAL : form.classification(),
                    user);
        } else if (!repository.advanceVersion(tenant, id, version, title, description, form.classification())) {
            throw new UploadRefusedException(
                    UploadRefusedException.Reason.CONFLICT,
                    "Another version of this document was uploaded at the same time; upload yours again.");
        }
        Classification reclassifiedFrom = target.reclassifiedFrom();
        if (reclassifiedFrom != null && form.classification() != null) {
            audit.succeededInTransaction(
                    callers.actor(),
                    AuditAction.DOCUMENT_CLASSIFIED,
                    "document",
                    id.value(),
                    matterId.value(),
                    client,
                    Map.of(
                            "from",
                            reclassifiedFrom.name(),
                            "to",
                            form.classification().name()));
        }
        repository.insertVersion(
                tenant,
                id,
                matterId,
                client,
                version,
                stored.size(),
                stored.sha256(),
                stored.mediaType(),
                stored.name().value(),
                key.value(),
                user);
        audit.succeededInTransaction(
                callers.actor(),
                AuditAction.DOCUMENT_UPLOADED,
                "document",
                id.value(),
                matterId.value(),
                client,
                Map.of(
                        "version", String.valueOf(version),
                        "size", String.valueOf(stored.size()),
                        "media_type", stored.mediaType()));
        // In this transaction, into the event publication registry: search indexes the version after
        // the commit, off the request, and hears of it again after a crash.
        events.publishEvent(new DocumentVersionStored(tenant, id, version));
    }

    /** One page of a matter's documents, sorted by {@code title} or {@code updated} (newest first). */
    public Page list(MatterId matterId, int page, int size, String sort) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw UploadRefusedException.malformed(
                    "page must be at least 0 and size between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if (!sort.equals("title") && !sort.equals("updated")) {
            throw UploadRefusedException.malformed("sort is title or updated.");
        }
        matters.requested(matterId);
        var tenant = TenantContext.requireTenant();
        return transactions.execute(status -> new Page(
                repository.documents(tenant, matterId, sort.equals("updated"), size, (long) page * size),
                page,
                size,
                repository.countDocuments(tenant, matterId)));
    }

    /** A document with the matter it belongs to, as a list across matters names it. */
    public record InMatter(Document document, MatterListing matter) {}

    /**
     * The documents changed most recently in the matters the caller may see, newest first, at most
     * {@code limit}: the matters come from {@link Matters} as the caller, so a wall hides its documents.
     */
    public List<InMatter> recentlyChanged(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw UploadRefusedException.malformed("limit must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        var tenant = TenantContext.requireTenant();
        var visible = transactions.execute(s -> matters.visibleMatters());
        if (visible == null || visible.isEmpty()) {
            return List.of();
        }
        var byId = visible.stream().collect(Collectors.toMap(MatterListing::id, m -> m));
        var recent = transactions.execute(s -> repository.recentlyChanged(tenant, List.copyOf(byId.keySet()), limit));
        return recent == null
                ? List.of()
                : recent.stream()
                        .map(d -> new InMatter(d, byId.get(d.matter().value())))
                        .toList();
    }

    /** The document and its versions, if the caller may see it (else 404, recorded). */
    public Details details(DocumentId id) {
        var document = requested(id);
        var tenant = TenantContext.requireTenant();
        var versions = transactions.execute(s -> repository.versions(tenant, id)).stream()
                .map(DocumentRepository.StoredVersion::version)
                .toList();
        return new Details(document, versions);
    }

    /** Sets the classification label (audited with the old and new label). */
    public Document classify(DocumentId id, Classification classification) {
        var document = requested(id);
        var tenant = TenantContext.requireTenant();
        transactions.executeWithoutResult(status -> {
            if (!repository.classify(tenant, id, classification)) {
                throw new DocumentNotVisibleException();
            }
            audit.succeededInTransaction(
                    callers.actor(),
                    AuditAction.DOCUMENT_CLASSIFIED,
                    "document",
                    id.value(),
                    document.matter().value(),
                    document.client().value(),
                    Map.of("from", document.classification().name(), "to", classification.name()));
            events.publishEvent(
                    new DocumentClassificationChanged(tenant, id, document.currentVersion(), classification));
        });
        return transactions.execute(s -> repository.document(tenant, id)).orElseThrow(DocumentNotVisibleException::new);
    }

    /** Deletes the document: its rows (audited), then the blobs of all its versions. */
    public void delete(DocumentId id) {
        var document = requested(id);
        var tenant = TenantContext.requireTenant();
        List<String> keys = transactions.execute(status -> {
            var stored = repository.versions(tenant, id).stream()
                    .map(DocumentRepository.StoredVersion::blobKey)
                    .toList();
            if (!repository.delete(tenant, id)) {
                throw new DocumentNotVisibleException();
            }
            audit.succeededInTransaction(
                    callers.actor(),
                    AuditAction.DOCUMENT_DELETED,
                    "document",
                    id.value(),
                    document.matter().value(),
                    document.client().value(),
                    Map.of("versions", String.valueOf(stored.size())));
            events.publishEvent(new DocumentDeleted(tenant, id));
            return stored;
        });
        // After the commit: a blob whose deletion fails is an orphan, removed by the sweeper.
        keys.forEach(key -> content.deleteQuietly(BlobKey.of(key)));
    }

    /**
     * A version about to be downloaded ({@code version} null: the current one), for the response's
     * headers; {@link #send} streams it.
     */
    public Download download(DocumentId id, @Nullable Integer version) {
        var document = requested(id);
        int wanted = version == null ? document.currentVersion() : version;
        var stored = transactions.execute(s -> repository.version(TenantContext.requireTenant(), id, wanted));
        if (stored == null || stored.isEmpty()) {
            throw new DocumentNotVisibleException();
        }
        String type = stored.get().version().mediaType();
        return new Download(
                document, stored.get().version(), ContentTypes.allowed(type) ? type : "application/octet-stream");
    }

    /**
     * Decrypts the version into {@code out}, hashing it as it goes and holding its last bytes back until
     * the hash matches the one recorded at upload; the download is audited before those bytes leave.
     * When the content does not verify, the failure is logged (ids only) and audited, and {@link
     * DocumentVerificationException} thrown with the last bytes never sent: the caller must abort the
     * response.
     *
     * @throws IOException when writing to the client fails (the client went away)
     */
    public void send(Download download, OutputStream out) throws IOException {
        var tenant = TenantContext.requireTenant();
        var id = download.document().id();
        int version = download.version().version();
        var stored = transactions
                .execute(s -> repository.version(tenant, id, version))
                .orElseThrow(DocumentNotVisibleException::new);
        var held = new HeldBackOutput(out, stored.version().size());
        try {
            content.read(BlobKey.of(stored.blobKey()), id.value(), version, held);
        } catch (HeldBackOutput.Overrun e) {
            throw integrityFailed(download, "length");
        } catch (DocumentIntegrityException e) {
            throw integrityFailed(download, "decryption");
        } catch (NoSuchBlobException e) {
            throw integrityFailed(download, "missing");
        }
        if (held.count() != stored.version().size() || !MessageDigest.isEqual(held.sha256(), stored.sha256())) {
            throw integrityFailed(download, "hash");
        }
        transactions.executeWithoutResult(status -> audit.succeededInTransaction(
                callers.actor(),
                AuditAction.DOCUMENT_DOWNLOADED,
                "document",
                id.value(),
                download.document().matter().value(),
                download.document().client().value(),
                Map.of("version", String.valueOf(version))));
        held.release();
    }

    private DocumentVerificationException integrityFailed(Download download, String reason) {
        var id = download.document().id();
        int version = download.version().version();
        log.error(
                "Document {} version {} failed its integrity check on download ({}); nothing complete was sent",
                id,
                version,
                reason);
        var details = new HashMap<String, String>();
        details.put("version", String.valueOf(version));
        details.put("reason", reason);
        audit.failedOn(
                AuditAction.DOCUMENT_INTEGRITY_FAILED,
                "document",
                id.value(),
                download.document().matter().value(),
                download.document().client().value(),
                details);
        return new DocumentVerificationException();
    }

    /**
     * The document the caller asked for, if they may see it: in the database (the matter wall's
     * policies) and in the application (its matter must be one they see). Otherwise the refused look
     * is recorded and {@link DocumentNotVisibleException} (404) thrown, the same for none at all.
     */
    Document requested(DocumentId id) {
        var tenant = TenantContext.requireTenant();
        var found = transactions.execute(s -> repository.document(tenant, id));
        if (found == null
                || found.isEmpty()
                || matters.find(found.get().matter()).isEmpty()) {
            refusedLook(id);
            throw new DocumentNotVisibleException();
        }
        return found.get();
    }

    /**
     * Records the refused look with whether the document exists and, when it does, its matter and
     * client: without them, the people a wall around that matter or client screens read other people's
     * refused looks at its documents in the audit log.
     */
    private void refusedLook(DocumentId id) {
        var scope = transactions.execute(s -> repository.scopeInBoundFirm(id));
        boolean exists = scope != null && scope.isPresent();
        audit.deniedOn(
                AuditAction.DOCUMENT_ACCESS_DENIED,
                "document",
                id.value(),
                exists ? scope.get().matter().value() : null,
                exists ? scope.get().client().value() : null,
                Map.of("exists", String.valueOf(exists)));
    }

    private static String checkedText(String text, int max, String what, boolean lines) {
        // Format characters (bidi overrides such as U+202E, zero-width ones) would make a title read
        // differently from what it is, in the list and in the audit trail; HumanText refuses them.
        try {
            return lines ? HumanText.lines(what, text, max) : HumanText.line(what, text, max);
        } catch (InvalidTextException e) {
            // The documents edges show an upload refusal's sentence; the checker's names only the field.
            throw UploadRefusedException.malformed(e.getMessage());
        }
    }
}
