package io.lexvault.search;

import io.lexvault.crypto.KeysDestroyedException;
import io.lexvault.documents.DocumentId;
import io.lexvault.documents.StoredVersions;
import io.lexvault.search.chunking.Chunker;
import io.lexvault.search.chunking.TextChunk;
import io.lexvault.search.extraction.Extraction;
import io.lexvault.search.extraction.TextExtractor;
import io.lexvault.search.index.IndexedVersion;
import io.lexvault.search.index.SearchIndex;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a stored version searchable: its text extracted from the decrypted content, cut into chunks,
 * the chunks stored encrypted in PostgreSQL under the version's matter and client, then handed to the
 * firm's index; its status recorded at each step. Runs for the firm bound to the thread and as nobody
 * (a job): it reads the version through the documents module's narrow path and writes through the
 * definer functions of V1_067, and never shows anything to anyone.
 *
 * <p>Order matters for the walls: the status becomes {@code indexed} only after the index has the
 * chunks, and a search shows only chunks of indexed versions, re-read from PostgreSQL as the reader.
 *
 * <p>Only a document's current version is searchable: indexing a version forgets the older ones.
 */
@Service
public class SearchIndexing {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexing.class);

    /** What indexing one version came to. */
    public enum Outcome {
        INDEXED,
        NO_TEXT,
        FAILED,
        /** The version is gone (document deleted) or a newer one exists: nothing to do. */
        SKIPPED
    }

    private final StoredVersions versions;
    private final TextExtractor extractor;
    private final Chunker chunker;
    private final SearchIndex index;
    private final SearchRepository repository;
    private final ChunkTexts texts;
    private final IndexingProgress progress;
    private final TransactionTemplate transactions;
    private final List<IndexedTextInspector> inspectors;
    // Extraction and embedding are CPU-bound: at most one version per core at a time, whatever the
    // number of events waiting (each listener runs on a virtual thread of its own).
    private final Semaphore running =
            new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private final ReentrantLock[] documentLocks = new ReentrantLock[64];

    SearchIndexing(
            StoredVersions versions,
            TextExtractor extractor,
            Chunker chunker,
            SearchIndex index,
            SearchRepository repository,
            ChunkTexts texts,
            IndexingProgress progress,
            TransactionTemplate transactions,
            List<IndexedTextInspector> inspectors) {
        this.versions = versions;
        this.extractor = extractor;
        this.chunker = chunker;
        this.index = index;
        this.repository = repository;
        this.texts = texts;
        this.progress = progress;
        this.transactions = transactions;
        this.inspectors = List.copyOf(inspectors);
        for (int i = 0; i < documentLocks.length; i++) {
            documentLocks[i] = new ReentrantLock();
        }
    }

    /** Indexes version {@code version} of the bound firm's document (replacing what was indexed of it). */
    public Outcome index(DocumentId document, int version) {
        // One indexing of a document at a time on this node (two events for it, a reindex meanwhile):
        // each replaces the version's chunks, and two at once would trip over each other's rows.
        var lock = documentLocks[Math.floorMod(document.value().hashCode(), documentLocks.length)];
        lock.lock();
        try {
            running.acquireUninterruptibly();
            try {
                return indexNow(document, version);
            } finally {
                running.release();
            }
        } finally {
            lock.unlock();
        }
    }

    private Outcome indexNow(DocumentId document, int version) {
        TenantId firm = TenantContext.requireTenant();
        var found = versions.find(document, version);
        if (found.isEmpty() || found.get().currentVersion() != version) {
            return Outcome.SKIPPED; // deleted since, or superseded: the newer version's event indexes it
        }
        var stored = found.get();
        UUID id = document.value();
        if (!Boolean.TRUE.equals(transactions.execute(s -> repository.prepare(id, version)))) {
            return Outcome.SKIPPED;
        }
        progress.extracting(firm.value(), id, version);
        try {
            return indexPrepared(firm, stored);
        } finally {
            progress.finished(firm.value(), id, version);
        }
    }

    private Outcome indexPrepared(TenantId firm, StoredVersions.Indexable stored) {
        UUID id = stored.document().value();
        int version = stored.version();
        Extraction extraction;
        try (InputStream content = versions.open(stored)) {
            extraction = extractor.extract(content, stored.fileName(), stored.mediaType());
        } catch (KeysDestroyedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The stored content itself broke (it did not decrypt, the blob is missing): this version
            // cannot be indexed, and nothing else is affected.
            log.warn(
                    "Version {} of document {} could not be read for indexing: {}",
                    version,
                    id,
                    e.getClass().getSimpleName());
            extraction = new Extraction.Failed("could not read the stored version");
        }
        Outcome outcome = switch (extraction) {
            case Extraction.Failed failed -> {
                index.deleteVersion(firm.value(), id, version);
                record(id, version, "failed", null, failed.reason(), null);
                yield Outcome.FAILED;
            }
            case Extraction.NoTextLayer none -> {
                index.deleteVersion(firm.value(), id, version);
                record(id, version, "no_text", 0, none.reason(), null);
                yield Outcome.NO_TEXT;
            }
            case Extraction.Extracted extracted -> {
                var chunks = chunker.chunk(extracted);
                progress.embedding(firm.value(), id, version, 0, chunks.size());
                var indexed = store(firm, stored, chunks);
                index.indexVersion(
                        firm.value(),
                        new IndexedVersion(
                                id,
                                version,
                                stored.matter().value(),
                                stored.client().value(),
                                stored.title(),
                                stored.mediaType(),
                                stored.classification().name(),
                                stored.storedAt(),
                                // Party names are not indexed: party: is answered at query time
                                // from the matters module, as the searcher (DocumentSearch).
                                List.of(),
                                indexed),
                        (done, total) -> progress.embedding(firm.value(), id, version, done, total));
                record(id, version, "indexed", chunks.size(), null, extracted.language());
                inspect(stored, indexed);
                yield Outcome.INDEXED;
            }
        };
        forgetOlderVersions(firm, id, version);
        log.debug("Indexed version {} of document {}: {}", version, id, outcome);
        return outcome;
    }

    /** Each chunk stored encrypted, in one transaction, each with a row id the index refers to. */
    private List<IndexedVersion.IndexedChunk> store(
            TenantId firm, StoredVersions.Indexable stored, List<TextChunk> chunks) {
        UUID document = stored.document().value();
        return transactions.execute(s -> {
            var indexed = new ArrayList<IndexedVersion.IndexedChunk>(chunks.size());
            for (TextChunk chunk : chunks) {
                UUID chunkId = UUID.randomUUID();
                repository.insertChunk(
                        firm,
                        chunkId,
                        document,
                        stored.version(),
                        stored.matter().value(),
                        stored.client().value(),
                        chunk,
                        texts.seal(chunk.text(), document, stored.version(), chunk.number()));
                indexed.add(new IndexedVersion.IndexedChunk(chunkId, chunk));
            }
            return indexed;
        });
    }

    /** Hands the indexed text to the inspectors (the assistant's injection scan); never fails indexing. */
    private void inspect(StoredVersions.Indexable stored, List<IndexedVersion.IndexedChunk> indexed) {
        if (inspectors.isEmpty()) {
            return;
        }
        var text = new IndexedTextInspector.IndexedText(
                stored.document(),
                stored.version(),
                stored.matter(),
                stored.client(),
                stored.title(),
                indexed.stream()
                        .map(c -> new IndexedTextInspector.Chunk(
                                c.chunkId(),
                                c.chunk().number(),
                                c.chunk().headingPath(),
                                c.chunk().text()))
                        .toList());
        for (IndexedTextInspector inspector : inspectors) {
            try {
                inspector.inspect(text);
            } catch (KeysDestroyedException e) {
                throw e;
            } catch (RuntimeException e) {
                log.warn(
                        "Inspecting version {} of document {} failed: {}",
                        stored.version(),
                        stored.document().value(),
                        e.getClass().getSimpleName());
            }
        }
    }

    private void record(UUID document, int version, String state, Integer chunks, String reason, String language) {
        String shortened = reason == null || reason.length() <= 300 ? reason : reason.substring(0, 299) + "…";
        transactions.executeWithoutResult(
                s -> repository.recordOutcome(document, version, state, chunks, shortened, language));
    }

    private void forgetOlderVersions(TenantId firm, UUID document, int version) {
        for (int older = 1; older < version; older++) {
            index.deleteVersion(firm.value(), document, older);
        }
        transactions.executeWithoutResult(s -> repository.forgetVersionsBelow(document, version));
    }

    /** Whether the bound firm's index holds no chunk at all. */
    public boolean indexIsEmpty() {
        return index.chunkCount(TenantContext.requireTenant().value()) == 0;
    }

    /** A document was deleted: its chunks leave the index (its rows went with the document). */
    public void forget(DocumentId document) {
        index.deleteDocument(TenantContext.requireTenant().value(), document.value());
    }

    /**
     * Rebuilds the bound firm's index from PostgreSQL and the blobs: the index dropped, then every
     * document's current version extracted, chunked, stored and indexed again.
     *
     * @return how many versions ended indexed, without text, or failed
     */
    public Rebuild reindex() {
        TenantId firm = TenantContext.requireTenant();
        index.dropFirm(firm.value());
        int indexed = 0;
        int noText = 0;
        int failed = 0;
        for (var current : versions.currentVersions()) {
            switch (index(current.document(), current.version())) {
                case INDEXED -> indexed++;
                case NO_TEXT -> noText++;
                case FAILED -> failed++;
                case SKIPPED -> {}
            }
        }
        return new Rebuild(indexed, noText, failed);
    }

    /** What a rebuild did. */
    public record Rebuild(int indexed, int noText, int failed) {}
}
