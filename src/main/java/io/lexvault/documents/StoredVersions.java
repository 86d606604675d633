package io.lexvault.documents;

import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.storage.BlobKey;
import io.lexvault.tenancy.NoTenantBoundException;
import io.lexvault.tenancy.TenantContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stored versions for jobs that process every document of a firm (search indexing): their metadata and
 * their decrypted content. A job acts for the firm bound to the thread and as nobody, so the matter wall
 * hides every document row from it; this is its narrow path (two definer functions, V1_065, bound firm
 * only, docs/security.md "Named paths"). Nothing read here is for a person to see: whoever shows
 * anything derived from it must read it again as that person (search re-reads every hit).
 */
@Component
public class StoredVersions {

    /** A version as an indexer needs it. */
    public record Indexable(
            DocumentId document,
            int version,
            MatterId matter,
            ClientId client,
            String title,
            Classification classification,
            String mediaType,
            String fileName,
            String blobKey,
            Instant storedAt,
            int currentVersion) {}

    /** A document and its current version number. */
    public record Current(DocumentId document, int version) {}

    private static final int PIPE = 256 * 1024;

    private final DocumentRepository repository;
    private final DocumentContent content;
    private final TransactionTemplate transactions;

    StoredVersions(DocumentRepository repository, DocumentContent content, TransactionTemplate transactions) {
        this.repository = repository;
        this.content = content;
        this.transactions = transactions;
    }

    /** The bound firm's version, if it (still) exists. */
    public Optional<Indexable> find(DocumentId document, int version) {
        TenantContext.requireTenant();
        var found = transactions.execute(s -> repository.versionForIndexing(document, version));
        return found == null ? Optional.empty() : found;
    }

    /** The current version of each of the bound firm's documents, oldest document first. */
    public List<Current> currentVersions() {
        TenantContext.requireTenant();
        return transactions.execute(s -> repository.currentVersionsOfBoundFirm());
    }

    /**
     * The version's plaintext as a stream, decrypted on a thread of its own as it is read (never on
     * disk, never whole in memory). A ciphertext that does not authenticate makes a read throw.
     * Closing the stream stops the decryption.
     */
    public InputStream open(Indexable version) {
        var binding = TenantContext.current().orElseThrow(NoTenantBoundException::new);
        var pipe = new BlobPipe(PIPE);
        Thread.ofVirtual().name("version-read").start(() -> {
            // The firm's keyset is found through the binding, which is per thread.
            try (var scope = TenantContext.open(binding.tenant(), binding.actingUser())) {
                content.read(BlobKey.of(version.blobKey()), version.document().value(), version.version(), pipe.sink());
                pipe.finish();
            } catch (IOException | RuntimeException | Error e) {
                pipe.fail(e);
            }
        });
        return pipe.source();
    }
}
