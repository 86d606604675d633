package io.lexvault.assistant.guard;

import io.lexvault.crypto.KeyedHashes;
import io.lexvault.search.IndexedTextInspector;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingestion scan: every chunk of a version the search module has just indexed goes through the
 * {@link InjectionDetector}, text and header (title and heading path) apart, and the verdicts are
 * recorded (classes, chunk, scores, detector, a keyed hash of the header; never text):
 * the flagged ones give the documents page's mark, and every one spares a later question the model call
 * for that passage, even after a restart ({@link PassageInspector}). It runs on the indexing thread
 * (the text is in memory there and nowhere else readable by a job).
 *
 * <p>The mark is a warning for people. The defence itself is at question time: every retrieved
 * passage is withheld from the model when its verdict, by the same detector, is flagged.
 */
@Component
class InjectionScan implements IndexedTextInspector {

    private static final Logger log = LoggerFactory.getLogger(InjectionScan.class);

    private final InjectionDetector detector;
    private final ChunkVerdicts stored;
    private final KeyedHashes hashes;
    private final TransactionTemplate transactions;

    InjectionScan(
            InjectionDetector detector, ChunkVerdicts stored, KeyedHashes hashes, TransactionTemplate transactions) {
        this.detector = detector;
        this.stored = stored;
        this.hashes = hashes;
        this.transactions = transactions;
    }

    @Override
    public void inspect(IndexedText text) {
        TenantId firm = TenantContext.requireTenant();
        // The header each chunk will have in a prompt (title and heading path; few distinct ones per version).
        var headers = new ArrayList<String>(text.chunks().size());
        var distinct = new LinkedHashMap<String, Integer>();
        for (Chunk chunk : text.chunks()) {
            String header = InjectionGuard.header(text.title(), chunk.headingPath());
            headers.add(header);
            distinct.putIfAbsent(header, distinct.size());
        }
        // one batch: the texts and headers not seen before are embedded in one model call
        var inspected = new ArrayList<String>(text.chunks().size() + distinct.size());
        text.chunks().forEach(chunk -> inspected.add(chunk.text()));
        inspected.addAll(distinct.keySet());
        var verdicts = detector.inspectAll(inspected);
        var macs = new HashMap<String, byte[]>();
        distinct.keySet().forEach(header -> macs.put(header, hashes.hash(header, InjectionGuard.HEADER_HASH)));
        var rows = new ArrayList<ChunkVerdicts.Stored>(text.chunks().size());
        int flagged = 0;
        for (int i = 0; i < text.chunks().size(); i++) {
            Chunk chunk = text.chunks().get(i);
            InjectionVerdict ofText = verdicts.get(i);
            InjectionVerdict ofHeader = verdicts.get(text.chunks().size() + distinct.get(headers.get(i)));
            rows.add(new ChunkVerdicts.Stored(
                    chunk.id(),
                    chunk.number(),
                    ofText.classes(),
                    ofText.score(),
                    ofHeader.classes(),
                    ofHeader.score(),
                    macs.get(headers.get(i))));
            flagged += ofText.flagged() || ofHeader.flagged() ? 1 : 0;
        }
        if (rows.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(s -> stored.insertAll(
                firm,
                text.document().value(),
                text.version(),
                text.matter().value(),
                text.client().value(),
                rows,
                detector.name()));
        if (flagged > 0) {
            // ids and counts only: the chunks' text never reaches a log
            log.info(
                    "Version {} of document {}: {} of {} passages flagged as possible prompt injection",
                    text.version(),
                    text.document().value(),
                    flagged,
                    text.chunks().size());
        }
    }
}
