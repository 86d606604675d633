package io.lexvault.search.index;

import io.lexvault.search.index.IndexResults.Hit;
import io.lexvault.search.index.IndexedVersion.IndexedChunk;
import io.lexvault.search.index.QuerySyntax.Clause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The firm indexes, in Apache Lucene, embedded: one index per firm under {@code <index path>/<firm-id>/},
 * opened on first use, searched near-real-time, closed at shutdown. One Lucene document per chunk. The
 * chunk's text is analysed but not stored: a hit carries ids only, the caller re-reads the chunk from
 * PostgreSQL as the reader (that re-read, not this index, is the wall), and highlights the text it read.
 */
@Component
public class LuceneSearchIndex implements SearchIndex, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);

    /** Largest page the index hands out (offset + limit): deeper paging is refused by returning less. */
    static final int MAX_WINDOW = 10_000;

    static final int SNIPPET_LENGTH = 240;

    // Field names. Keyword fields are indexed (for filters and deletes) and have doc values (for hits
    // and facets).
    static final String CHUNK = "chunk";
    static final String DOCUMENT = "doc";
    static final String DOCUMENT_VERSION = "docver";
    static final String VERSION = "version";
    static final String MATTER = "matter";
    static final String CLIENT = "client";
    static final String CONTENT_TYPE = "ctype";
    static final String CLASSIFICATION = "class";
    static final String STORED_AT = "stored";
    static final String MONTH = "month";
    static final String YEAR = "year";
    static final String LANGUAGE = "lang";

    /** Facet name in {@link IndexResults#facets()} → keyword field counted. */
    static final Map<String, String> FACETS = Map.of(
            "matter", MATTER,
            "contentType", CONTENT_TYPE,
            "classification", CLASSIFICATION,
            "month", MONTH,
            "year", YEAR);

    static final String VECTOR = "vec";

    private final Path root;
    private final LanguageAnalyzers analyzers = new LanguageAnalyzers();
    private final LexicalQueries queries;
    private final @Nullable TextEmbedder embedder;
    private final Ranking ranking;
    private boolean ownsEmbedder;
    private final Map<UUID, FirmIndex> open = new ConcurrentHashMap<>();
    private final Object opening = new Object();

    /**
     * Searches one query's index segments side by side, one thread a core: at a million chunks a
     * query's segments searched one after the other took most of its time (docs/benchmarks.md, "Search:
     * one firm at a million chunks"). Lucene runs tasks on the calling thread too while it waits, so a
     * busy pool slows a query down but cannot block it.
     */
    private final ExecutorService segmentSearches = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(),
            Thread.ofPlatform().name("search-segments-", 0).daemon().factory());

    @Autowired
    public LuceneSearchIndex(SearchProperties properties, @Value("${lexvault.data-dir:var}") String dataDirectory) {
        this(
                properties.indexPath() != null
                        ? properties.indexPath()
                        : Path.of(dataDirectory).resolve("index"),
                embedder(properties.embeddingModel()),
                Ranking.DEFAULT,
                LexicalQueries.Weights.DEFAULT);
        this.ownsEmbedder = true;
    }

    /** BM25 alone (no embedding model): for tests that do not need the model's start-up time. */
    LuceneSearchIndex(Path root) {
        this(root, null, Ranking.DEFAULT, LexicalQueries.Weights.DEFAULT);
    }

    LuceneSearchIndex(Path root, @Nullable TextEmbedder embedder, Ranking ranking, LexicalQueries.Weights weights) {
        this.root = root.toAbsolutePath();
        this.embedder = embedder;
        this.ranking = ranking;
        this.queries = new LexicalQueries(analyzers, weights);
    }

    /** Cosine similarity; -1 for a missing or zero vector. */
    static double cosine(float[] a, float @Nullable [] b) {
        if (b == null) {
            return -1;
        }
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            normA += a[i] * a[i];
            normB += b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? -1 : dot / Math.sqrt(normA * normB);
    }

    private static @Nullable TextEmbedder embedder(String model) {
        TextEmbedder.Model chosen = TextEmbedder.Model.named(model);
        return chosen == null ? null : new TextEmbedder(chosen);
    }

    /**
     * How BM25 and the vector similarity are fused: weighted sum of the min-max normalised scores of
     * each side's candidates ({@code lexicalWeight} for BM25, the rest for the vectors), or reciprocal
     * rank fusion. {@code minSimilarity} is the cosine a chunk found only by its vector must reach to be
     * a hit at all, so a query with no match does not return the nearest noise.
     */
    record Ranking(
            Fusion fusion,
            float lexicalWeight,
            int candidates,
            float minSimilarity,
            int rrfK,
            int feedbackChunks,
            float feedbackWeight,
            float coverageWeight) {

        enum Fusion {
            WEIGHTED,
            RRF
        }

        static final Ranking DEFAULT = new Ranking(Fusion.WEIGHTED, 0.85f, 100, 0.3f, 60, 0, 0f, 0f);

        Ranking(Fusion fusion, float lexicalWeight, int candidates, float minSimilarity, int rrfK) {
            this(fusion, lexicalWeight, candidates, minSimilarity, rrfK, 0, 0f, 0f);
        }

        Ranking withFeedback(int chunks, float weight) {
            return new Ranking(fusion, lexicalWeight, candidates, minSimilarity, rrfK, chunks, weight, coverageWeight);
        }

        /**
         * With query-term coverage ({@link TermCoverage}) added to the weighted fusion at {@code weight}
         * (on the scale where BM25 and the vectors together weigh 1). Off in {@link #DEFAULT}: on the
         * ACORD train split it lifts the fusion without the thesaurus and lowers it with the
         * thesaurus (docs/benchmarks.md, "Search: ACORD").
         */
        Ranking withCoverage(float weight) {
            return new Ranking(
                    fusion, lexicalWeight, candidates, minSimilarity, rrfK, feedbackChunks, feedbackWeight, weight);
        }
    }

    @Override
    public void indexVersion(UUID firmId, IndexedVersion version) {
        indexVersion(firmId, version, Progress.NONE);
    }

    /** Chunks embedded per call of the model: large enough for both cores, small enough to report progress. */
    static final int EMBEDDING_BATCH = 64;

    @Override
    public void indexVersion(UUID firmId, IndexedVersion version, Progress progress) {
        int total = version.chunks().size();
        List<float[]> vectors = null;
        if (embedder != null && total > 0) {
            vectors = new ArrayList<>(total);
            for (int from = 0; from < total; from += EMBEDDING_BATCH) {
                vectors.addAll(embedder.embedPassages(
                        version.chunks().subList(from, Math.min(total, from + EMBEDDING_BATCH)).stream()
                                .map(chunk -> chunk.chunk().text())
                                .toList()));
                progress.embedded(vectors.size(), total);
            }
        } else {
            progress.embedded(total, total);
        }
        indexVersion(firmId, version, vectors);
    }

    /** Writes a version's chunks with vectors already made (null: no vector field); the scale bench's way in. */
    void indexVersion(UUID firmId, IndexedVersion version, @Nullable List<float[]> vectors) {
        indexVersions(firmId, List.of(version), vectors == null ? null : List.of(vectors));
    }

    /**
     * Writes many versions (vectors already made, in the same order) under one commit: a commit per
     * version is what the event listener needs (an event is done once its change is on disk), but a
     * bulk load of thousands of versions would spend its time in commits and tiny segments. The scale
     * bench builds its million chunks this way, from several threads at once (the writer is thread-safe).
     */
    void indexVersions(UUID firmId, List<IndexedVersion> versions, @Nullable List<List<float[]>> vectors) {
        List<Term> keys = new ArrayList<>(versions.size());
        List<List<Document>> documents = new ArrayList<>(versions.size());
        for (int v = 0; v < versions.size(); v++) {
            IndexedVersion version = versions.get(v);
            List<Document> chunks = new ArrayList<>(version.chunks().size());
            for (int i = 0; i < version.chunks().size(); i++) {
                Document document = document(version, version.chunks().get(i));
                if (vectors != null) {
                    document.add(
                            new KnnFloatVectorField(VECTOR, vectors.get(v).get(i), VectorSimilarityFunction.COSINE));
                }
                chunks.add(document);
            }
            keys.add(new Term(DOCUMENT_VERSION, versionKey(version.documentId(), version.version())));
            documents.add(chunks);
        }
        write(firmId, writer -> {
            for (int v = 0; v < keys.size(); v++) {
                writer.updateDocuments(keys.get(v), documents.get(v));
            }
        });
    }

    @Override
    public void deleteVersion(UUID firmId, UUID documentId, int version) {
        if (exists(firmId)) {
            write(
                    firmId,
                    writer -> writer.deleteDocuments(new Term(DOCUMENT_VERSION, versionKey(documentId, version))));
        }
    }

    @Override
    public void deleteDocument(UUID firmId, UUID documentId) {
        if (exists(firmId)) {
            write(firmId, writer -> writer.deleteDocuments(new Term(DOCUMENT, documentId.toString())));
        }
    }

    @Override
    public void dropFirm(UUID firmId) {
        synchronized (opening) {
            FirmIndex index = open.remove(firmId);
            try {
                if (index != null) {
                    index.close();
                }
                deleteRecursively(directory(firmId));
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the search index of firm " + firmId, e);
            }
        }
    }

    @Override
    public IndexResults search(UUID firmId, IndexQuery query) {
        IndexResults none = new IndexResults(List.of(), 0, Map.of());
        if (query.scope().isEmpty()
                || (query.matterId() != null && !query.scope().admitsMatter(query.matterId()))
                || query.limit() <= 0
                || query.offset() < 0) {
            return none;
        }
        FirmIndex index = existing(firmId);
        if (index == null) {
            return none;
        }
        List<Clause> clauses = QuerySyntax.parse(query.text());
        try {
            return index.search(searcher -> search(searcher, clauses, query), none);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed in the index of firm " + firmId, e);
        }
    }

    private IndexResults search(IndexSearcher searcher, List<Clause> clauses, IndexQuery query) throws IOException {
        int window = Math.min(MAX_WINDOW, query.offset() + query.limit());
        if (query.offset() >= window) {
            return new IndexResults(List.of(), 0, Map.of());
        }
        IndexReader reader = searcher.getIndexReader();
        LexicalQueries.Built built =
                queries.build(clauses, languages(reader), query.partyMatters(), LexicalQueries.wellKnownIn(reader));
        Query filter = filter(query);
        // Rewritten once: the typo-tolerant words expand to terms here (Levenshtein automata run against
        // every segment's terms), not again in each of the searches below (measured at a million chunks:
        // a sixth of a query's time was rewriting, done two or three times).
        Query lexical = searcher.rewrite(new BooleanQuery.Builder()
                .add(built.query(), Occur.MUST)
                .add(filter, Occur.FILTER)
                .build());
        if (embedder == null || built.semanticText() == null) {
            var results = searcher.search(
                    lexical,
                    new MultiCollectorManager(
                            new TopScoreDocCollectorManager(window, Integer.MAX_VALUE), new FacetCounts(FACETS)));
            TopDocs top = (TopDocs) results[0];
            FacetCounts.Result counts = (FacetCounts.Result) results[1];
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            List<Hit> hits = new ArrayList<>();
            for (int i = query.offset(); i < top.scoreDocs.length; i++) {
                hits.add(hit(leaves, top.scoreDocs[i].doc, top.scoreDocs[i].score));
            }
            return new IndexResults(hits, counts.total(), counts.facets());
        }
        return hybrid(searcher, built, filter, lexical, query, window);
    }

    /**
     * BM25 and vector similarity, fused. The vector side runs under every restriction the words do
     * not express (the visibility filter, the caller's filters, title:/party: and the exclusions); the
     * matching set, counted for the total and the facets, is the BM25 matches plus the vector
     * neighbours close enough to count.
     */
    private IndexResults hybrid(
            IndexSearcher searcher,
            LexicalQueries.Built built,
            Query filter,
            Query lexical,
            IndexQuery query,
            int window)
            throws IOException {
        int candidates = Math.max(window, ranking.candidates());
        BooleanQuery.Builder vectorFilter = new BooleanQuery.Builder().add(filter, Occur.FILTER);
        built.restrictions().forEach(q -> vectorFilter.add(q, Occur.FILTER));
        built.exclusions().forEach(q -> vectorFilter.add(q, Occur.MUST_NOT));
        float[] target = embedder.embedQuery(built.semanticText());
        Query vectorRestrictions = vectorFilter.build();
        TopDocs nearest =
                searcher.search(new KnnFloatVectorQuery(VECTOR, target, candidates, vectorRestrictions), candidates);
        TopDocs lexicalTop = searcher.search(lexical, candidates);
        if (ranking.feedbackChunks() > 0) {
            // Pseudo-relevance feedback on the vector side (Rocchio): the query vector moved towards
            // the chunks the first fused ranking puts on top, then the neighbours searched again.
            Map<Integer, Float> first = RankFusion.fuse(ranking, lexicalTop.scoreDocs, nearest.scoreDocs);
            List<Integer> top = first.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Float>comparingByValue().reversed())
                    .limit(ranking.feedbackChunks())
                    .map(Map.Entry::getKey)
                    .toList();
            float[] moved = target.clone();
            List<LeafReaderContext> leafContexts = searcher.getIndexReader().leaves();
            for (int doc : top) {
                float[] vector = vector(leafContexts, doc);
                if (vector != null) {
                    for (int i = 0; i < moved.length; i++) {
                        moved[i] += ranking.feedbackWeight() * vector[i] / top.size();
                    }
                }
            }
            nearest =
                    searcher.search(new KnnFloatVectorQuery(VECTOR, moved, candidates, vectorRestrictions), candidates);
        }

        // Lucene scores a cosine c as (1 + c) / 2.
        float minScore = (1 + ranking.minSimilarity()) / 2;
        // Feedback may re-rank, but it does not admit: a chunk that shares no term with the query
        // counts only if it is close to what the user asked (the original vector), not merely to the
        // top hits. Otherwise "Brightwater" would bring every other draft that resembles the one
        // that mentions it.
        Set<Integer> lexicalDocs = new HashSet<>();
        for (ScoreDoc doc : lexicalTop.scoreDocs) {
            lexicalDocs.add(doc.doc);
        }
        List<LeafReaderContext> vectorLeaves = searcher.getIndexReader().leaves();
        List<ScoreDoc> close = new ArrayList<>();
        for (ScoreDoc doc : nearest.scoreDocs) {
            if (doc.score >= minScore
                    && (lexicalDocs.contains(doc.doc)
                            || ranking.feedbackChunks() == 0
                            || cosine(target, vector(vectorLeaves, doc.doc)) >= ranking.minSimilarity())) {
                close.add(doc);
            }
        }
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        List<BytesRef> closeChunks = new ArrayList<>();
        for (ScoreDoc doc : close) {
            closeChunks.add(new BytesRef(keyword(leaves, CHUNK, doc.doc)));
        }
        Query matching = closeChunks.isEmpty()
                ? lexical
                : new BooleanQuery.Builder()
                        .add(lexical, Occur.SHOULD)
                        .add(KeywordField.newSetQuery(CHUNK, closeChunks), Occur.SHOULD)
                        .build();
        FacetCounts.Result counts = searcher.search(matching, new FacetCounts(FACETS));

        Map<Integer, Float> fused = RankFusion.fuse(ranking, lexicalTop.scoreDocs, close.toArray(ScoreDoc[]::new));
        if (ranking.coverageWeight() > 0 && ranking.fusion() == Ranking.Fusion.WEIGHTED) {
            RankFusion.addNormalised(
                    fused,
                    TermCoverage.of(searcher.getIndexReader(), built.coverageTerms(), fused.keySet()),
                    ranking.coverageWeight());
        }
        List<Map.Entry<Integer, Float>> ranked = fused.entrySet().stream()
                .sorted(Map.Entry.<Integer, Float>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        List<Hit> hits = new ArrayList<>();
        for (int i = query.offset(); i < Math.min(window, ranked.size()); i++) {
            hits.add(hit(leaves, ranked.get(i).getKey(), ranked.get(i).getValue()));
        }
        return new IndexResults(hits, counts.total(), counts.facets());
    }

    /**
     * The filter every query runs under: the visible matters (a list of matters, or every matter but
     * those and the clients a wall screens), then the caller's own narrowing.
     */
    static Query filter(IndexQuery query) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder();
        MatterScope scope = query.scope();
        if (query.matterId() != null) {
            filter.add(new TermQuery(new Term(MATTER, query.matterId().toString())), Occur.FILTER);
        } else if (scope.included() != null) {
            filter.add(KeywordField.newSetQuery(MATTER, ids(scope.included())), Occur.FILTER);
        } else {
            filter.add(new MatchAllDocsQuery(), Occur.FILTER);
        }
        if (!scope.excludedMatters().isEmpty()) {
            filter.add(KeywordField.newSetQuery(MATTER, ids(scope.excludedMatters())), Occur.MUST_NOT);
        }
        if (!scope.excludedClients().isEmpty()) {
            filter.add(KeywordField.newSetQuery(CLIENT, ids(scope.excludedClients())), Occur.MUST_NOT);
        }
        if (query.clientId() != null) {
            filter.add(new TermQuery(new Term(CLIENT, query.clientId().toString())), Occur.FILTER);
        }
        if (query.contentType() != null) {
            filter.add(new TermQuery(new Term(CONTENT_TYPE, query.contentType())), Occur.FILTER);
        }
        if (query.classification() != null) {
            filter.add(new TermQuery(new Term(CLASSIFICATION, query.classification())), Occur.FILTER);
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli();
            filter.add(LongField.newRangeQuery(STORED_AT, from, to), Occur.FILTER);
        }
        return filter.build();
    }

    private static List<BytesRef> ids(Set<UUID> ids) {
        return ids.stream().map(id -> new BytesRef(id.toString())).toList();
    }

    private static Hit hit(List<LeafReaderContext> leaves, int doc, float score) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        SortedNumericDocValues version = leaf.reader().getSortedNumericDocValues(VERSION);
        if (version == null || !version.advanceExact(local)) {
            throw new IllegalStateException("an index entry without a version");
        }
        return new Hit(
                UUID.fromString(keyword(leaf, CHUNK, local)),
                UUID.fromString(keyword(leaf, DOCUMENT, local)),
                (int) version.nextValue(),
                UUID.fromString(keyword(leaf, MATTER, local)),
                score);
    }

    private static float @Nullable [] vector(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        if (values == null) {
            return null;
        }
        KnnVectorValues.DocIndexIterator iterator = values.iterator();
        int local = doc - leaf.docBase;
        return iterator.advance(local) == local
                ? values.vectorValue(iterator.index()).clone()
                : null;
    }

    private static String keyword(List<LeafReaderContext> leaves, String field, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        return keyword(leaf, field, doc - leaf.docBase);
    }

    private static String keyword(LeafReaderContext leaf, String field, int doc) throws IOException {
        SortedSetDocValues values = leaf.reader().getSortedSetDocValues(field);
        if (values == null || !values.advanceExact(doc)) {
            throw new IllegalStateException("an index entry without " + field);
        }
        return values.lookupOrd(values.nextOrd()).utf8ToString();
    }

    /** The languages with an analyzer of their own that the index holds text in. */
    private static Set<String> languages(IndexReader reader) throws IOException {
        Set<String> languages = new TreeSet<>();
        Terms terms = MultiTerms.getTerms(reader, LANGUAGE);
        if (terms != null) {
            TermsEnum each = terms.iterator();
            for (BytesRef term = each.next(); term != null; term = each.next()) {
                String language = term.utf8ToString();
                if (LanguageAnalyzers.LANGUAGES.contains(language)) {
                    languages.add(language);
                }
            }
        }
        return languages;
    }

    @Override
    public String highlight(String queryText, String chunkText, @Nullable String language) {
        List<Clause> clauses = QuerySyntax.parse(queryText);
        List<String> fields = new ArrayList<>();
        String languageField = LanguageAnalyzers.languageField(language);
        if (languageField != null) {
            fields.add(languageField);
        }
        fields.add(LanguageAnalyzers.TEXT);
        UnifiedHighlighter highlighter = UnifiedHighlighter.builderWithoutSearcher(analyzers.perField())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
                .withBreakIterator(() -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_LENGTH, 0.3f))
                .withMaxNoHighlightPassages(0)
                .withMaxLength(Math.max(1, chunkText.length()))
                .build();
        // The words as typed first, then with their typos: building the typo automata for every
        // snippet cost as much as the rest of the highlighting, and most hits hold the words as typed.
        for (boolean typos : new boolean[] {false, true}) {
            for (String field : fields) {
                Query query = queries.forHighlight(clauses, field, typos);
                if (query == null) {
                    continue;
                }
                try {
                    Object snippet = highlighter.highlightWithoutSearcher(field, query, chunkText, 1);
                    if (snippet instanceof String marked && marked.contains("<mark>")) {
                        return marked.strip();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return leadingSnippet(chunkText);
    }

    /** The chunk's beginning, cut at a word boundary, when no term of the query is in it. */
    static String leadingSnippet(String text) {
        String snippet = text.strip();
        if (snippet.length() > SNIPPET_LENGTH) {
            int cut = snippet.lastIndexOf(' ', SNIPPET_LENGTH);
            snippet = snippet.substring(0, cut > SNIPPET_LENGTH / 2 ? cut : SNIPPET_LENGTH) + "…";
        }
        return escapeHtml(snippet);
    }

    static String escapeHtml(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#x27;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public long chunkCount(UUID firmId) {
        FirmIndex index = existing(firmId);
        if (index == null) {
            return 0;
        }
        try {
            return index.search(searcher -> (long) searcher.getIndexReader().numDocs(), 0L);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document document(IndexedVersion version, IndexedChunk indexed) {
        Document doc = new Document();
        doc.add(new KeywordField(CHUNK, indexed.chunkId().toString(), Field.Store.NO));
        doc.add(new KeywordField(DOCUMENT, version.documentId().toString(), Field.Store.NO));
        doc.add(new StringField(DOCUMENT_VERSION, versionKey(version.documentId(), version.version()), Field.Store.NO));
        doc.add(new IntField(VERSION, version.version(), Field.Store.NO));
        doc.add(new KeywordField(MATTER, version.matterId().toString(), Field.Store.NO));
        doc.add(new KeywordField(CLIENT, version.clientId().toString(), Field.Store.NO));
        doc.add(new KeywordField(CONTENT_TYPE, version.contentType(), Field.Store.NO));
        doc.add(new KeywordField(CLASSIFICATION, version.classification(), Field.Store.NO));
        doc.add(new LongField(STORED_AT, version.storedAt().toEpochMilli(), Field.Store.NO));
        ZonedDateTime stored = version.storedAt().atZone(ZoneOffset.UTC);
        doc.add(new KeywordField(
                MONTH,
                String.format(Locale.ROOT, "%04d-%02d", stored.getYear(), stored.getMonthValue()),
                Field.Store.NO));
        doc.add(new KeywordField(YEAR, String.format(Locale.ROOT, "%04d", stored.getYear()), Field.Store.NO));
        doc.add(new TextField(LanguageAnalyzers.TITLE, version.title(), Field.Store.NO));
        for (String party : version.partyNames()) {
            doc.add(new TextField(LanguageAnalyzers.PARTY, party, Field.Store.NO));
        }
        String text = indexed.chunk().text();
        doc.add(new TextField(LanguageAnalyzers.TEXT, text, Field.Store.NO));
        String language = LanguageAnalyzers.normalize(indexed.chunk().language());
        if (language != null) {
            doc.add(new StringField(LANGUAGE, language, Field.Store.NO));
            doc.add(new TextField(LanguageAnalyzers.textField(language), text, Field.Store.NO));
        }
        return doc;
    }

    private static String versionKey(UUID documentId, int version) {
        return documentId + "#" + version;
    }

    private void write(UUID firmId, FirmIndex.WriteAction action) {
        try {
            // A write that meets an index being dropped or closed opens it anew and tries again.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (openOrCreate(firmId).write(action)) {
                    return;
                }
            }
            throw new IllegalStateException("the index of firm " + firmId + " kept closing under a write");
        } catch (IOException e) {
            throw new UncheckedIOException("write failed in the index of firm " + firmId, e);
        }
    }

    private Path directory(UUID firmId) {
        return root.resolve(firmId.toString());
    }

    private boolean exists(UUID firmId) {
        return open.containsKey(firmId) || Files.isDirectory(directory(firmId));
    }

    private @Nullable FirmIndex existing(UUID firmId) {
        FirmIndex index = open.get(firmId);
        if (index != null) {
            return index;
        }
        if (!Files.isDirectory(directory(firmId))) {
            return null;
        }
        return openOrCreate(firmId);
    }

    private FirmIndex openOrCreate(UUID firmId) {
        FirmIndex index = open.get(firmId);
        if (index != null && !index.isClosed()) {
            return index;
        }
        synchronized (opening) {
            index = open.get(firmId);
            if (index == null || index.isClosed()) {
                try {
                    index = new FirmIndex(
                            directory(firmId),
                            analyzers.perField(),
                            segmentSearches,
                            config -> config.setCodec(new Lucene103Codec() {
                                // int7 scalar quantisation of the HNSW vectors: a quarter of the
                                // memory of float32 for a negligible loss in recall.
                                @Override
                                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                                    return new Lucene99HnswScalarQuantizedVectorsFormat();
                                }
                            }));
                } catch (IOException e) {
                    throw new UncheckedIOException("could not open the index of firm " + firmId, e);
                }
                open.put(firmId, index);
                log.info("Opened the search index of firm {}", firmId);
            }
            return index;
        }
    }

    @Override
    public void close() {
        synchronized (opening) {
            for (FirmIndex index : open.values()) {
                try {
                    index.close();
                } catch (IOException e) {
                    log.warn("Could not close the search index in {}", index.directory(), e);
                }
            }
            open.clear();
        }
        segmentSearches.shutdownNow();
        if (embedder != null && ownsEmbedder) {
            embedder.close();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
