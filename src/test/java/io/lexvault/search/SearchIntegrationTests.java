package io.lexvault.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.crypto.FieldEncryption;
import io.lexvault.crypto.FirmKeys;
import io.lexvault.crypto.KeysDestroyedException;
import io.lexvault.documents.DocumentUploads;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.matters.parties.Parties;
import io.lexvault.matters.parties.PartyKind;
import io.lexvault.matters.parties.PartyRole;
import io.lexvault.search.chunking.TextChunk;
import io.lexvault.search.index.IndexedVersion;
import io.lexvault.search.index.SearchIndex;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.RuntimeRoleSql;
import io.lexvault.testsupport.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Search end to end: uploads through the API are indexed through the documents module's events (the
 * JDBC event publication registry), found through {@code /api/v1/search} and the page with highlighted
 * passages, and never across a wall: another firm's and a walled person's content is in no hit, count
 * or facet; a wall added after indexing counts at the next query; deleted documents and superseded
 * versions disappear; the chunks' rows obey the wall for raw SQL as the runtime role; a corrupted index
 * entry is dropped by the re-check; crypto-shredding deletes the index and leaves the chunks unreadable.
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.search.index-path=target/test-var/search-index-tests"
        })
@AutoConfigureMockMvc
class SearchIntegrationTests extends FirmWebTest {

    @RegisterExtension
    static final RuntimeRoleSql.PerClass runtimeSql = RuntimeRoleSql.perClass("search-probes");

    @Autowired
    Matters matters;

    @Autowired
    Teams teams;

    @Autowired
    Parties parties;

    @Autowired
    EthicalWalls walls;

    @Autowired
    SearchIndex index;

    @Autowired
    SearchIndexing indexing;

    @Autowired
    DocumentSearch search;

    @Autowired
    AuditTrail trail;

    @Autowired
    FirmKeys keys;

    @Autowired
    FieldEncryption fields;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EventPublicationRegistry registry;

    @Autowired
    IncompleteEventPublications incomplete;

    @Autowired
    TransactionTemplate transactions;

    TenantId firm;
    TenantId otherFirm;
    People.Person attorney;
    People.Person paralegal;
    People.Person screened;
    People.Person wallsOfficer;
    People.Person outsider;
    MatterId open;
    MatterId walled;
    MatterId elsewhere;
    Cookie attorneySession;

    @BeforeEach
    void aFirmWithAnOpenAndAWalledMatter() throws Exception {
        firm = Firms.aFirm(tenants, "Search " + TestDatabase.randomName());
        attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        paralegal = People.withRoles(accounts, roles, firm, BuiltInRole.PARALEGAL);
        screened = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        wallsOfficer = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        otherFirm = Firms.aFirm(tenants, "Elsewhere " + TestDatabase.randomName());
        outsider = People.withRoles(accounts, roles, otherFirm, BuiltInRole.ADMINISTRATOR);
        open = as(attorney, () -> {
            var id = matters.open(
                    matters.openClient("Acme Holdings"), "S-" + TestDatabase.randomName(), "Acme share deal");
            var ref = matters.ref(id).orElseThrow();
            teams.add(ref, Member.user(paralegal.id()));
            teams.add(ref, Member.user(screened.id()));
            return id;
        });
        walled = as(attorney, () -> {
            var id =
                    matters.open(matters.openClient("Bridge Works"), "W-" + TestDatabase.randomName(), "Bridge tender");
            var ref = matters.ref(id).orElseThrow();
            teams.add(ref, Member.user(paralegal.id()));
            teams.add(ref, Member.user(screened.id()));
            return id;
        });
        as(
                wallsOfficer,
                () -> walls.create(walled.value(), null, "Acted for a bidder", Set.of(Member.user(screened.id()))));
        elsewhere = as(
                outsider,
                () -> matters.open(matters.openClient("Müller AG"), "E-" + TestDatabase.randomName(), "Müller matter"));
        attorneySession = http.signIn(attorney);
    }

    @Test
    void anUploadIsIndexedThroughItsEventAndFoundWithHighlightedPassagesAndAnAuditedKeyedHash() throws Exception {
        UUID document = uploaded(
                attorneySession,
                open,
                "share-purchase.txt",
                "Share purchase agreement\n\nThe purchaser Müller GmbH pays the price on completion.\n");
        var status = awaitIndexed(attorneySession, document);
        assertThat(status.get("chunks").asInt()).isPositive();

        var results = searchAs(attorneySession, "muller");
        var hit = hitFor(results, document);
        assertThat(hit).as("ASCII folding: muller finds Müller").isNotNull();
        assertThat(hit.get("version").asInt()).isEqualTo(1);
        assertThat(hit.get("matterId").asString()).isEqualTo(open.value().toString());
        String snippet = hit.get("passages").get(0).get("snippet").asString();
        assertThat(snippet).contains("<mark>").contains("Müller");
        assertThat(results.get("total").asLong()).isPositive();

        var events = events(AuditAction.SEARCH_RUN);
        assertThat(events).isNotEmpty();
        var details = events.getLast().details();
        assertThat(details.values())
                .as("no query text in the audit log")
                .noneMatch(v -> v.toLowerCase().contains("muller"));
        assertThat(as(attorney, () -> search.queryMatches(details.get("query_hmac"), "muller")))
                .as("an investigator holding the text can confirm it")
                .isTrue();
        assertThat(as(attorney, () -> search.queryMatches(details.get("query_hmac"), "mueller")))
                .isFalse();
        var returned = events(AuditAction.SEARCH_RESULTS_RETURNED);
        assertThat(returned)
                .anySatisfy(e -> assertThat(e.details().get("documents")).contains(document.toString()));

        var page = http.page(attorneySession, "/search?q=muller");
        assertThat(page).contains("share-purchase").contains("<mark>");
        var matterPage = http.page(attorneySession, "/search?q=purchaser&matter=" + open.value());
        assertThat(matterPage).contains("<mark>purchaser</mark>");
    }

    @Test
    void phrasesExclusionsTitlesAndMisspeltNamesWorkThroughTheApi() throws Exception {
        UUID agreement = uploaded(
                attorneySession,
                open,
                "completion-agreement.txt",
                "Share purchase agreement. The purchaser pays the price on completion.\n"
                        + "Witness: Carlotta Grimaldi, notary.\n");
        UUID memo = uploaded(
                attorneySession,
                open,
                "draft-memo.txt",
                "Draft note on the purchase: the price pays for the shares after completion.\n");
        awaitIndexed(attorneySession, agreement);
        awaitIndexed(attorneySession, memo);

        assertThat(documentIds(searchAs(attorneySession, "purchase"))).containsExactlyInAnyOrder(agreement, memo);
        assertThat(documentIds(searchAs(attorneySession, "\"purchaser pays\"")))
                .as("a phrase matches its words in that order only")
                .containsExactly(agreement);
        var excluded = searchAs(attorneySession, "purchase -draft");
        assertThat(documentIds(excluded))
                .as("an exclusion leaves out what contains the word")
                .containsExactly(agreement);
        assertThat(documentIds(searchAs(attorneySession, "purchase -\"share purchase\"")))
                .containsExactly(memo);
        assertThat(documentIds(searchAs(attorneySession, "title:memo")))
                .as("title: searches titles only (the memo's text does not say memo)")
                .containsExactly(memo);
        assertThat(documentIds(searchAs(attorneySession, "title:agreement"))).containsExactly(agreement);
        var misspelt = searchAs(attorneySession, "Grimaldy");
        assertThat(documentIds(misspelt)).as("a name with a typo").containsExactly(agreement);
        assertThat(misspelt.get("documents")
                        .get(0)
                        .get("passages")
                        .get(0)
                        .get("snippet")
                        .asString())
                .contains("<mark>Grimaldi</mark>");
    }

    @Test
    void partyPrefixFindsTheDocumentsOfMattersWithThatPartyInsideTheWalls() throws Exception {
        UUID openDocument = uploaded(attorneySession, open, "loan.txt", "Facility letter for the tender financing.\n");
        UUID walledDocument =
                uploaded(attorneySession, walled, "bid.txt", "Our bid in the tender, scoring and pricing.\n");
        awaitIndexed(attorneySession, openDocument);
        awaitIndexed(attorneySession, walledDocument);
        as(attorney, () -> {
            parties.add(open, "Nordic Bank AB", PartyKind.ORGANISATION, PartyRole.OTHER, null);
            parties.add(walled, "Müller GmbH", PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, null);
            return null;
        });

        assertThat(documentIds(searchAs(attorneySession, "party:muller")))
                .as("folded like conflict checks: Müller GmbH is muller")
                .containsExactly(walledDocument);
        assertThat(documentIds(searchAs(attorneySession, "party:Mueller"))).containsExactly(walledDocument);
        assertThat(documentIds(searchAs(attorneySession, "party:\"nordic bank\"")))
                .containsExactly(openDocument);
        assertThat(documentIds(searchAs(attorneySession, "tender party:nordic")))
                .containsExactly(openDocument);
        assertThat(documentIds(searchAs(attorneySession, "tender -party:muller")))
                .containsExactly(openDocument);
        assertThat(documentIds(searchAs(attorneySession, "party:Keller"))).isEmpty();

        // Parties are read at query time: one added after indexing counts at once, no reindexing.
        as(attorney, () -> parties.add(open, "Keller & Partner", PartyKind.ORGANISATION, PartyRole.OTHER, null));
        assertThat(documentIds(searchAs(attorneySession, "party:keller"))).containsExactly(openDocument);

        var screenedSession = http.signIn(screened);
        var screenedResults = searchAs(screenedSession, "party:muller");
        assertThat(documentIds(screenedResults))
                .as("the walled matter's party is not the screened one's")
                .isEmpty();
        assertThat(screenedResults.get("total").asLong()).isZero();
        assertThat(screenedResults.toString()).doesNotContain(walled.value().toString());
        assertThat(documentIds(searchAs(screenedSession, "party:nordic"))).containsExactly(openDocument);
    }

    @Test
    void anotherFirmsAndAWalledPersonsContentIsInNoHitCountOrFacet() throws Exception {
        UUID visible = uploaded(attorneySession, open, "open.txt", "Memo on the Zephyrine bid for the bridge.\n");
        UUID walledDocument = uploaded(attorneySession, walled, "walled.txt", "Zephyrine tender strategy, walled.\n");
        var outsiderSession = http.signIn(outsider);
        UUID foreign = uploaded(outsiderSession, elsewhere, "foreign.txt", "Zephyrine in another firm entirely.\n");
        awaitIndexed(attorneySession, visible);
        awaitIndexed(attorneySession, walledDocument);
        awaitIndexed(outsiderSession, foreign);

        var attorneys = searchAs(attorneySession, "zephyrine");
        assertThat(documentIds(attorneys)).containsExactlyInAnyOrder(visible, walledDocument);

        var screenedSession = http.signIn(screened);
        var screenedResults = searchAs(screenedSession, "zephyrine");
        assertThat(documentIds(screenedResults)).containsExactly(visible);
        String everything = screenedResults.toString();
        assertThat(everything)
                .as("no trace of the walled matter or document in hits, facets or counts")
                .doesNotContain(walled.value().toString())
                .doesNotContain(walledDocument.toString())
                .doesNotContain(foreign.toString())
                .doesNotContain(elsewhere.value().toString());
        assertThat(screenedResults.get("total").asLong())
                .isLessThan(attorneys.get("total").asLong());
        assertThat(http.page(screenedSession, "/search?q=zephyrine"))
                .doesNotContain("walled.txt")
                .doesNotContain("tender strategy");

        var outsiders = searchAs(outsiderSession, "zephyrine");
        assertThat(documentIds(outsiders)).containsExactly(foreign);
        assertThat(outsiders.toString()).doesNotContain(open.value().toString()).doesNotContain(visible.toString());

        // A matter filter naming a walled or foreign matter is 404, like everywhere else.
        assertThat(http.status(screenedSession, "/api/v1/search?q=zephyrine&matter=" + walled.value()))
                .isEqualTo(404);
        assertThat(http.status(attorneySession, "/api/v1/search?q=zephyrine&matter=" + elsewhere.value()))
                .isEqualTo(404);
        // search.use is needed: the auditor role does not hold it.
        var auditor = People.withRoles(accounts, roles, firm, BuiltInRole.AUDITOR);
        assertThat(http.status(http.signIn(auditor), "/api/v1/search?q=zephyrine"))
                .isEqualTo(403);
    }

    @Test
    void aWallAddedAfterIndexingHidesTheContentAtTheNextQuery() throws Exception {
        UUID document = uploaded(attorneySession, open, "note.txt", "Attendance note about Quillfeather.\n");
        awaitIndexed(attorneySession, document);
        var paralegalSession = http.signIn(paralegal);
        assertThat(documentIds(searchAs(paralegalSession, "quillfeather"))).containsExactly(document);

        as(wallsOfficer, () -> walls.create(open.value(), null, "Now conflicted", Set.of(Member.user(paralegal.id()))));

        var after = searchAs(paralegalSession, "quillfeather");
        assertThat(documentIds(after)).isEmpty();
        assertThat(after.get("total").asLong()).isZero();
        assertThat(documentIds(searchAs(attorneySession, "quillfeather"))).containsExactly(document);
    }

    @Test
    void aClientWideWallAddedAfterIndexingHidesThatClientsMattersFromAReaderOfAllMatters() throws Exception {
        UUID document = uploaded(attorneySession, open, "acme.txt", "Heliograph memo for the share deal.\n");
        awaitIndexed(attorneySession, document);
        var screenedSession = http.signIn(screened);
        assertThat(documentIds(searchAs(screenedSession, "heliograph"))).containsExactly(document);
        UUID acme = as(attorney, () -> matters.ref(open).orElseThrow().client());

        as(wallsOfficer, () -> walls.create(null, acme, "Acting against Acme", Set.of(Member.user(screened.id()))));

        var after = searchAs(screenedSession, "heliograph");
        assertThat(documentIds(after)).isEmpty();
        assertThat(after.get("total").asLong()).isZero();
        assertThat(after.toString())
                .as("no trace of the client's matter in hits, counts or facets")
                .doesNotContain(open.value().toString())
                .doesNotContain(acme.toString())
                .doesNotContain(document.toString());
        assertThat(documentIds(searchAs(http.signIn(wallsOfficer), "heliograph")))
                .as("the other reader of all matters")
                .containsExactly(document);
    }

    @Test
    void aDeletedDocumentAndASupersededVersionDisappear() throws Exception {
        UUID gone = uploaded(attorneySession, open, "gone.txt", "Brightwater settlement draft.\n");
        UUID revised = uploaded(attorneySession, open, "revised.txt", "First draft mentions Ashcombe.\n");
        awaitIndexed(attorneySession, gone);
        awaitIndexed(attorneySession, revised);
        assertThat(documentIds(searchAs(attorneySession, "brightwater"))).containsExactly(gone);

        assertThat(http.statusOf(attorneySession, delete("/api/v1/documents/" + gone), null))
                .isEqualTo(204);
        assertThat(documentIds(searchAs(attorneySession, "brightwater"))).isEmpty();
        assertThat(runtimeSql.count(
                        firm,
                        attorney,
                        "SELECT count(*) FROM lexvault.document_chunks WHERE document_id = :id",
                        Map.of("id", gone)))
                .as("the chunks went with the document")
                .isZero();

        var second = upload(
                attorneySession,
                open,
                DocumentUploads.aFile(
                                "revised-2.txt",
                                "Second draft mentions Ravensworth.\n".getBytes(StandardCharsets.UTF_8))
                        .field("documentId", revised.toString()));
        assertThat(second.getStatus()).as(second.getContentAsString()).isEqualTo(201);
        awaitVersionIndexed(attorneySession, revised, 2);
        var found = searchAs(attorneySession, "ravensworth");
        assertThat(documentIds(found)).containsExactly(revised);
        assertThat(hitFor(found, revised).get("version").asInt()).isEqualTo(2);
        assertThat(documentIds(searchAs(attorneySession, "ashcombe")))
                .as("version 1 is no longer searched")
                .isEmpty();
    }

    @Test
    void rawSqlAsTheRuntimeRoleOnTheChunksObeysTheMatterWall() throws Exception {
        UUID document = uploaded(attorneySession, walled, "walled.txt", "Walled words about Thornbury.\n");
        awaitIndexed(attorneySession, document);
        var sql = runtimeSql;
        String chunks = "SELECT count(*) FROM lexvault.document_chunks WHERE document_id = :id";
        String versions = "SELECT count(*) FROM lexvault.search_versions WHERE document_id = :id";
        var id = Map.of("id", document);
        assertThat(sql.count(firm, attorney, chunks, id)).isPositive();
        assertThat(sql.count(firm, attorney, versions, id)).isEqualTo(1);
        assertThat(sql.count(firm, screened, chunks, id))
                .as("the screened administrator")
                .isZero();
        assertThat(sql.count(firm, screened, versions, id)).isZero();
        assertThat(sql.count(firm, null, chunks, id)).as("nobody acting").isZero();
        assertThat(sql.count(otherFirm, outsider, chunks, id))
                .as("another firm")
                .isZero();
        assertThat(sql.count(null, null, chunks, id)).as("no firm bound").isZero();
        // The ciphertext is what the rows hold: no text in the clear.
        byte[] stored = sql.as(
                firm,
                attorney,
                jdbc -> jdbc.sql("SELECT text_ciphertext FROM lexvault.document_chunks WHERE document_id = :id LIMIT 1")
                        .param("id", document)
                        .query(byte[].class)
                        .single());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Thornbury");
        // Deleting around the definer functions: no DELETE for the runtime role at all.
        assertThatThrownBy(() -> sql.as(
                        firm,
                        attorney,
                        jdbc -> jdbc.sql("DELETE FROM lexvault.document_chunks WHERE document_id = :id")
                                .param("id", document)
                                .update()))
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void aCorruptedIndexEntryPointingAtAnotherFirmsChunkIsDroppedByTheRecheck() throws Exception {
        UUID own = uploaded(attorneySession, open, "own.txt", "An ordinary note of this firm.\n");
        awaitIndexed(attorneySession, own);
        var outsiderSession = http.signIn(outsider);
        UUID foreign = uploaded(outsiderSession, elsewhere, "foreign.txt", "Marrowgate privileged advice.\n");
        awaitIndexed(outsiderSession, foreign);
        UUID foreignChunk = runtimeSql.as(
                otherFirm,
                outsider,
                jdbc -> jdbc.sql("SELECT id FROM lexvault.document_chunks WHERE document_id = :id AND number = 0")
                        .param("id", foreign)
                        .query(UUID.class)
                        .single());
        // An entry in this firm's index, under a matter the attorney sees, naming the other firm's chunk.
        index.indexVersion(
                firm.value(),
                new IndexedVersion(
                        foreign,
                        1,
                        open.value(),
                        as(attorney, () -> matters.ref(open).orElseThrow().client()),
                        "Injected",
                        "text/plain",
                        "CONFIDENTIAL",
                        Instant.now(),
                        List.of(),
                        List.of(new IndexedVersion.IndexedChunk(
                                foreignChunk,
                                new TextChunk(0, "Marrowgate privileged advice.", "body", "", null, 0, 29, "en")))));
        double droppedBefore = dropped();

        var results = searchAs(attorneySession, "marrowgate");
        assertThat(documentIds(results)).isEmpty();
        assertThat(results.toString()).doesNotContain(foreign.toString()).doesNotContain("privileged");
        assertThat(dropped()).as("the dropped hit is counted").isGreaterThan(droppedBefore);
    }

    @Test
    void reindexRebuildsTheIndexFromTheDatabaseAndTheBlobs() throws Exception {
        UUID document = uploaded(attorneySession, open, "kept.txt", "Pellinore indemnity clause.\n");
        awaitIndexed(attorneySession, document);
        index.dropFirm(firm.value());
        assertThat(documentIds(searchAs(attorneySession, "pellinore"))).isEmpty();

        var rebuild = TenantContext.callAs(firm, null, indexing::reindex);
        assertThat(rebuild.indexed()).isEqualTo(1);
        assertThat(documentIds(searchAs(attorneySession, "pellinore"))).containsExactly(document);
    }

    @Test
    void destroyingTheFirmsKeysDeletesItsIndexAndLeavesItsChunksUnreadable() throws Exception {
        UUID document = uploaded(attorneySession, open, "shred.txt", "Galloway disclosure schedule.\n");
        awaitIndexed(attorneySession, document);
        Path directory = Path.of("target/test-var/search-index-tests")
                .resolve(firm.value().toString());
        assertThat(directory).exists();
        var row = runtimeSql.as(
                firm,
                attorney,
                jdbc -> jdbc.sql("SELECT text_ciphertext, number FROM lexvault.document_chunks WHERE document_id = :id"
                                + " ORDER BY number LIMIT 1")
                        .param("id", document)
                        .query((rs, n) -> Map.entry(rs.getBytes(1), rs.getInt(2)))
                        .single());

        TenantContext.callAs(firm, null, keys::destroy);

        assertThat(Files.exists(directory))
                .as("the firm's index directory is gone")
                .isFalse();
        assertThatThrownBy(() -> TenantContext.callAs(
                        firm,
                        null,
                        () -> fields.decrypt(row.getKey(), "search-chunk:" + document + ":1:" + row.getValue())))
                .isInstanceOf(KeysDestroyedException.class);
    }

    @Test
    void aDocumentEventLeftIncompleteByACrashIsHandledWhenItIsPublishedAgain() throws Exception {
        UUID document = uploaded(attorneySession, open, "crash.txt", "Wolverstone escrow terms.\n");
        awaitIndexed(attorneySession, document);
        // As if the process had died after the upload's commit and before its event was handled: no
        // status, no chunks, nothing in the index, and the event still in the registry, incomplete.
        try (var admin = TestDatabase.shared().administrator().connect();
                var statement = admin.prepareStatement("DELETE FROM lexvault.search_versions WHERE document_id = ?")) {
            statement.setObject(1, document);
            statement.executeUpdate();
        }
        index.deleteDocument(firm.value(), document);
        var event = new io.lexvault.documents.DocumentVersionStored(
                firm, new io.lexvault.documents.DocumentId(document), 1);
        transactions.executeWithoutResult(s -> registry.store(
                event,
                java.util.stream.Stream.of(PublicationTargetIdentifier.of(IndexingListener.class.getName() + ".on("
                        + event.getClass().getName() + ")"))));
        assertThat(http.getJson(attorneySession, "/api/v1/documents/" + document)
                        .get("indexing")
                        .get("state")
                        .asString())
                .isEqualTo("queued");
        assertThat(documentIds(searchAs(attorneySession, "wolverstone"))).isEmpty();

        // What LexVault does at start (spring.modulith.events.republish-outstanding-events-on-restart).
        incomplete.resubmitIncompletePublications(
                publication -> publication.getEvent().equals(event));

        awaitIndexed(attorneySession, document);
        assertThat(documentIds(searchAs(attorneySession, "wolverstone"))).containsExactly(document);
        assertThat(registry.findIncompletePublications())
                .as("handled, the publication is complete")
                .noneMatch(p -> p.getEvent().equals(event));
    }

    // Helpers

    private UUID uploaded(Cookie session, MatterId matter, String name, String text) throws Exception {
        var response = upload(session, matter, DocumentUploads.aFile(name, text.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return UUID.fromString(
                json.readTree(response.getContentAsString()).get("id").asString());
    }

    private MockHttpServletResponse upload(Cookie session, MatterId matter, DocumentUploads upload) throws Exception {
        return mvc.perform(post("/api/v1/matters/" + matter.value() + "/documents")
                        .cookie(session)
                        .with(csrf())
                        .contentType(upload.contentType())
                        .content(upload.body()))
                .andReturn()
                .getResponse();
    }

    private JsonNode awaitIndexed(Cookie session, UUID document) throws Exception {
        return awaitVersionIndexed(session, document, 1);
    }

    /** Indexing runs after the upload's commit, off the request: wait (bounded) for its status. */
    private JsonNode awaitVersionIndexed(Cookie session, UUID document, int version) throws Exception {
        JsonNode status = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            var details = http.getJson(session, "/api/v1/documents/" + document);
            status = details.get("indexing");
            if (details.get("currentVersion").asInt() == version
                    && !status.get("state").asString().equals("queued")
                    && !status.get("state").asString().equals("extracting")) {
                assertThat(status.get("state").asString()).as(status.toString()).isEqualTo("indexed");
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not indexed in time: " + status);
    }

    private JsonNode searchAs(Cookie session, String q) throws Exception {
        // A URI, not a template: MockMvc would encode the encoded query's % again.
        var response = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                java.net.URI.create("/api/v1/search?q="
                                        + java.net.URLEncoder.encode(q, StandardCharsets.UTF_8)
                                                .replace("+", "%20")))
                        .cookie(session))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<UUID> documentIds(JsonNode results) {
        var ids = new ArrayList<UUID>();
        results.get("documents")
                .forEach(d -> ids.add(UUID.fromString(d.get("documentId").asString())));
        return ids;
    }

    private static JsonNode hitFor(JsonNode results, UUID document) {
        for (var d : results.get("documents")) {
            if (d.get("documentId").asString().equals(document.toString())) {
                return d;
            }
        }
        return null;
    }

    private double dropped() {
        var counter = meters.find("lexvault.search.hits.dropped").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<AuditTrail.Event> events(AuditAction action) {
        return TenantContext.callAs(
                firm,
                null,
                () -> trail.page(
                        new AuditTrail.Filter(null, action, null, null, null, null, null),
                        AuditTrail.Order.OLDEST_FIRST,
                        0,
                        100));
    }
}
