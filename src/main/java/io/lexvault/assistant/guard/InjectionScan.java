package io.lexvault.assistant.guard;

import io.lexvault.search.IndexedTextInspector;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingestion scan: every chunk of a version the search module has just indexed goes through the
 * {@link InjectionDetector}, and the flagged ones are recorded (class, chunk, score; never text) for
 * the documents page's mark. It runs on the indexing thread (the text is in memory there and nowhere
 * else readable by a job); its scores stay in the classifier's memory, so the same passages retrieved
 * for a question later are not embedded again.
 *
 * <p>The mark is a warning for people. The defence itself is at question time: every retrieved
 * passage is inspected again and a flagged one is withheld from the model, whatever this scan found.
 */
@Component
class InjectionScan implements IndexedTextInspector {

    private static final Logger log = LoggerFactory.getLogger(InjectionScan.class);

    private final InjectionDetector detector;
    private final InjectionFlags flags;
    private final TransactionTemplate transactions;
    private final String detectorName;

    InjectionScan(
            InjectionDetector detector,
            InjectionFlags flags,
            TransactionTemplate transactions,
            InjectionClassifier classifier) {
        this.detector = detector;
        this.flags = flags;
        this.transactions = transactions;
        this.detectorName = "injection-classifier-" + classifier.weights().version();
    }

    @Override
    public void inspect(IndexedText text) {
        TenantId firm = TenantContext.requireTenant();
        var found = new ArrayList<InjectionFlags.Flag>();
        // one batch: the chunks not seen before are embedded in one model call
        var verdicts =
                detector.inspectAll(text.chunks().stream().map(Chunk::text).toList());
        for (int i = 0; i < verdicts.size(); i++) {
            Chunk chunk = text.chunks().get(i);
            InjectionVerdict verdict = verdicts.get(i);
            if (verdict.flagged()) {
                found.add(new InjectionFlags.Flag(chunk.id(), chunk.number(), verdict.classes(), verdict.score()));
            }
        }
        if (found.isEmpty()) {
            return;
        }
        transactions.executeWithoutResult(s -> found.forEach(flag -> flags.insert(
                firm,
                text.document().value(),
                text.version(),
                text.matter().value(),
                text.client().value(),
                flag,
                detectorName)));
        // ids and counts only: the chunks' text never reaches a log
        log.info(
                "Version {} of document {}: {} of {} passages flagged as possible prompt injection",
                text.version(),
                text.document().value(),
                found.size(),
                text.chunks().size());
    }
}
