package io.lexvault.search;

import io.lexvault.crypto.KeyEvent;
import io.lexvault.crypto.KeysDestroyedException;
import io.lexvault.documents.DocumentClassificationChanged;
import io.lexvault.documents.DocumentDeleted;
import io.lexvault.documents.DocumentVersionStored;
import io.lexvault.search.index.SearchIndex;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Follows the documents module's events through Spring Modulith's JDBC event publication registry:
 * each event was written to {@code event_publication} in the transaction that stored, relabelled or
 * deleted the document, is handled here after that commit on a thread of its own (an upload never
 * waits for indexing), and stays in the registry until it was handled, so one interrupted by a crash
 * is handled again at the next start.
 *
 * <p>Each handler binds the event's firm and nobody as the acting user, like every job; it runs
 * without a surrounding transaction ({@code NOT_SUPPORTED}) because the firm must be bound before a
 * transaction begins.
 */
@Component
class IndexingListener {

    private static final Logger log = LoggerFactory.getLogger(IndexingListener.class);

    private final SearchIndexing indexing;
    private final SearchRepository repository;
    private final SearchIndex index;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    IndexingListener(
            SearchIndexing indexing,
            SearchRepository repository,
            SearchIndex index,
            org.springframework.transaction.support.TransactionTemplate transactions) {
        this.indexing = indexing;
        this.repository = repository;
        this.index = index;
        this.transactions = transactions;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DocumentVersionStored stored) {
        asFirm(stored.firm(), () -> indexing.index(stored.document(), stored.version()));
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DocumentClassificationChanged changed) {
        asFirm(changed.firm(), () -> {
            // The label shows at once from PostgreSQL; the index's copy (for its filter and facets)
            // follows by indexing the version again.
            transactions.executeWithoutResult(
                    s -> repository.relabel(changed.document().value()));
            indexing.index(changed.document(), changed.version());
        });
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DocumentDeleted deleted) {
        asFirm(deleted.firm(), () -> indexing.forget(deleted.document()));
    }

    /**
     * Crypto-shredding: the firm's index directory goes once its keys are gone. Synchronous, after the
     * commit, in the process that destroyed the keys (the command line's, usually), and through the
     * registry all the same, so a crash between the commit and the deletion is repaired at the next
     * start. The chunk rows stay, unreadable without the keys.
     */
    @TransactionalEventListener
    void on(KeyEvent.Destroyed destroyed) {
        index.dropFirm(destroyed.firm().value());
        log.info("Search index of firm {} deleted after its keys were destroyed", destroyed.firm());
    }

    private static void asFirm(TenantId firm, Runnable work) {
        try {
            TenantContext.runAs(firm, null, work);
        } catch (KeysDestroyedException e) {
            // Nothing of a shredded firm can be indexed again; the event is done with.
            log.info("Firm {}'s keys were destroyed; a document event of it is dropped", firm);
        }
    }
}
