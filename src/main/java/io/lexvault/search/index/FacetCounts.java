package io.lexvault.search.index;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the matching chunks and their facet values (from doc values) over exactly the documents the
 * query and the visibility filter match, so totals and facets can never count what the reader may not
 * see.
 */
final class FacetCounts implements CollectorManager<FacetCounts.Counter, FacetCounts.Result> {

    /** Facet name in the results → the keyword field it is counted on. */
    private final Map<String, String> facets;

    FacetCounts(Map<String, String> facets) {
        this.facets = Map.copyOf(facets);
    }

    record Result(long total, Map<String, Map<String, Long>> facets) {}

    @Override
    public Counter newCollector() {
        return new Counter();
    }

    @Override
    public Result reduce(Collection<Counter> counters) {
        long total = 0;
        Map<String, Map<String, Long>> merged = new HashMap<>();
        facets.keySet().forEach(name -> merged.put(name, new HashMap<>()));
        for (Counter counter : counters) {
            total += counter.total;
            counter.counts.forEach((name, values) ->
                    values.forEach((value, count) -> merged.get(name).merge(value, count, Long::sum)));
        }
        Map<String, Map<String, Long>> result = new HashMap<>();
        merged.forEach((name, values) -> result.put(name, Map.copyOf(values)));
        return new Result(total, result);
    }

    final class Counter implements Collector {

        private long total;
        private final Map<String, Map<String, Long>> counts = new HashMap<>();

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            List<Map.Entry<String, String>> entries = List.copyOf(facets.entrySet());
            SortedSetDocValues[] values = new SortedSetDocValues[entries.size()];
            long[][] ordCounts = new long[entries.size()][];
            for (int i = 0; i < values.length; i++) {
                values[i] =
                        DocValues.getSortedSet(context.reader(), entries.get(i).getValue());
                ordCounts[i] = new long[(int) Math.min(Integer.MAX_VALUE - 8, values[i].getValueCount())];
            }
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {}

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    for (int i = 0; i < values.length; i++) {
                        if (values[i].advanceExact(doc)) {
                            for (int k = 0; k < values[i].docValueCount(); k++) {
                                ordCounts[i][(int) values[i].nextOrd()]++;
                            }
                        }
                    }
                }

                @Override
                public void finish() throws IOException {
                    for (int i = 0; i < values.length; i++) {
                        Map<String, Long> facet =
                                counts.computeIfAbsent(entries.get(i).getKey(), k -> new HashMap<>());
                        for (int ord = 0; ord < ordCounts[i].length; ord++) {
                            if (ordCounts[i][ord] > 0) {
                                facet.merge(values[i].lookupOrd(ord).utf8ToString(), ordCounts[i][ord], Long::sum);
                            }
                        }
                    }
                }
            };
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
