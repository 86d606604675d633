package io.lexvault.search;

import io.lexvault.documents.Document;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.DocumentIndexing;
import io.lexvault.tenancy.TenantContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The indexing status of documents' current versions for the documents page and API, read as the
 * person asking (their status rows are walled like the documents). No row yet means queued: the
 * version is stored and its event not handled.
 */
@Component
class IndexingStatus implements DocumentIndexing {

    private final SearchRepository repository;
    private final TransactionTemplate transactions;

    IndexingStatus(SearchRepository repository, TransactionTemplate transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    @Override
    public Map<DocumentId, Status> statusOf(Collection<Document> documents) {
        if (documents.isEmpty()) {
            return Map.of();
        }
        var tenant = TenantContext.requireTenant();
        Map<UUID, Integer> current = documents.stream()
                .collect(Collectors.toMap(d -> d.id().value(), Document::currentVersion, (a, b) -> a));
        var rows = transactions.execute(s -> repository.versions(tenant, current.keySet()));
        var statuses = new HashMap<DocumentId, Status>();
        for (var document : documents) {
            statuses.put(document.id(), Status.QUEUED);
        }
        for (var row : rows) {
            if (current.get(row.document()) == row.version()) {
                statuses.put(new DocumentId(row.document()), new Status(row.state(), row.chunks(), row.reason()));
            }
        }
        return statuses;
    }
}
