package io.lexvault.search.web;

import io.lexvault.matters.MatterId;
import io.lexvault.search.IndexingMonitor;
import io.lexvault.web.RequiresPermission;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/matters/{id}/documents/indexing}: the indexing status of the matter's most
 * recently changed documents (queued, extracting with progress, indexed with its passage count,
 * failed or without text with the reason), polled by the documents page while any is pending. A
 * matter the caller may not see is 404, like its documents.
 */
@RestController
class IndexingStatusApi {

    /** The statuses, and whether any is still pending (the poller stops when none is). */
    record Statuses(List<IndexingMonitor.DocumentStatus> documents, boolean pending) {}

    private final IndexingMonitor monitor;

    IndexingStatusApi(IndexingMonitor monitor) {
        this.monitor = monitor;
    }

    @GetMapping("/api/v1/matters/{id}/documents/indexing")
    @RequiresPermission("documents.read")
    Statuses statuses(@PathVariable UUID id) {
        var documents = monitor.ofMatter(new MatterId(id));
        return new Statuses(documents, documents.stream().anyMatch(IndexingMonitor.DocumentStatus::pending));
    }
}
