package io.lexvault.search;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.DocumentIndexing;
import io.lexvault.documents.Documents;
import io.lexvault.matters.MatterId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Indexing as people follow it: the live status of a matter's documents (for the documents page's
 * poller) and the firm-wide view for administrators ({@code /admin/indexing}: backlog, failures with
 * their reasons, retry). Everything with a title is read as the caller, so the matter wall hides a
 * walled matter's versions here like everywhere else; the backlog from the event registry is a count
 * only (ids of documents, never shown).
 */
@Service
public class IndexingMonitor {

    private static final Logger log = LoggerFactory.getLogger(IndexingMonitor.class);

    /** At most this many failed versions are retried by one "retry all". */
    public static final int MAX_RETRY = 500;

    /** The status of one document's current version, with progress while it is indexed on this node. */
    public record DocumentStatus(
            UUID documentId,
            int version,
            String state,
            @Nullable Integer chunks,
            @Nullable String reason,
            String label,
            @Nullable String phase,
            @Nullable Integer done,
            @Nullable Integer total) {

        /** Still to come: the poller keeps asking. */
        public boolean pending() {
            return state.equals("queued") || state.equals("extracting");
        }
    }

    /** A version that is being indexed, failed or has no text, as the caller may see it. */
    public record Problem(
            UUID documentId,
            int version,
            UUID matterId,
            String title,
            String state,
            @Nullable String reason,
            Instant storedAt) {}

    /**
     * The firm-wide view: {@code waiting} counts the firm's document events not handled yet (every
     * matter, walled ones included: a number, nothing else), {@code counts} the versions by state that
     * the caller may see, {@code problems} those being indexed, failed or without text.
     */
    public record Overview(long waiting, Map<String, Long> counts, List<Problem> problems) {}

    private final Documents documents;
    private final IndexingStatus statuses;
    private final IndexingProgress progress;
    private final SearchRepository repository;
    private final SearchIndexing indexing;
    private final RequestAudit audit;
    private final TransactionTemplate transactions;

    IndexingMonitor(
            Documents documents,
            IndexingStatus statuses,
            IndexingProgress progress,
            SearchRepository repository,
            SearchIndexing indexing,
            RequestAudit audit,
            TransactionTemplate transactions) {
        this.documents = documents;
        this.statuses = statuses;
        this.progress = progress;
        this.repository = repository;
        this.indexing = indexing;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * The status of the matter's 100 most recently changed documents (those being indexed are among
     * them), as the caller may see them; a matter the caller may not see is not found (404).
     */
    public List<DocumentStatus> ofMatter(MatterId matter) {
        UUID firm = TenantContext.requireTenant().value();
        var page = documents.list(matter, 0, Documents.MAX_PAGE_SIZE, "updated");
        var found = statuses.statusOf(page.items());
        var result = new ArrayList<DocumentStatus>(page.items().size());
        for (var document : page.items()) {
            var status = found.getOrDefault(document.id(), DocumentIndexing.Status.QUEUED);
            var running = status.state().equals("extracting")
                    ? progress.of(firm, document.id().value(), document.currentVersion())
                            .orElse(null)
                    : null;
            result.add(new DocumentStatus(
                    document.id().value(),
                    document.currentVersion(),
                    status.state(),
                    status.chunks(),
                    status.reason(),
                    label(status, running),
                    running == null ? null : running.phase(),
                    running == null || running.phase().equals("extracting") ? null : running.done(),
                    running == null || running.phase().equals("extracting") ? null : running.total()));
        }
        return result;
    }

    private static String label(DocumentIndexing.Status status, IndexingProgress.@Nullable Progress running) {
        if (running == null) {
            return status.label();
        }
        if (running.phase().equals("extracting")) {
            return "Extracting text…";
        }
        return "Indexing: " + running.done() + " of " + running.total() + " passages";
    }

    /** The firm-wide indexing view for administrators (walls respected, see the type's comment). */
    public Overview overview() {
        TenantId firm = TenantContext.requireTenant();
        return Objects.requireNonNull(transactions.execute(s -> new Overview(
                repository.waitingVersions(firm),
                repository.countsByState(firm),
                repository.inStates(firm, List.of("extracting", "failed", "no_text"), 200).stream()
                        .map(r -> new Problem(
                                r.document(), r.version(), r.matter(), r.title(), r.state(), r.reason(), r.storedAt()))
                        .toList())));
    }

    /**
     * Indexes a failed (or text-less) version again, in the background, as the indexer (the firm bound,
     * nobody acting): audited on the version's matter. A version the caller may not see, or that did
     * not fail, is not found.
     *
     * @return whether it was queued again
     */
    public boolean retry(UUID document, int version) {
        TenantId firm = TenantContext.requireTenant();
        var row = transactions.execute(s -> repository.version(firm, document, version));
        if (row == null
                || row.isEmpty()
                || !(row.get().state().equals("failed") || row.get().state().equals("no_text"))) {
            return false;
        }
        auditRetry(row.get());
        reindexLater(firm, row.get());
        return true;
    }

    /** Retries every failed or text-less version the caller may see (at most {@link #MAX_RETRY}). */
    public int retryAll() {
        TenantId firm = TenantContext.requireTenant();
        var rows = transactions.execute(s -> repository.inStates(firm, List.of("failed", "no_text"), MAX_RETRY));
        // One commit for all the retries' events, not one each; then the indexing, off the request.
        transactions.executeWithoutResult(s -> rows.forEach(this::auditRetry));
        rows.forEach(row -> reindexLater(firm, row));
        return rows.size();
    }

    private void auditRetry(SearchRepository.VersionRow row) {
        audit.succeeded(
                AuditAction.SEARCH_INDEXING_RETRIED,
                "document",
                row.document(),
                row.matter(),
                row.client(),
                Map.of("version", String.valueOf(row.version()), "state", row.state()));
    }

    private void reindexLater(TenantId firm, SearchRepository.VersionRow row) {
        // Off the request, as every indexing is; the status shows extracting once it starts.
        Thread.ofVirtual().name("search-retry").start(() -> {
            try {
                TenantContext.runAs(firm, null, () -> indexing.index(new DocumentId(row.document()), row.version()));
            } catch (RuntimeException e) {
                log.warn(
                        "Retrying the indexing of a version failed: {}",
                        e.getClass().getSimpleName());
            }
        });
    }
}
