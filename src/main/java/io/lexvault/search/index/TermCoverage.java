package io.lexvault.search.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;

/**
 * Query-term coverage of candidate chunks: the share of the query's distinct words (as a language
 * field analyses them) that a chunk contains, whatever their frequency. BM25 lets one rare word
 * outweigh the rest of a short query ("England" in "England governing law" finds every clause that
 * mentions England); coverage prefers the chunks that have all of what was asked. Computed for the
 * fused candidates only (a few hundred), from the postings, so it costs one postings walk per word.
 */
final class TermCoverage {

    private TermCoverage() {}

    /**
     * Lucene doc id → coverage in [0, 1] for each of {@code docs}: the best share over the fields (a
     * chunk is in one language field only).
     */
    static Map<Integer, Float> of(IndexReader reader, Map<String, List<String>> terms, Collection<Integer> docs)
            throws IOException {
        Map<Integer, Float> coverage = new HashMap<>();
        if (terms.isEmpty() || docs.isEmpty()) {
            return coverage;
        }
        List<LeafReaderContext> leaves = reader.leaves();
        // Candidates per leaf, in doc id order, as a postings walk needs them.
        List<List<Integer>> perLeaf = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            perLeaf.add(new ArrayList<>());
        }
        for (int doc : docs) {
            perLeaf.get(ReaderUtil.subIndex(doc, leaves)).add(doc);
        }
        for (int l = 0; l < leaves.size(); l++) {
            List<Integer> local = perLeaf.get(l);
            if (local.isEmpty()) {
                continue;
            }
            local.sort(null);
            LeafReaderContext leaf = leaves.get(l);
            for (Map.Entry<String, List<String>> field : terms.entrySet()) {
                int[] matched = new int[local.size()];
                for (String term : field.getValue()) {
                    PostingsEnum postings = leaf.reader().postings(new Term(field.getKey(), term), PostingsEnum.NONE);
                    if (postings == null) {
                        continue;
                    }
                    for (int i = 0; i < local.size(); i++) {
                        int target = local.get(i) - leaf.docBase;
                        int at = postings.docID() >= target ? postings.docID() : postings.advance(target);
                        if (at == DocIdSetIterator.NO_MORE_DOCS) {
                            break;
                        }
                        if (at == target) {
                            matched[i]++;
                        }
                    }
                }
                for (int i = 0; i < local.size(); i++) {
                    float share = (float) matched[i] / field.getValue().size();
                    coverage.merge(local.get(i), share, Math::max);
                }
            }
        }
        return coverage;
    }
}
