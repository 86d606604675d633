package io.lexvault.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.lexvault.search.chunking.TextChunk;
import io.lexvault.search.index.IndexResults.Hit;
import io.lexvault.search.index.IndexedVersion.IndexedChunk;
import io.lexvault.testsupport.HostileText;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSearchIndexTests {

    @TempDir
    Path root;

    LuceneSearchIndex index;

    final UUID firm = UUID.randomUUID();
    final UUID client = UUID.randomUUID();
    final UUID matterA = UUID.randomUUID();
    final UUID matterB = UUID.randomUUID();
    final Instant march = Instant.parse("2026-03-14T10:00:00Z");

    @BeforeEach
    void open() {
        index = new LuceneSearchIndex(root);
    }

    @AfterEach
    void close() {
        index.close();
    }

    // ---- the filter -------------------------------------------------------------------------------

    @Test
    void nothingOutsideTheVisibleMattersInHitsTotalsOrFacets() {
        UUID inA = put(matterA, "Lease", "The tenant shall indemnify the landlord.", "en");
        put(matterB, "Walled lease", "The tenant shall indemnify the landlord and pay damages.", "en");
        put(matterB, "Walled memo", "Indemnify again, in the walled matter.", "en");

        IndexResults results = index.search(firm, query("indemnify", Set.of(matterA)));

        assertThat(results.hits()).extracting(Hit::documentId).containsExactly(inA);
        assertThat(results.hits()).extracting(Hit::matterId).containsOnly(matterA);
        assertThat(results.total()).isEqualTo(1);
        assertThat(results.facets().get("matter")).containsOnlyKeys(matterA.toString());
        assertThat(results.facets().get("matter").get(matterA.toString())).isEqualTo(1L);
        assertThat(results.facets().get("contentType").values()).containsExactly(1L);
        assertThat(results.facets().get("classification").values()).containsExactly(1L);
    }

    @Test
    void aReaderOfAllMattersSeesEveryMatterButTheScreenedMattersAndClientsInHitsTotalsAndFacets() {
        UUID screenedClient = UUID.randomUUID();
        UUID matterC = UUID.randomUUID();
        UUID inA = put(matterA, "Lease", "The tenant shall indemnify the landlord.", "en");
        put(matterB, "Walled lease", "The tenant shall indemnify the landlord and pay damages.", "en");
        index(version(matterC, screenedClient, "Client walled", "text/plain", "internal", march, "indemnify"));

        IndexResults everything = index.search(firm, scoped(MatterScope.allBut(Set.of(), Set.of()), null));
        assertThat(everything.total()).isEqualTo(3);

        IndexResults screened =
                index.search(firm, scoped(MatterScope.allBut(Set.of(matterB), Set.of(screenedClient)), null));
        assertThat(screened.hits()).extracting(Hit::documentId).containsExactly(inA);
        assertThat(screened.total()).isEqualTo(1);
        assertThat(screened.facets().get("matter")).containsOnlyKeys(matterA.toString());

        // A team's list narrowed by the walls: a listed matter that a wall screens is not searched.
        var listed = new MatterScope(Set.of(matterA, matterB, matterC), Set.of(matterB), Set.of(screenedClient));
        assertThat(index.search(firm, scoped(listed, null)).hits())
                .extracting(Hit::documentId)
                .containsExactly(inA);
        assertThat(index.search(firm, scoped(MatterScope.allBut(Set.of(matterB), Set.of()), matterB))
                        .total())
                .as("a matter filter naming a screened matter")
                .isZero();
    }

    @Test
    void aWordTheIndexKnowsWellGetsNoTypoVariantsARareOneKeepsThem() {
        for (int i = 0; i < LexicalQueries.WELL_KNOWN_CHUNKS; i++) {
            put(matterA, "Note " + i, "The zorbaxon clause number " + i + ".", "en");
        }
        UUID misspelt = put(matterA, "Odd note", "The zorbaxin clause, spelt once this way.", "en");

        assertThat(found("zorbaxon")).as("well known: no variants").doesNotContain(misspelt);
        assertThat(found("zorbaxin"))
                .as("rare: its variants count")
                .contains(misspelt)
                .hasSizeGreaterThan(1);
    }

    @Test
    void noVisibleMatterMeansNoHitsAtAll() {
        put(matterA, "Lease", "The tenant shall indemnify the landlord.", "en");

        IndexResults results = index.search(firm, query("indemnify", Set.of()));

        assertThat(results.hits()).isEmpty();
        assertThat(results.total()).isZero();
        assertThat(results.facets()).isEmpty();
    }

    @Test
    void aMatterFilterOutsideTheVisibleOnesFindsNothing() {
        put(matterB, "Lease", "The tenant shall indemnify the landlord.", "en");

        IndexQuery asked = new IndexQuery("indemnify", Set.of(matterA), matterB, null, null, null, null, null, 0, 10);

        assertThat(index.search(firm, asked).total()).isZero();
    }

    @Test
    void anEmptyQueryBrowsesOnlyTheVisibleMatters() {
        put(matterA, "Lease", "One.", "en");
        put(matterB, "Walled", "Two.", "en");

        IndexResults results = index.search(firm, query("", Set.of(matterA)));

        assertThat(results.total()).isEqualTo(1);
        assertThat(results.hits()).extracting(Hit::matterId).containsOnly(matterA);
    }

    @Test
    void clientTypeClassificationAndDateNarrowTheHitsAndTheFacetsCountMonthsAndYears() {
        UUID other = UUID.randomUUID();
        UUID pdf = index(version(matterA, client, "Contract", "application/pdf", "confidential", march, "indemnity"));
        index(version(
                matterA,
                other,
                "Contract",
                "text/plain",
                "internal",
                Instant.parse("2025-11-02T00:00:00Z"),
                "indemnity"));
        Set<UUID> visible = Set.of(matterA);

        assertThat(index.search(firm, new IndexQuery("indemnity", visible, null, client, null, null, null, null, 0, 10))
                        .hits())
                .extracting(Hit::documentId)
                .containsExactly(pdf);
        assertThat(index.search(
                                firm,
                                new IndexQuery(
                                        "indemnity", visible, null, null, "application/pdf", null, null, null, 0, 10))
                        .total())
                .isEqualTo(1);
        assertThat(index.search(
                                firm,
                                new IndexQuery("indemnity", visible, null, null, null, "internal", null, null, 0, 10))
                        .total())
                .isEqualTo(1);
        assertThat(index.search(
                                firm,
                                new IndexQuery(
                                        "indemnity",
                                        visible,
                                        null,
                                        null,
                                        null,
                                        null,
                                        Instant.parse("2026-01-01T00:00:00Z"),
                                        null,
                                        0,
                                        10))
                        .hits())
                .extracting(Hit::documentId)
                .containsExactly(pdf);

        IndexResults all = index.search(firm, query("indemnity", visible));
        assertThat(all.facets().get("month")).containsEntry("2026-03", 1L).containsEntry("2025-11", 1L);
        assertThat(all.facets().get("year")).containsEntry("2026", 1L).containsEntry("2025", 1L);
        assertThat(all.facets().get("contentType"))
                .containsEntry("application/pdf", 1L)
                .containsEntry("text/plain", 1L);
    }

    @Test
    void pagingReturnsTheRequestedSliceAndTheFullTotal() {
        for (int i = 0; i < 7; i++) {
            put(matterA, "Doc " + i, "indemnity clause number " + i, "en");
        }
        IndexResults page = index.search(
                firm, new IndexQuery("indemnity", Set.of(matterA), null, null, null, null, null, null, 5, 5));
        assertThat(page.hits()).hasSize(2);
        assertThat(page.total()).isEqualTo(7);
    }

    // ---- writes ------------------------------------------------------------------------------------

    @Test
    void aVersionIndexedAgainReplacesItsChunks() {
        IndexedVersion version =
                version(matterA, client, "Lease", "application/pdf", "internal", march, "first text", "second text");
        index.indexVersion(firm, version);
        index.indexVersion(firm, version);

        assertThat(index.chunkCount(firm)).isEqualTo(2);
    }

    @Test
    void deleteVersionRemovesOnlyThatVersion() {
        UUID document = UUID.randomUUID();
        index.indexVersion(firm, version(document, 1, matterA, "Lease", "old wording of the indemnity"));
        index.indexVersion(firm, version(document, 2, matterA, "Lease", "new wording of the indemnity"));

        index.deleteVersion(firm, document, 1);

        IndexResults results = index.search(firm, query("indemnity", Set.of(matterA)));
        assertThat(results.hits()).extracting(Hit::version).containsExactly(2);
        assertThat(index.chunkCount(firm)).isEqualTo(1);
    }

    @Test
    void deleteDocumentRemovesEveryVersion() {
        UUID document = UUID.randomUUID();
        index.indexVersion(firm, version(document, 1, matterA, "Lease", "old wording"));
        index.indexVersion(firm, version(document, 2, matterA, "Lease", "new wording"));
        UUID kept = put(matterA, "Other", "other wording", "en");

        index.deleteDocument(firm, document);

        assertThat(index.search(firm, query("wording", Set.of(matterA))).hits())
                .extracting(Hit::documentId)
                .containsExactly(kept);
    }

    @Test
    void dropFirmDeletesTheDirectoryAndTheIndexStartsEmptyAfterwards() {
        put(matterA, "Lease", "indemnity", "en");
        Path directory = root.resolve(firm.toString());
        assertThat(directory).isDirectory();

        index.dropFirm(firm);

        assertThat(directory).doesNotExist();
        assertThat(index.chunkCount(firm)).isZero();
        assertThat(index.search(firm, query("indemnity", Set.of(matterA))).total())
                .isZero();
        put(matterA, "Lease", "indemnity", "en");
        assertThat(index.chunkCount(firm)).isEqualTo(1);
    }

    @Test
    void firmsAreSeparateIndexes() {
        put(matterA, "Lease", "indemnity", "en");
        UUID otherFirm = UUID.randomUUID();

        assertThat(index.search(otherFirm, query("indemnity", Set.of(matterA))).total())
                .isZero();
        assertThat(root.resolve(otherFirm.toString())).doesNotExist();
    }

    @Test
    void theIndexSurvivesAReopen() {
        UUID document = put(matterA, "Lease", "indemnity", "en");
        index.close();
        index = new LuceneSearchIndex(root);

        assertThat(index.search(firm, query("indemnity", Set.of(matterA))).hits())
                .extracting(Hit::documentId)
                .containsExactly(document);
    }

    // ---- analysis ----------------------------------------------------------------------------------

    @Test
    void namesMatchWithAndWithoutDiacriticsInAnyCase() {
        UUID german = put(matterA, "Akte", "Herr Müller hat den Vertrag unterschrieben.", "de");
        UUID english = put(matterA, "Memo", "Call Mr Muller about the lease.", "en");
        UUID unknown = put(matterA, "Note", "MÜLLER", null);

        for (String typed : List.of("Müller", "Muller", "muller", "MÜLLER")) {
            assertThat(found(typed)).as(typed).containsExactlyInAnyOrder(german, english, unknown);
        }
    }

    @Test
    void swedishWordsMatchTheirInflections() {
        UUID swedish = put(matterA, "Avtal", "Uppsägningen av avtalen sker skriftligen.", "sv");

        assertThat(found("avtal")).containsExactly(swedish);
        assertThat(found("uppsägning")).containsExactly(swedish);
    }

    @Test
    void germanWordsMatchTheirInflections() {
        UUID german = put(matterA, "Verträge", "Die Kündigungsfristen der Verträge sind einzuhalten.", "de");

        assertThat(found("Vertrag")).containsExactly(german);
        assertThat(found("Kündigungsfrist")).containsExactly(german);
    }

    @Test
    void englishStopWordsAloneFindNothing() {
        put(matterA, "Lease", "the and of", "en");

        assertThat(found("the of")).isEmpty();
    }

    // ---- query syntax ------------------------------------------------------------------------------

    @Test
    void aPhraseMatchesOnlyTheWordsInOrder() {
        UUID phrase = put(matterA, "A", "The limitation of liability applies.", "en");
        UUID scattered = put(matterA, "B", "Liability has no limitation here.", "en");

        assertThat(found("\"limitation of liability\"")).containsExactly(phrase);
        assertThat(found("limitation liability")).containsExactlyInAnyOrder(phrase, scattered);
    }

    @Test
    void theLegalThesaurusFindsTheWordsContractsUseRankedBelowTheQuerysOwnWords() {
        UUID own = put(matterA, "A", "Neither party is liable for indirect damages.", "en");
        UUID drafted = put(matterA, "B", "In no event shall either party be liable for consequential damages.", "en");
        put(matterA, "C", "The buyer pays the purchase price on delivery.", "en");

        assertThat(found("indirect damages")).containsExactly(own, drafted);
        // A quoted phrase asks for exactly those words: no thesaurus.
        assertThat(found("\"indirect damages\"")).containsExactly(own);
    }

    @Test
    void theThesaurusLeavesQueriesItDoesNotKnowAndOtherLanguagesAlone() {
        put(matterA, "A", "In no event shall either party be liable for consequential damages.", "en");
        UUID swedish = put(matterA, "B", "Ingen part ansvarar för indirekta skador.", "sv");

        assertThat(found("brightwater")).isEmpty();
        assertThat(found("indirekta skador")).containsExactly(swedish);
    }

    @Test
    void anExclusionRemovesDocumentsWithTheWord() {
        UUID lease = put(matterA, "A", "indemnity under the lease", "en");
        UUID loan = put(matterA, "B", "indemnity under the loan", "en");

        assertThat(found("indemnity -lease")).containsExactly(loan);
        assertThat(found("indemnity -\"the loan\"")).containsExactly(lease);
        assertThat(found("-lease")).containsExactly(loan);
    }

    @Test
    void titleAndPartyPrefixesSearchThoseFieldsOnly() {
        UUID titled = index(versionWith(matterA, "Share purchase agreement", List.of("Acme AB"), "the buyer pays"));
        UUID mentions = index(versionWith(matterA, "Memo", List.of("Nordic Bank ASA"), "a share purchase by Acme"));

        assertThat(found("title:share")).containsExactly(titled);
        assertThat(found("title:\"share purchase\"")).containsExactly(titled);
        assertThat(found("party:acme")).containsExactly(titled);
        assertThat(found("party:\"nordic bank\"")).containsExactly(mentions);
        assertThat(found("share")).containsExactlyInAnyOrder(titled, mentions);
        assertThat(found("title:share buyer")).containsExactly(titled);
    }

    @Test
    void longerWordsAndPartyNamesTolerateTypos() {
        UUID andersson = index(versionWith(matterA, "Memo", List.of("Karl Andersson"), "Meeting with Karl Andersson"));
        UUID indemnity = put(matterA, "Clause", "The indemnification obligations survive.", "en");

        assertThat(found("Andresson")).contains(andersson);
        assertThat(found("party:Andersen")).containsExactly(andersson);
        assertThat(found("indemnifcation")).contains(indemnity);
    }

    @Test
    void oddInputNeverThrows() {
        put(matterA, "Lease", "indemnity (clause) & co: \"quoted\"", "en");
        List<String> odd = new ArrayList<>(List.of(
                "\"",
                "\"\"",
                "\"unbalanced quote",
                "-",
                "- -",
                "--",
                "-\"",
                "title:",
                "party:",
                "party:\"",
                "title:\"open",
                "a:b:c",
                "*",
                "?",
                "~",
                "^2",
                "indemnity~2",
                "[a TO b]",
                "{}",
                "()",
                "!",
                "/regex/",
                "\\",
                "AND OR NOT",
                "&&",
                "||",
                "+",
                "+-+-",
                "\u0000",
                "\uD800",
                "\u202E",
                "😀 emoji",
                "field:value",
                "indemnity^10",
                "x".repeat(10_000),
                "a ".repeat(5_000),
                "\"a\" ".repeat(500)));
        HostileText.refusedEverywhere(100).forEach(sample -> odd.add(sample.sent()));
        for (String typed : odd) {
            assertThatCode(() -> index.search(firm, query(typed, Set.of(matterA))))
                    .as(typed)
                    .doesNotThrowAnyException();
            assertThatCode(() -> index.highlight(typed, "indemnity (clause) & co", "en"))
                    .as(typed)
                    .doesNotThrowAnyException();
        }
        assertThat(found("indemnity~2 (clause)")).hasSize(1);
    }

    // ---- highlighting ------------------------------------------------------------------------------

    @Test
    void highlightsEscapeTheTextAndMarkOnlyTheMatchedTerms() {
        String text = "<script>alert('x')</script> Smith & Jones \"agree\" to indemnify the <b>landlord</b>.";

        String snippet = index.highlight("indemnify landlord", text, "en");

        assertThat(snippet).contains("<mark>indemnify</mark>", "<mark>landlord</mark>", "&lt;script&gt;", "&amp;");
        assertThat(snippet.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
    }

    @Test
    void highlightsFollowTheLanguageAnalysis() {
        assertThat(index.highlight("avtal", "Uppsägningen av avtalen sker skriftligen.", "sv"))
                .contains("<mark>avtalen</mark>");
        assertThat(index.highlight("muller", "Herr Müller hat unterschrieben.", "de"))
                .contains("<mark>Müller</mark>");
        assertThat(index.highlight(
                        "\"limitation of liability\"", "No limitation. The limitation of liability applies.", "en"))
                .isEqualTo("No limitation. The <mark>limitation of liability</mark> applies.");
    }

    @Test
    void withoutAMatchTheSnippetIsTheEscapedBeginning() {
        String snippet = index.highlight("absent", "<i>First</i> words " + "more ".repeat(200), "en");

        assertThat(snippet).startsWith("&lt;i&gt;First&lt;/i&gt; words").doesNotContain("<mark>");
        assertThat(snippet.length()).isLessThan(300);
    }

    @Test
    void aHighlightIsAPassageOfALongChunk() {
        String text =
                "Filler sentence here. ".repeat(100) + "The indemnity applies. " + "More filler text. ".repeat(100);

        String snippet = index.highlight("indemnity", text, "en");

        assertThat(snippet).contains("<mark>indemnity</mark>");
        assertThat(snippet.length()).isLessThan(600);
    }

    // ---- concurrency -------------------------------------------------------------------------------

    @Test
    void indexingWhileSearchingIsSafe() throws Exception {
        int versions = 60;
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            futures.add(pool.submit(() -> {
                for (int i = 0; i < versions; i++) {
                    put(i % 2 == 0 ? matterA : matterB, "Doc " + i, "indemnity clause " + i, "en");
                }
                done.set(true);
            }));
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    long last = 0;
                    while (!done.get()) {
                        IndexResults results = index.search(firm, query("indemnity", Set.of(matterA)));
                        assertThat(results.hits())
                                .allMatch(hit -> hit.matterId().equals(matterA));
                        assertThat(results.total()).isGreaterThanOrEqualTo(last);
                        last = results.total();
                        Thread.sleep(2);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.chunkCount(firm)).isEqualTo(versions);
        assertThat(index.search(firm, query("indemnity", Set.of(matterA))).total())
                .isEqualTo(versions / 2);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private List<UUID> found(String typed) {
        return index.search(firm, query(typed, Set.of(matterA, matterB))).hits().stream()
                .map(Hit::documentId)
                .toList();
    }

    private static IndexQuery scoped(MatterScope scope, @Nullable UUID matter) {
        return new IndexQuery("indemnify", scope, matter, null, null, null, null, null, 0, 10, null);
    }

    private static IndexQuery query(String text, Set<UUID> visible) {
        return new IndexQuery(text, visible, null, null, null, null, null, null, 0, 20);
    }

    private UUID put(UUID matter, String title, String text, @Nullable String language) {
        return index(new IndexedVersion(
                UUID.randomUUID(),
                1,
                matter,
                client,
                title,
                "application/pdf",
                "internal",
                march,
                List.of(),
                List.of(chunk(0, text, language))));
    }

    private UUID index(IndexedVersion version) {
        index.indexVersion(firm, version);
        return version.documentId();
    }

    private IndexedVersion version(UUID document, int number, UUID matter, String title, String text) {
        return new IndexedVersion(
                document,
                number,
                matter,
                client,
                title,
                "application/pdf",
                "internal",
                march,
                List.of(),
                List.of(chunk(0, text, "en")));
    }

    private IndexedVersion versionWith(UUID matter, String title, List<String> parties, String text) {
        return new IndexedVersion(
                UUID.randomUUID(),
                1,
                matter,
                client,
                title,
                "application/pdf",
                "internal",
                march,
                parties,
                List.of(chunk(0, text, "en")));
    }

    private static IndexedVersion version(
            UUID matter,
            UUID client,
            String title,
            String type,
            String classification,
            Instant stored,
            String... texts) {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            chunks.add(chunk(i, texts[i], "en"));
        }
        return new IndexedVersion(
                UUID.randomUUID(), 1, matter, client, title, type, classification, stored, List.of(), chunks);
    }

    private static IndexedChunk chunk(int number, String text, @Nullable String language) {
        return new IndexedChunk(
                UUID.randomUUID(), new TextChunk(number, text, "body", "", 1, 0, text.length(), language));
    }
}
