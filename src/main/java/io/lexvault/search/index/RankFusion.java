package io.lexvault.search.index;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.search.ScoreDoc;

/** Fuses the BM25 and the vector candidate lists into one score per document. */
final class RankFusion {

    private RankFusion() {}

    /** Lucene doc id → fused score, for every document in either list. */
    static Map<Integer, Float> fuse(LuceneSearchIndex.Ranking ranking, ScoreDoc[] lexical, ScoreDoc[] vector) {
        Map<Integer, Float> fused = new HashMap<>();
        switch (ranking.fusion()) {
            case RRF -> {
                for (int i = 0; i < lexical.length; i++) {
                    fused.merge(lexical[i].doc, 1f / (ranking.rrfK() + i + 1), Float::sum);
                }
                for (int i = 0; i < vector.length; i++) {
                    fused.merge(vector[i].doc, 1f / (ranking.rrfK() + i + 1), Float::sum);
                }
            }
            case WEIGHTED -> {
                addNormalised(fused, lexical, ranking.lexicalWeight());
                addNormalised(fused, vector, 1 - ranking.lexicalWeight());
            }
        }
        return fused;
    }

    /**
     * Adds weight × (value − min) / (max − min) of a signal known for every fused candidate (absent
     * counts as 0); a signal equal for all candidates tells nothing and adds nothing.
     */
    static void addNormalised(Map<Integer, Float> fused, Map<Integer, Float> signal, float weight) {
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (Integer doc : fused.keySet()) {
            float value = signal.getOrDefault(doc, 0f);
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        float range = max - min;
        if (range <= 0) {
            return;
        }
        for (Map.Entry<Integer, Float> entry : fused.entrySet()) {
            entry.setValue(entry.getValue() + weight * (signal.getOrDefault(entry.getKey(), 0f) - min) / range);
        }
    }

    /** Adds weight × (score − min) / (max − min); a list of one (or of equal scores) counts fully. */
    private static void addNormalised(Map<Integer, Float> fused, ScoreDoc[] docs, float weight) {
        if (docs.length == 0) {
            return;
        }
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (ScoreDoc doc : docs) {
            min = Math.min(min, doc.score);
            max = Math.max(max, doc.score);
        }
        float range = max - min;
        for (ScoreDoc doc : docs) {
            float normalised = range > 0 ? (doc.score - min) / range : 1f;
            fused.merge(doc.doc, weight * normalised, Float::sum);
        }
    }
}
