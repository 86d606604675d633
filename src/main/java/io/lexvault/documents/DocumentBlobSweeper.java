package io.lexvault.documents;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLedger;
import io.lexvault.audit.AuditRecord;
import io.lexvault.storage.BlobKey;
import io.lexvault.storage.BlobStore;
import io.lexvault.storage.NoSuchBlobException;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes document blobs that no version row names: left by an upload whose rows never committed (a
 * crash between the blob and the rows), or by a deletion whose blob delete failed. A blob is removed
 * only once older than {@code lexvault.documents.orphan-grace}, so an upload still on its way to the
 * database keeps its blob. Runs on a schedule ({@link DocumentSweepSchedule}) and on demand; each
 * firm's removals are counted in the log and in that firm's audit log ({@code document.orphans_swept}).
 *
 * <p>Blob keys are {@code documents/<firm>/<document>/<version>-<upload>}; keys of any other shape are
 * not the documents module's and are left alone, and so are the blobs of a firm that does not exist in
 * this database (a store shared by mistake must not be emptied).
 */
@Component
public class DocumentBlobSweeper {

    private static final Logger log = LoggerFactory.getLogger(DocumentBlobSweeper.class);

    static final String PREFIX = "documents/";
    private static final int BATCH = 500;

    /** One sweep: blobs removed, and orphans spared because they are younger than the grace period. */
    public record Sweep(int removed, int spared) {
        Sweep plus(Sweep other) {
            return new Sweep(removed + other.removed, spared + other.spared);
        }
    }

    private final BlobStore blobs;
    private final DocumentRepository repository;
    private final Tenants tenants;
    private final AuditLedger ledger;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration grace;

    DocumentBlobSweeper(
            BlobStore blobs,
            DocumentRepository repository,
            Tenants tenants,
            AuditLedger ledger,
            TransactionTemplate transactions,
            Clock clock,
            DocumentsProperties properties) {
        this.blobs = blobs;
        this.repository = repository;
        this.tenants = tenants;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
        this.grace = properties.orphanGrace();
    }

    /** Sweeps every firm's document blobs. */
    public Sweep sweepEveryFirm() {
        return sweep(PREFIX);
    }

    /** Sweeps one firm's document blobs (on demand, for the bound firm of an administrator). */
    public Sweep sweepFirm(TenantId firm) {
        return sweep(PREFIX + firm.value() + "/");
    }

    private Sweep sweep(String prefix) {
        Instant cutoff = clock.instant().minus(grace);
        var byFirm = new LinkedHashMap<UUID, Sweep>();
        var batch = new ArrayList<Owned>();
        try (var keys = blobs.list(prefix)) {
            var iterator = keys.iterator();
            while (iterator.hasNext()) {
                var owned = Owned.of(iterator.next());
                if (owned == null) {
                    continue;
                }
                batch.add(owned);
                if (batch.size() == BATCH) {
                    sweepBatch(batch, cutoff, byFirm);
                    batch.clear();
                }
            }
        }
        sweepBatch(batch, cutoff, byFirm);
        var total = new Sweep(0, 0);
        for (var entry : byFirm.entrySet()) {
            total = total.plus(entry.getValue());
            if (entry.getValue().removed() > 0) {
                recordSweep(new TenantId(entry.getKey()), entry.getValue());
            }
        }
        if (total.removed() > 0 || total.spared() > 0) {
            log.info(
                    "Document blob sweep: removed {} orphaned blobs in {} firms, spared {} younger than {}",
                    total.removed(),
                    byFirm.values().stream().filter(s -> s.removed() > 0).count(),
                    total.spared(),
                    grace);
        }
        return total;
    }

    private void sweepBatch(List<Owned> batch, Instant cutoff, Map<UUID, Sweep> byFirm) {
        var firms = new LinkedHashMap<UUID, List<Owned>>();
        batch.forEach(owned ->
                firms.computeIfAbsent(owned.firm(), f -> new ArrayList<>()).add(owned));
        firms.forEach((firm, owned) -> {
            try {
                var result = TenantContext.callAs(new TenantId(firm), null, () -> sweepFirmBatch(owned, cutoff));
                byFirm.merge(firm, result, Sweep::plus);
            } catch (RuntimeException e) {
                log.warn("Document blob sweep skipped {} blobs of firm {}: {}", owned.size(), firm, e.toString());
            }
        });
    }

    private Sweep sweepFirmBatch(List<Owned> owned, Instant cutoff) {
        if (!firmExists()) {
            log.warn("Document blob sweep: {} blobs name a firm this database does not have; left alone", owned.size());
            return new Sweep(0, 0);
        }
        var documents = owned.stream().map(Owned::document).distinct().toList();
        var known = new HashSet<>(transactions.execute(status -> repository.storedBlobKeys(documents)));
        int removed = 0;
        int spared = 0;
        for (var blob : owned) {
            if (known.contains(blob.key().value())) {
                continue;
            }
            try {
                if (blobs.lastModified(blob.key()).isAfter(cutoff)) {
                    spared++;
                    continue;
                }
                blobs.delete(blob.key());
                removed++;
            } catch (NoSuchBlobException e) {
                // Deleted meanwhile (by its document's deletion): nothing to do.
            }
        }
        return new Sweep(removed, spared);
    }

    private boolean firmExists() {
        try {
            tenants.current();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private void recordSweep(TenantId firm, Sweep sweep) {
        TenantContext.runAs(
                firm,
                null,
                () -> transactions.executeWithoutResult(status -> ledger.append(AuditRecord.bySystem(
                        AuditAction.DOCUMENT_ORPHANS_SWEPT,
                        clock.instant(),
                        Map.of("removed", String.valueOf(sweep.removed()))))));
    }

    /** A blob key of the documents module: its firm and document. */
    private record Owned(BlobKey key, UUID firm, UUID document) {

        static @org.jspecify.annotations.Nullable Owned of(BlobKey key) {
            String[] segments = key.value().split("/");
            if (segments.length != 4 || !segments[0].equals("documents")) {
                return null;
            }
            try {
                return new Owned(key, UUID.fromString(segments[1]), UUID.fromString(segments[2]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
