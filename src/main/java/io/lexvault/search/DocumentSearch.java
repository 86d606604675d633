package io.lexvault.search;

import io.lexvault.access.MatterAccess;
import io.lexvault.access.MatterDirectory;
import io.lexvault.access.MatterListing;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.crypto.KeyedHashes;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.parties.Parties;
import io.lexvault.search.index.IndexQuery;
import io.lexvault.search.index.IndexResults;
import io.lexvault.search.index.MatterScope;
import io.lexvault.search.index.QuerySyntax;
import io.lexvault.search.index.SearchIndex;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Searches the documents the caller may see. The index narrows and ranks; PostgreSQL decides:
 *
 * <ol>
 *   <li>the matters the caller may see are read from the database as the caller at this moment (the
 *       lookups the matter wall's policies use: the caller's own {@code matter_visibility} row) and
 *       intersected with the application's own wall, so a wall added or a team left a second ago
 *       counts, with no reindexing;
 *   <li>the index ranks only chunks of those matters;
 *   <li>every hit is read again from {@code document_chunks} as the caller (forced row-level security
 *       and the matter wall) and checked once more against the application's wall; a hit the database
 *       does not return, or returns for another document or version than the index said, is dropped
 *       and counted ({@code lexvault.search.hits.dropped}). A stale or corrupted index can therefore
 *       never show what the caller may not see.
 * </ol>
 *
 * <p>Snippets are made from the decrypted chunk text; the index holds no text in the clear. Every search
 * is audited ({@code search.run}) with the matter filter, the count and the documents returned; the
 * query text only as a keyed hash under the firm's key.
 */
@Service
public class DocumentSearch {

    /** Passages (chunk hits) per page. */
    public static final int PAGE_SIZE = 20;

    /** Values shown per facet, the most frequent first. */
    static final int FACET_VALUES = 20;

    static final int MAX_QUERY = 500;
    static final String QUERY_HASH_CONTEXT = "search.query";

    private final SearchIndex index;
    private final SearchRepository repository;
    private final ChunkTexts texts;
    private final MatterAccess access;
    private final MatterDirectory directory;
    private final Parties parties;
    private final RequestAudit audit;
    private final KeyedHashes hashes;
    private final TransactionTemplate transactions;
    private final Counter dropped;

    DocumentSearch(
            SearchIndex index,
            SearchRepository repository,
            ChunkTexts texts,
            MatterAccess access,
            MatterDirectory directory,
            Parties parties,
            RequestAudit audit,
            KeyedHashes hashes,
            TransactionTemplate transactions,
            MeterRegistry meters) {
        this.index = index;
        this.repository = repository;
        this.texts = texts;
        this.access = access;
        this.directory = directory;
        this.parties = parties;
        this.audit = audit;
        this.hashes = hashes;
        this.transactions = transactions;
        this.dropped = Counter.builder("lexvault.search.hits.dropped")
                .description("Index hits dropped because PostgreSQL, read as the caller, did not return them")
                .register(meters);
    }

    /**
     * Runs a search for the signed-in caller and audits it.
     *
     * @throws SearchRefusedException for a query too long or with control characters, or a bad filter
     * @throws MatterNotVisibleException (404) for a matter filter naming a matter the caller may not see
     */
    public SearchResults search(SearchRequest request) {
        String text = checkedQuery(request.text());
        if (request.page() < 0 || request.page() > 500) {
            throw new SearchRefusedException("page must be between 0 and 500.");
        }
        TenantId firm = TenantContext.requireTenant();
        UUID matterFilter = request.matter();
        @Nullable UUID matterClient = null;
        if (matterFilter != null) {
            // 404 like every other path for a matter that is not there for the caller.
            matterClient = directory
                    .visibleMatter(matterFilter)
                    .orElseThrow(MatterNotVisibleException::new)
                    .client();
        }
        if (text.isEmpty()) {
            return SearchResults.none(text, request.page(), PAGE_SIZE); // nothing searched, nothing to audit
        }
        var viewer = access.viewer();
        // (1) As the caller, now: the database's wall (the lookups its policies use), and the
        // application's, computed apart from the source tables; the index gets what both admit.
        MatterScope scope = transactions.execute(s -> repository.wallScope()).and(applicationScope(viewer));
        if (matterFilter != null) {
            scope = scope.admits(matterFilter, matterClient)
                    ? MatterScope.only(Set.of(matterFilter))
                    : MatterScope.NOTHING;
        }
        SearchResults results;
        if (scope.isEmpty()) {
            results = SearchResults.none(text, request.page(), PAGE_SIZE);
        } else {
            // (2) The index, restricted to those matters.
            var found = index.search(
                    firm.value(),
                    new IndexQuery(
                            text,
                            scope,
                            matterFilter,
                            request.client(),
                            blankToNull(request.type()),
                            classification(request.classification()),
                            request.from(),
                            request.to(),
                            request.page() * PAGE_SIZE,
                            PAGE_SIZE,
                            partyMatters(text, scope)));
            results = recheck(firm, text, request.page(), found, scope, viewer);
        }
        // The search's events (one, plus one per matter of a firm-wide page) commit together: one
        // transaction, not one each.
        UUID filterClient = matterClient;
        transactions.executeWithoutResult(s -> auditSearch(text, matterFilter, filterClient, results));
        return results;
    }

    /** At most this many passages are retrieved for one question. */
    public static final int MAX_PASSAGES = 50;

    /**
     * The passages of one matter's documents that best answer {@code question}, through the same walled
     * path as {@link #search}: the matter must be visible to the caller now (404 otherwise), the index
     * ranks only that matter's chunks, and every hit is read again from PostgreSQL as the caller (forced
     * row-level security, the matter wall, then the application's wall) and dropped and counted when it
     * does not come back for that matter, document and version. Nothing of another matter can come out.
     *
     * <p>The question is taken as plain words (quotes, exclusions and prefixes of the search box mean
     * nothing here). Not audited here: the caller (the assistant) records one event naming the passages
     * it used. The passages hold decrypted client text; they are for the caller's request only.
     *
     * @throws MatterNotVisibleException (404) for a matter the caller may not see
     */
    public List<MatterPassage> passagesFor(UUID matterId, String question, int limit) {
        TenantId firm = TenantContext.requireTenant();
        directory.visibleMatter(matterId).orElseThrow(MatterNotVisibleException::new);
        String words = plainWords(question);
        int wanted = Math.clamp(limit, 0, MAX_PASSAGES);
        if (words.isEmpty() || wanted == 0) {
            return List.of();
        }
        var viewer = access.viewer();
        // As the caller, now: the database's wall on the matter's indexed versions (this matter's only:
        // a firm-wide read here cost the assistant a scan of every version), then the application's.
        boolean visible = transactions
                .execute(s -> repository.visibleMatterClient(firm, matterId))
                .filter(client -> viewer.maySee(matterId, client))
                .isPresent();
        if (!visible) {
            return List.of(); // nothing indexed yet in a matter the caller may see
        }
        var found = index.search(
                firm.value(),
                new IndexQuery(words, Set.of(matterId), matterId, null, null, null, null, null, 0, wanted));
        var ids = found.hits().stream()
                .map(IndexResults.Hit::chunkId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        var rows = transactions.execute(s -> repository.chunks(firm, ids)).stream()
                .collect(Collectors.toMap(SearchRepository.ChunkRow::id, Function.identity()));
        var passages = new ArrayList<MatterPassage>();
        int droppedHere = 0;
        for (var hit : found.hits()) {
            var row = rows.get(hit.chunkId());
            if (row == null
                    || !row.matter().equals(matterId)
                    || !matches(row, hit.documentId(), hit.version(), viewer)) {
                droppedHere++;
                continue;
            }
            passages.add(passage(row, hit.score()));
        }
        if (droppedHere > 0) {
            dropped.increment(droppedHere);
        }
        return List.copyOf(passages);
    }

    /**
     * One passage of a matter, read from PostgreSQL as the caller (for a citation's link): empty when the
     * chunk is not there for the caller, belongs to another matter, or the matter is not visible.
     */
    public Optional<MatterPassage> passage(UUID matterId, UUID chunkId) {
        TenantId firm = TenantContext.requireTenant();
        if (directory.visibleMatter(matterId).isEmpty()) {
            return Optional.empty();
        }
        var viewer = access.viewer();
        return transactions.execute(s -> repository.chunks(firm, Set.of(chunkId))).stream()
                .filter(row -> row.matter().equals(matterId) && viewer.maySee(row.matter(), row.client()))
                .findFirst()
                .map(row -> passage(row, 0f));
    }

    private static boolean matches(
            SearchRepository.ChunkRow row, UUID document, int version, MatterAccess.Viewer viewer) {
        return row.document().equals(document) && row.version() == version && viewer.maySee(row.matter(), row.client());
    }

    private MatterPassage passage(SearchRepository.ChunkRow row, float score) {
        return new MatterPassage(
                row.id(),
                row.document(),
                row.version(),
                row.number(),
                row.matter(),
                row.title(),
                row.mediaType(),
                row.page(),
                row.headingPath(),
                texts.open(row.ciphertext(), row.document(), row.version(), row.number()),
                score);
    }

    /** A question as plain words: no phrase, exclusion or prefix of the search box's syntax survives. */
    static String plainWords(String question) {
        String cut = question.length() > 4_000 ? question.substring(0, 4_000) : question;
        var words = new ArrayList<String>();
        for (String word : cut.split("[\\s\"\u201c\u201d\u201e:]+")) {
            String w = word.replaceFirst("^[-\u2212]+", "");
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return String.join(" ", words);
    }

    /**
     * The application's own wall as a scope ({@link MatterAccess}, computed from the source tables, not
     * from the database's {@code matter_visibility}): a leak would need both to be wrong.
     */
    static MatterScope applicationScope(MatterAccess.Viewer viewer) {
        if (viewer.user() == null) {
            return MatterScope.NOTHING;
        }
        return viewer.readsAll()
                ? MatterScope.allBut(viewer.screenedMatters(), viewer.screenedClients())
                : new MatterScope(viewer.teamMatters(), viewer.screenedMatters(), viewer.screenedClients());
    }

    /**
     * The {@code party:} clauses answered from the matters module as the caller, now: for each, the
     * matters in {@code scope} with a party of that name. A party added or renamed a second ago counts,
     * and a walled matter's parties are never read (its rows are not the caller's to read).
     */
    private Map<String, Set<UUID>> partyMatters(String text, MatterScope scope) {
        var answers = new HashMap<String, Set<UUID>>();
        for (String name : QuerySyntax.partyTexts(text)) {
            answers.put(
                    name,
                    parties.mattersWithPartyNamed(name).stream()
                            .map(MatterId::value)
                            .filter(scope::admitsMatter)
                            .collect(Collectors.toUnmodifiableSet()));
        }
        return answers;
    }

    /** (3) Every hit read again as the caller; what the database does not return is dropped and counted. */
    private SearchResults recheck(
            TenantId firm, String text, int page, IndexResults found, MatterScope scope, MatterAccess.Viewer viewer) {
        var ids = found.hits().stream()
                .map(IndexResults.Hit::chunkId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        var rows = transactions.execute(s -> repository.chunks(firm, ids)).stream()
                .collect(Collectors.toMap(SearchRepository.ChunkRow::id, Function.identity()));
        var byDocument = new LinkedHashMap<UUID, List<Scored>>();
        int droppedHere = 0;
        for (var hit : found.hits()) {
            var row = rows.get(hit.chunkId());
            if (row == null
                    || !row.document().equals(hit.documentId())
                    || row.version() != hit.version()
                    || !viewer.maySee(row.matter(), row.client())) {
                droppedHere++;
                continue;
            }
            byDocument.computeIfAbsent(row.document(), d -> new ArrayList<>()).add(new Scored(row, hit.score()));
        }
        if (droppedHere > 0) {
            dropped.increment(droppedHere);
        }
        // The facets' values to show, then every matter name of the page (hits and facets) in one read,
        // as the caller: a matter the database does not return is not named.
        var facetValues = facetValues(found, scope);
        var matterIds = new HashSet<UUID>();
        byDocument
                .values()
                .forEach(scored -> matterIds.add(scored.getFirst().row().matter()));
        facetValues.getOrDefault("matter", List.of()).forEach(v -> matterIds.add(UUID.fromString(v.getKey())));
        var matterNames = directory.visibleListings(matterIds);
        var documents = new ArrayList<SearchResults.DocumentHit>();
        for (var entry : byDocument.entrySet()) {
            var scored = entry.getValue();
            var first = scored.getFirst().row();
            var passages = scored.stream()
                    .map(s -> new SearchResults.Passage(
                            s.row().id(),
                            s.row().number(),
                            s.row().page(),
                            s.row().headingPath(),
                            s.row().part(),
                            snippet(text, s.row()),
                            s.score()))
                    .toList();
            documents.add(new SearchResults.DocumentHit(
                    first.document(),
                    first.version(),
                    first.matter(),
                    first.client(),
                    matterName(matterNames.get(first.matter())),
                    first.title(),
                    first.mediaType(),
                    first.classification(),
                    first.storedAt(),
                    (float) scored.stream().mapToDouble(Scored::score).max().orElse(0),
                    passages));
        }
        long total = Math.max(0, found.total() - droppedHere);
        boolean hasNext = (long) (page + 1) * PAGE_SIZE < found.total();
        return new SearchResults(text, documents, total, page, PAGE_SIZE, hasNext, facets(facetValues, matterNames));
    }

    private record Scored(SearchRepository.ChunkRow row, float score) {}

    private String snippet(String text, SearchRepository.ChunkRow row) {
        String plain = texts.open(row.ciphertext(), row.document(), row.version(), row.number());
        return markOnly(index.highlight(text, plain, row.language()));
    }

    /**
     * The page inserts snippets as HTML. The index's contract is escaped text with {@code <mark>} and
     * nothing else; a snippet that breaks it (a bug, not an attack we know of) is escaped whole rather
     * than trusted: a document's text must never become markup in a reader's browser.
     */
    static String markOnly(String snippet) {
        String unmarked = snippet.replace("<mark>", "").replace("</mark>", "");
        if (unmarked.indexOf('<') < 0 && unmarked.indexOf('>') < 0 && unmarked.indexOf('"') < 0) {
            return snippet;
        }
        return snippet.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String matterName(@Nullable MatterListing matter) {
        return matter == null ? "" : matter.number() + " " + matter.title();
    }

    /**
     * Each facet's values to show: the most frequent first, at most {@link #FACET_VALUES} of them (a
     * firm-wide query can match thousands of matters), and of matters only those in the caller's scope
     * (a stale index must not name another).
     */
    private static Map<String, List<Map.Entry<String, Long>>> facetValues(IndexResults found, MatterScope scope) {
        var shown = new LinkedHashMap<String, List<Map.Entry<String, Long>>>();
        for (var facet : found.facets().entrySet()) {
            String name = facet.getKey();
            shown.put(
                    name,
                    facet.getValue().entrySet().stream()
                            .filter(value -> {
                                if (!name.equals("matter")) {
                                    return true;
                                }
                                UUID id = uuidOrNull(value.getKey());
                                return id != null && scope.admitsMatter(id);
                            })
                            .sorted(Map.Entry.<String, Long>comparingByValue()
                                    .reversed()
                                    .thenComparing(Map.Entry.comparingByKey()))
                            .limit(FACET_VALUES)
                            .toList());
        }
        return shown;
    }

    /** The facets labelled for people; a matter the database did not name is left out. */
    private static Map<String, List<SearchResults.Facet>> facets(
            Map<String, List<Map.Entry<String, Long>>> facetValues, Map<UUID, MatterListing> matterNames) {
        var facets = new LinkedHashMap<String, List<SearchResults.Facet>>();
        for (var facet : facetValues.entrySet()) {
            String name = facet.getKey();
            var values = new ArrayList<SearchResults.Facet>();
            for (var value : facet.getValue()) {
                String label = name.equals("matter")
                        ? matterName(matterNames.get(UUID.fromString(value.getKey())))
                        : value.getKey();
                if (!label.isEmpty()) {
                    values.add(new SearchResults.Facet(value.getKey(), label, value.getValue()));
                }
            }
            values.sort(Comparator.comparingLong(SearchResults.Facet::count).reversed());
            facets.put(name, values);
        }
        return facets;
    }

    /**
     * One {@code search.run} event on the matter filter (if any). The documents returned are named on
     * their matter's event only, so that the walls that hide a matter's events hide them too: in the
     * {@code search.run} of a search scoped to that matter, else in one {@code search.results_returned}
     * per matter of the results. Otherwise an auditor screened from a matter would read the ids of its
     * documents in the events of someone else's firm-wide search.
     */
    private void auditSearch(String text, @Nullable UUID matter, @Nullable UUID matterClient, SearchResults results) {
        // The text is the client's privileged information: only its keyed hash, which someone who
        // holds the text can confirm (queryMatches) and nobody can reverse or test guesses against
        // without the firm's key.
        String fingerprint = HexFormat.of().formatHex(hashes.hash(text, QUERY_HASH_CONTEXT));
        var details = new LinkedHashMap<String, String>();
        details.put("results", String.valueOf(results.total()));
        details.put("page", String.valueOf(results.page()));
        details.put("query_hmac", fingerprint);
        if (matter != null) {
            details.put("documents", documentIds(results.documents()));
        }
        audit.succeeded(
                AuditAction.SEARCH_RUN, matter == null ? null : "matter", matter, matter, matterClient, details);
        if (matter == null) {
            var byMatter = results.documents().stream()
                    .collect(Collectors.groupingBy(
                            SearchResults.DocumentHit::matterId, LinkedHashMap::new, Collectors.toList()));
            for (var entry : byMatter.entrySet()) {
                var first = entry.getValue().getFirst();
                audit.succeeded(
                        AuditAction.SEARCH_RESULTS_RETURNED,
                        "matter",
                        entry.getKey(),
                        entry.getKey(),
                        first.clientId(),
                        Map.of("documents", documentIds(entry.getValue()), "query_hmac", fingerprint));
            }
        }
    }

    private static String documentIds(List<SearchResults.DocumentHit> documents) {
        return documents.stream().map(d -> d.documentId().toString()).collect(Collectors.joining(","));
    }

    /** Whether {@code text} is what a search's {@code query_hmac} was made from (for investigators). */
    public boolean queryMatches(String queryHmacHex, String text) {
        byte[] fingerprint;
        try {
            fingerprint = HexFormat.of().parseHex(queryHmacHex);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return hashes.matches(fingerprint, checkedQuery(text), QUERY_HASH_CONTEXT);
    }

    private static String checkedQuery(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            return HumanText.line("q", text, MAX_QUERY).strip();
        } catch (InvalidTextException e) {
            throw new SearchRefusedException(e.getMessage());
        }
    }

    private static @Nullable String classification(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!Set.of("PUBLIC", "CONFIDENTIAL", "RESTRICTED").contains(upper)) {
            throw new SearchRefusedException("classification is PUBLIC, CONFIDENTIAL or RESTRICTED.");
        }
        return upper;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
