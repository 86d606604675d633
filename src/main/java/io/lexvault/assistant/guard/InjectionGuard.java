package io.lexvault.assistant.guard;

import io.lexvault.assistant.answers.PromptTemplate;
import io.lexvault.crypto.KeyedHashes;
import io.lexvault.search.MatterPassage;
import io.lexvault.tenancy.TenantContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The assistant's injection check at question time: the question, then every retrieved passage, each
 * passage being its text and its header (title and heading: a title can carry an injection too).
 *
 * <p>A passage's text and header were inspected when it was indexed ({@link InjectionScan}) and those
 * verdicts are read back by chunk id, as the asker (walled like the chunk), when the same detector gave
 * them: no model call for them, after a restart too. The header's counts only if the passage's header
 * today has the keyed hash of the one inspected (a renamed document's title is inspected again). What
 * has no usable verdict (indexed before verdicts were stored, or by other weights or rules) is inspected
 * now, in one batch.
 */
@Component
public class InjectionGuard {

    /** The keyed-hash context of a passage header's fingerprint ({@link KeyedHashes}). */
    static final String HEADER_HASH = "assistant.passage-header";

    private final InjectionDetector detector;
    private final ChunkVerdicts stored;
    private final KeyedHashes hashes;
    private final TransactionTemplate transactions;

    InjectionGuard(
            InjectionDetector detector, ChunkVerdicts stored, KeyedHashes hashes, TransactionTemplate transactions) {
        this.detector = detector;
        this.stored = stored;
        this.hashes = hashes;
        this.transactions = transactions;
    }

    public InjectionVerdict inspectQuestion(String question) {
        return detector.inspect(question);
    }

    /** One verdict per passage, in order: flagged when its text or its header is. */
    public List<InjectionVerdict> inspectPassages(List<MatterPassage> passages) {
        if (passages.isEmpty()) {
            return List.of();
        }
        var tenant = TenantContext.requireTenant();
        var ids = passages.stream().map(MatterPassage::chunkId).toList();
        var headers = passages.stream()
                .map(p -> header(p.documentTitle(), p.headingPath()))
                .toList();
        // What indexing found, as the asker: a text's verdict by the same detector, and its header's when
        // the passage's header today is the one that was inspected (a renamed document's is not).
        var ofText = new HashMap<UUID, InjectionVerdict>();
        var ofHeader = new HashMap<UUID, InjectionVerdict>();
        transactions.executeWithoutResult(s -> {
            Map<UUID, ChunkVerdicts.Stored> known = stored.ofChunks(tenant, ids, detector.name());
            for (int i = 0; i < passages.size(); i++) {
                ChunkVerdicts.Stored row = known.get(ids.get(i));
                if (row == null) {
                    continue;
                }
                ofText.put(row.chunk(), row.text());
                if (row.headerMac() != null && hashes.matches(row.headerMac(), headers.get(i), HEADER_HASH)) {
                    ofHeader.put(row.chunk(), row.header());
                }
            }
        });
        // The rest in one batch.
        var texts = new ArrayList<String>();
        for (int i = 0; i < passages.size(); i++) {
            if (!ofText.containsKey(ids.get(i))) {
                texts.add(passages.get(i).text());
            }
            if (!ofHeader.containsKey(ids.get(i))) {
                texts.add(headers.get(i));
            }
        }
        List<InjectionVerdict> inspected = texts.isEmpty() ? List.of() : detector.inspectAll(texts);
        var verdicts = new ArrayList<InjectionVerdict>(passages.size());
        int next = 0;
        for (UUID id : ids) {
            InjectionVerdict text = ofText.containsKey(id) ? ofText.get(id) : inspected.get(next++);
            InjectionVerdict header = ofHeader.containsKey(id) ? ofHeader.get(id) : inspected.get(next++);
            verdicts.add(worse(text, header));
        }
        return verdicts;
    }

    /** The header a passage goes to the model under, without its page (the page number carries nothing). */
    static String header(String title, String headingPath) {
        return PromptTemplate.passageHeader(title, null, headingPath);
    }

    /** The passage's verdict from its text's and its header's: flagged if either is, with both's classes. */
    private static InjectionVerdict worse(InjectionVerdict text, InjectionVerdict header) {
        if (!header.flagged()) {
            return text;
        }
        if (!text.flagged()) {
            return header;
        }
        var classes = EnumSet.copyOf(text.classes());
        classes.addAll(header.classes());
        return new InjectionVerdict(
                true, classes, Math.max(text.score(), header.score()), RulesAndClassifierDetector.reason(classes));
    }
}
