package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.access.BuiltInRole;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.documents.DocumentUploads;
import io.lexvault.documents.SampleFiles;
import io.lexvault.storage.BlobStore;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.RuntimeRoleSql;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Nothing of a wall reaches the people it screens through the audit log (docs/security.md §1): every
 * action type LexVault can record about a matter or a client is produced on a walled matter and on a
 * walled client, and a reader screened directly and one screened through a group, both holding
 * {@code audit.read} and {@code audit.export}, look for those events through every way the log is
 * read: the page (unfiltered, by action, by person, by matter), the timelines of every walled
 * object, the CSV and JSON exports, the verifiers' events API and the proof downloads. An unscreened
 * auditor of the same firm finds every one of them the same ways, so no probe passes by being broken.
 *
 * <p>The actions are produced for real, through the HTTP API as people use it, except those that
 * no code records yet (catalogued for features to come): those go through the ledger with the
 * matter and client they would carry.
 */
// The sequencer's schedule is off (every test context runs it hourly at most: TestDatabaseInitializer,
// whose settings outrank these), so this class shares the most common context.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditWallScreeningIntegrationTests extends FirmWebTest {

    /** How an action concerns what a wall protects, and so how this test produces it. */
    enum Produced {
        /** Never about one matter or client (sign-ins, people, roles, keys, the log as a whole). */
        NOT_ABOUT_A_MATTER_OR_CLIENT,
        /** About a matter (and its client): produced by a real call on the walled matters. */
        ON_A_MATTER,
        /** About a client itself: produced by a real call on the walled client. */
        ON_A_CLIENT,
        /** About a matter, but no code records it yet: recorded through the ledger as it would be. */
        CATALOGUED_ON_A_MATTER,
        /** About a client, but no code records it yet: recorded through the ledger as it would be. */
        CATALOGUED_ON_A_CLIENT
    }

    /**
     * Every action, classified. A switch without a default: an action added to the catalogue does not
     * compile here until someone decides whether it can concern a walled matter or client, and if so
     * produces it below.
     */
    static Produced produced(AuditAction action) {
        return switch (action) {
            case SIGN_IN_SUCCEEDED,
                    SIGN_IN_FAILED,
                    SIGN_IN_THROTTLED,
                    SIGNED_OUT,
                    ACCOUNT_LOCKED,
                    ACCOUNT_UNLOCKED,
                    ACCOUNT_CREATED,
                    ACCOUNT_DEACTIVATED,
                    ACCOUNT_REACTIVATED,
                    EMAIL_VERIFIED,
                    PASSWORD_CHANGED,
                    PASSWORD_REHASHED,
                    PASSWORD_RESET_REQUESTED,
                    PASSWORD_RESET,
                    MFA_ENROLLED,
                    MFA_REMOVED,
                    MFA_RESET,
                    MFA_POLICY_CHANGED,
                    SECOND_FACTOR_FAILED,
                    BACKUP_CODES_REGENERATED,
                    BACKUP_CODE_USED,
                    PASSKEY_REGISTERED,
                    PASSKEY_REMOVED,
                    SESSION_REVOKED,
                    OTHER_SESSIONS_REVOKED,
                    SESSION_EXPIRED,
                    API_KEY_CREATED,
                    API_KEY_REVOKED,
                    API_KEY_REFUSED,
                    SSO_CONFIGURED,
                    SSO_LINKED,
                    INVITATION_SENT,
                    INVITATION_ACCEPTED,
                    FIRM_SIGNED_UP,
                    FIRM_SETTINGS_CHANGED,
                    ROLE_CREATED,
                    ROLE_CHANGED,
                    ROLE_DELETED,
                    ROLE_ASSIGNED,
                    ROLE_REMOVED,
                    GROUP_CREATED,
                    GROUP_MEMBER_ADDED,
                    GROUP_MEMBER_REMOVED,
                    GROUP_DELETED,
                    DOCUMENT_ORPHANS_SWEPT,
                    // A 403 records the permission and the route's pattern ("/api/v1/documents/{id}"),
                    // never the ids in the path (produced below all the same, on a walled document).
                    PERMISSION_DENIED,
                    KEYS_ROTATED,
                    KEYS_ROOT_ROTATED,
                    KEYS_DESTROYED,
                    BACKUP_VERIFIED,
                    AUDIT_RETENTION_CHANGED,
                    AUDIT_EVENTS_EXPIRED,
                    CHECKPOINT_EXPORTED,
                    ADMIN_COMMAND_RUN,
                    // asst-providers: the firm's assistant settings, a user's switch, a connection test.
                    ASSISTANT_SETTINGS_CHANGED,
                    ASSISTANT_USER_SWITCHED,
                    ASSISTANT_CONNECTION_TESTED -> Produced.NOT_ABOUT_A_MATTER_OR_CLIENT;
            case WALL_CREATED,
                    WALL_CHANGED,
                    WALL_REMOVED,
                    MATTER_OPENED,
                    MATTER_CHANGED,
                    MATTER_CLOSED,
                    MATTER_ACCESS_DENIED,
                    TEAM_MEMBER_ADDED,
                    TEAM_MEMBER_REMOVED,
                    CONFLICT_CHECKED,
                    CONFLICT_REPORT_SAVED,
                    MATTER_PARTY_ADDED,
                    MATTER_PARTY_CHANGED,
                    MATTER_PARTY_REMOVED,
                    DOCUMENT_UPLOADED,
                    DOCUMENT_DOWNLOADED,
                    DOCUMENT_DELETED,
                    DOCUMENT_CLASSIFIED,
                    DOCUMENT_ACCESS_DENIED,
                    DOCUMENT_UPLOAD_REFUSED,
                    DOCUMENT_INTEGRITY_FAILED,
                    // A search scoped to the matter, and the matter's documents an unscoped search returned.
                    SEARCH_RUN,
                    SEARCH_RESULTS_RETURNED,
                    AUDIT_VIEWED,
                    AUDIT_EXPORTED -> Produced.ON_A_MATTER;
            case CLIENT_CREATED, CLIENT_CHANGED -> Produced.ON_A_CLIENT;
            case MATTER_VIEWED,
                    DOCUMENT_VIEWED,
                    DOCUMENT_SHARED,
                    ASSISTANT_ASKED,
                    ASSISTANT_REFUSED,
                    ASSISTANT_PREVIEWED,
                    EXPORT_CREATED,
                    PRIVACY_REQUEST_RECEIVED,
                    PRIVACY_REQUEST_COMPLETED,
                    // AI assistant — receipts and saved answers: always on the note's or receipt's matter
                    // (their own tests produce them).
                    ASSISTANT_ANSWER_SAVED,
                    ASSISTANT_RECEIPT_FETCHED,
                    // Recorded by /admin/indexing's retry (IndexingAdminIntegrationTests produces it).
                    SEARCH_INDEXING_RETRIED -> Produced.CATALOGUED_ON_A_MATTER;
            // asst-providers: a client's assistant rule (recorded naming the client).
            case CLIENT_DELETED, ASSISTANT_CLIENT_POLICY_CHANGED -> Produced.CATALOGUED_ON_A_CLIENT;
        };
    }

    @RegisterExtension
    static final RuntimeRoleSql.PerClass runtimeSql = RuntimeRoleSql.perClass("audit-wall-probes");

    @Autowired
    AuditLedger ledger;

    @Autowired
    AuditSequencer sequencer;

    @Autowired
    BlobStore blobs;

    @Autowired
    TransactionTemplate transactions;

    TenantId firm;
    People.Person admin;
    People.Person colleague;
    People.Person staff;
    Cookie adminSession;
    Cookie staffSession;

    @Test
    void noEventAboutAWalledMatterOrClientReachesAScreenedReaderThroughAnyAuditPath() throws Exception {
        firm = aFirm("Audit walls");
        admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        colleague = withRole(firm, BuiltInRole.ATTORNEY);
        // Reads matters and documents but is on no team and may delete nothing: refused looks, 403s.
        staff = withRole(firm, BuiltInRole.STAFF);
        var directReader = withRole(firm, BuiltInRole.AUDITOR);
        var groupReader = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var control = withRole(firm, BuiltInRole.AUDITOR);
        adminSession = MockSignIn.session(mvc, admin);
        staffSession = MockSignIn.session(mvc, staff);
        var directSession = MockSignIn.session(mvc, directReader);
        var groupSession = MockSignIn.session(mvc, groupReader);
        var controlSession = MockSignIn.session(mvc, control);

        UUID group = id(http.send(adminSession, post("/api/v1/groups"), Map.of("name", "Screened " + randomName())));
        http.send(adminSession, post("/api/v1/groups/" + group + "/members"), Map.of("userId", uuid(groupReader)));
        var screened = List.of(
                Map.of("type", "user", "id", uuid(directReader)), Map.of("type", "group", "id", group.toString()));

        // A matter wall: the client stays visible, the matter and everything in it do not.
        UUID openClient = id(http.send(adminSession, post("/api/v1/clients"), client("Open Client " + randomName())));
        var before = eventIds();
        UUID walledMatter = openMatter(openClient);
        UUID matterWall = id(http.send(
                adminSession,
                post("/api/v1/walls"),
                Map.of(
                        "matterId",
                        walledMatter.toString(),
                        "reason",
                        "Acted for the other side",
                        "screened",
                        screened)));
        var walledObjects = new LinkedHashSet<UUID>(List.of(walledMatter, matterWall));
        walledObjects.addAll(everythingOnAMatter(walledMatter, openClient, matterWall, screened));
        var matterEvents = concerningEventsSince(before);

        // A client-wide wall: the client, and every matter of it, present and future.
        before = eventIds();
        UUID walledClient =
                id(http.send(adminSession, post("/api/v1/clients"), client("Walled Client " + randomName())));
        assertThat(http.send(adminSession, put("/api/v1/clients/" + walledClient), client("Walled Client Renamed"))
                        .getStatus())
                .isEqualTo(200);
        UUID clientWall = id(http.send(
                adminSession,
                post("/api/v1/walls"),
                Map.of("clientId", walledClient.toString(), "reason", "Conflict with a client", "screened", screened)));
        UUID clientsMatter = openMatter(walledClient);
        walledObjects.addAll(List.of(walledClient, clientWall, clientsMatter));
        walledObjects.addAll(everythingOnAMatter(clientsMatter, walledClient, clientWall, screened));
        recordCatalogued(Produced.CATALOGUED_ON_A_CLIENT, null, walledClient);
        var clientEvents = concerningEventsSince(before);

        for (var action : AuditAction.values()) {
            var kind = produced(action);
            if (kind != Produced.NOT_ABOUT_A_MATTER_OR_CLIENT
                    && kind != Produced.ON_A_CLIENT
                    && kind != Produced.CATALOGUED_ON_A_CLIENT) {
                assertThat(matterEvents.values())
                        .as("%s on the walled matter", action.key())
                        .contains(action.key());
            }
            if (kind != Produced.NOT_ABOUT_A_MATTER_OR_CLIENT) {
                assertThat(clientEvents.values())
                        .as("%s on the walled client", action.key())
                        .contains(action.key());
            }
        }
        var walledEvents = new LinkedHashMap<UUID, String>(matterEvents);
        walledEvents.putAll(clientEvents);
        TenantContext.runAs(firm, null, () -> sequencer.sequenceBoundFirmNow());
        var leaves = leafIndexes(walledEvents.keySet());
        assertThat(leaves).hasSameSizeAs(walledEvents.keySet());

        var unscreened = new Reader(controlSession, "the unscreened auditor");
        assertThat(unscreened.exported("csv", "")).as("control CSV").containsAll(walledEvents.keySet());
        assertThat(unscreened.exported("json", "")).as("control JSON").containsAll(walledEvents.keySet());
        assertThat(unscreened.leavesFromApi()).as("control API").containsAll(walledEvents.keySet());
        assertThat(unscreened.proofStatus(leaves.values().iterator().next())).isEqualTo(200);
        assertThat(unscreened.pageShowsAnyOf(leaves.values(), "/admin/audit?matter=" + walledMatter))
                .as("control page")
                .isTrue();

        for (var reader : List.of(
                new Reader(directSession, "the reader screened directly"),
                new Reader(groupSession, "the administrator screened through a group"))) {
            var leaked = new LinkedHashMap<String, List<String>>();
            var csv = reader.exported("csv", "");
            var everything = reader.exported("json", "");
            // Not an id of a walled thing anywhere, in any event's details either.
            assertThat(csv).as("%s: ids in the CSV", reader.name()).doesNotContainAnyElementsOf(walledObjects);
            assertThat(everything).as("%s: ids in the JSON", reader.name()).doesNotContainAnyElementsOf(walledObjects);
            csv.forEach(id ->
                    leaked.computeIfAbsent("CSV", k -> new ArrayList<>()).add(walledEvents.getOrDefault(id, "?")));
            everything.forEach(id ->
                    leaked.computeIfAbsent("JSON", k -> new ArrayList<>()).add(walledEvents.getOrDefault(id, "?")));
            for (String filter : List.of("matter=" + walledMatter, "matter=" + clientsMatter, "actor=" + uuid(admin))) {
                reader.exported("json", "&" + filter)
                        .forEach(id -> leaked.computeIfAbsent("JSON " + filter, k -> new ArrayList<>())
                                .add(walledEvents.getOrDefault(id, "?")));
            }
            reader.leavesFromApi()
                    .forEach(id -> leaked.computeIfAbsent("events API", k -> new ArrayList<>())
                            .add(walledEvents.getOrDefault(id, "?")));
            // Their hashes are still handed out, so the reader can verify the whole tree.
            assertThat(reader.withheldFromApi())
                    .as("%s: withheld leaves", reader.name())
                    .containsAll(leaves.values());
            leaked.values().forEach(list -> list.removeIf("?"::equals));
            leaked.values().removeIf(List::isEmpty);
            assertThat(leaked).as("%s: walled events by path", reader.name()).isEmpty();

            for (var leaf : leaves.entrySet()) {
                assertThat(reader.proofStatus(leaf.getValue()))
                        .as("%s: proof of %s", reader.name(), walledEvents.get(leaf.getKey()))
                        .isEqualTo(404);
            }
            var pages = new ArrayList<String>();
            for (int page = 0; page < 8; page++) pages.add("/admin/audit?page=" + page);
            for (var action : AuditAction.values()) pages.add("/admin/audit?action=" + action.key());
            pages.add("/admin/audit?outcome=denied");
            pages.add("/admin/audit?outcome=failure");
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            pages.add("/admin/audit?from=" + today + "&to=" + today);
            pages.add("/admin/audit?actor=" + uuid(admin));
            pages.add("/admin/audit?actor=" + uuid(staff));
            for (UUID object : walledObjects) {
                pages.add("/admin/audit?matter=" + object);
                pages.add("/admin/audit?target=" + object);
                pages.add("/admin/audit/timeline?matter=" + object);
                pages.add("/admin/audit/timeline?target=" + object);
            }
            for (String page : pages) {
                assertThat(reader.pageShowsAnyOf(leaves.values(), page))
                        .as("%s: %s shows a walled event", reader.name(), page)
                        .isFalse();
            }
        }
    }

    /**
     * Everything people do on a matter and in it, by the unscreened administrator (and, for refused
     * looks and permissions, by a member of staff on no team); returns the ids of what was made.
     */
    private List<UUID> everythingOnAMatter(UUID matter, UUID client, UUID wall, List<Map<String, String>> screened)
            throws Exception {
        var made = new ArrayList<UUID>();
        expect(
                200,
                http.send(
                        adminSession, put("/api/v1/matters/" + matter), newMatter(client, "Renamed " + randomName())));
        var member = Map.of("type", "user", "id", uuid(colleague));
        expect(200, http.send(adminSession, post("/api/v1/matters/" + matter + "/team"), member));
        expect(
                204,
                http.send(adminSession, delete("/api/v1/matters/" + matter + "/team/user/" + uuid(colleague)), null));
        var party = Map.of("name", "Widget Ltd", "kind", "organisation", "role", "opposing_party");
        UUID partyId = id(http.send(adminSession, post("/api/v1/matters/" + matter + "/parties"), party));
        made.add(partyId);
        expect(
                200,
                http.send(
                        adminSession,
                        put("/api/v1/matters/" + matter + "/parties/" + partyId),
                        Map.of("name", "Widget Limited", "kind", "organisation", "role", "opposing_party")));
        expect(204, http.send(adminSession, delete("/api/v1/matters/" + matter + "/parties/" + partyId), null));
        made.add(id(http.send(
                adminSession,
                post("/api/v1/matters/" + matter + "/conflict-reports"),
                Map.of("names", List.of("Widget Ltd")))));

        UUID document = id(upload(matter, DocumentUploads.aFile("memo.txt", SampleFiles.text())));
        made.add(document);
        expect(
                200,
                http.send(
                        adminSession,
                        put("/api/v1/documents/" + document + "/classification"),
                        Map.of("classification", "RESTRICTED")));
        expect(
                200,
                mvc.perform(get("/api/v1/documents/" + document + "/content").cookie(adminSession))
                        .andReturn()
                        .getResponse());
        searchesFinding(document, matter);
        expect(415, upload(matter, DocumentUploads.aFile("tool.exe", SampleFiles.executable())));
        UUID damaged = id(upload(matter, DocumentUploads.aFile("damaged.txt", SampleFiles.text())));
        made.add(damaged);
        try (var keys = blobs.list("documents/" + firm.value() + "/" + damaged + "/")) {
            for (var key : keys.toList()) {
                blobs.put(key, new ByteArrayInputStream(new byte[4096]));
            }
        }
        try {
            mvc.perform(get("/api/v1/documents/" + damaged + "/content").cookie(adminSession));
        } catch (Exception refused) {
            // The download is aborted once the content does not verify; its audit event is what counts.
        }
        expect(204, http.send(adminSession, delete("/api/v1/documents/" + damaged), null));

        // Refused looks and a refused permission by someone on no team, naming the walled objects.
        expect(
                404,
                mvc.perform(get("/api/v1/matters/" + matter).cookie(staffSession))
                        .andReturn()
                        .getResponse());
        expect(
                404,
                mvc.perform(get("/api/v1/documents/" + document).cookie(staffSession))
                        .andReturn()
                        .getResponse());
        expect(403, http.send(staffSession, delete("/api/v1/documents/" + document), null));

        // The wall itself changes, and a second one around the same thing comes and goes.
        expect(
                200,
                http.send(
                        adminSession,
                        put("/api/v1/walls/" + wall),
                        Map.of("reason", "Acted for the other side, 2019", "screened", screened)));
        var second = new LinkedHashMap<String, Object>();
        second.put(
                matter.equals(wallScope(wall)) ? "matterId" : "clientId",
                wallScope(wall).toString());
        second.put("reason", "Personal interest");
        second.put("screened", List.of(Map.of("type", "user", "id", uuid(colleague))));
        UUID secondWall = id(http.send(adminSession, post("/api/v1/walls"), second));
        made.add(secondWall);
        expect(204, http.send(adminSession, delete("/api/v1/walls/" + secondWall), null));

        expect(200, http.send(adminSession, post("/api/v1/matters/" + matter + "/close"), null));
        expect(200, http.send(adminSession, post("/api/v1/matters/" + matter + "/reopen"), null));

        // Looking the walled things up in the log is itself recorded, naming them.
        expect(
                200,
                mvc.perform(get("/admin/audit/timeline?matter=" + matter).cookie(adminSession))
                        .andReturn()
                        .getResponse());
        expect(
                200,
                mvc.perform(get("/admin/audit/timeline?target=" + document).cookie(adminSession))
                        .andReturn()
                        .getResponse());
        expect(
                200,
                mvc.perform(get("/admin/audit/export?format=csv&matter=" + matter)
                                .cookie(adminSession))
                        .andReturn()
                        .getResponse());

        recordCatalogued(Produced.CATALOGUED_ON_A_MATTER, matter, client);
        return made;
    }

    /**
     * Searches by the administrator that return {@code document}: unscoped until its text is indexed
     * (after its upload's commit, off the request) and found ({@code search.results_returned} on its
     * matter), then scoped to its matter ({@code search.run} on the matter).
     */
    private void searchesFinding(UUID document, UUID matter) throws Exception {
        String query = "/api/v1/search?q=" + SampleFiles.MARKER.substring(0, 10).toLowerCase(java.util.Locale.ROOT);
        for (int attempt = 0; ; attempt++) {
            var found =
                    json.readTree(http.send(adminSession, get(query), null).getContentAsString(StandardCharsets.UTF_8));
            if (found.get("documents").toString().contains(document.toString())) {
                break;
            }
            assertThat(attempt).as("the document is indexed and found in time").isLessThan(600);
            Thread.sleep(100);
        }
        expect(200, http.send(adminSession, get(query + "&matter=" + matter), null));
    }

    /** Actions no code records yet, through the ledger with the matter and client they concern. */
    private void recordCatalogued(Produced kind, @Nullable UUID matter, UUID client) {
        TenantContext.runAs(
                firm,
                admin.id().value(),
                () -> transactions.executeWithoutResult(status -> {
                    for (var action : AuditAction.values()) {
                        if (produced(action) == kind) {
                            ledger.append(new AuditRecord(
                                    action,
                                    AuditOutcome.SUCCESS,
                                    Instant.now(),
                                    AuditRecord.Actor.user(admin.id().value()),
                                    matter == null ? "client" : "matter",
                                    matter == null ? client : matter,
                                    matter,
                                    client,
                                    null,
                                    null,
                                    Map.of()));
                        }
                    }
                }));
    }

    private UUID wallScope(UUID wall) throws Exception {
        var view = json.readTree(mvc.perform(get("/api/v1/walls/" + wall).cookie(adminSession))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        var matter = view.get("matterId");
        return UUID.fromString(
                matter != null && !matter.isNull()
                        ? matter.asString()
                        : view.get("clientId").asString());
    }

    private UUID openMatter(UUID client) throws Exception {
        var body = new LinkedHashMap<String, Object>();
        body.put("clientId", client.toString());
        body.put("number", "W-" + randomName());
        body.put("title", "Acme v. Widget");
        return id(http.send(adminSession, post("/api/v1/matters"), body));
    }

    private static Map<String, Object> newMatter(UUID client, String title) {
        var body = new LinkedHashMap<String, Object>();
        body.put("clientId", client.toString());
        body.put("title", title);
        return body;
    }

    private static Map<String, Object> client(String name) {
        return Map.of("kind", "organisation", "name", name);
    }

    /** One way of reading the log, as one person. */
    private final class Reader {
        private final Cookie session;
        private final String name;

        Reader(Cookie session, String name) {
            this.session = session;
            this.name = name;
        }

        String name() {
            return name;
        }

        /** The event ids an export holds. */
        Set<UUID> exported(String format, String filter) throws Exception {
            var response = mvc.perform(
                            get("/admin/audit/export?format=" + format + filter).cookie(session))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus())
                    .as("%s: export %s%s", name, format, filter)
                    .isEqualTo(200);
            return uuidsIn(response.getContentAsString(StandardCharsets.UTF_8));
        }

        /** The event ids the verifiers' API hands out in leaves. */
        Set<UUID> leavesFromApi() throws Exception {
            var ids = new LinkedHashSet<UUID>();
            long from = 0;
            while (true) {
                var response = mvc.perform(get("/api/v1/audit/events?limit=1000&from=" + from)
                                .cookie(session))
                        .andReturn()
                        .getResponse();
                assertThat(response.getStatus()).isEqualTo(200);
                JsonNode page = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
                for (JsonNode entry : page.get("entries")) {
                    var leaf = entry.get("leaf");
                    if (leaf != null && !leaf.isNull()) {
                        ids.add(UUID.fromString(
                                json.readTree(leaf.asString()).get("id").asString()));
                    }
                }
                if (page.get("next") == null || page.get("next").isNull()) {
                    return ids;
                }
                from = page.get("next").asLong();
            }
        }

        /** The indexes of the leaves the verifiers' API withholds (hash only). */
        Set<Long> withheldFromApi() throws Exception {
            var response = mvc.perform(get("/api/v1/audit/events?limit=1000").cookie(session))
                    .andReturn()
                    .getResponse();
            var withheld = new LinkedHashSet<Long>();
            for (JsonNode entry : json.readTree(response.getContentAsString(StandardCharsets.UTF_8))
                    .get("entries")) {
                if (entry.get("withheld").asBoolean()) {
                    assertThat(entry.get("leaf").isNull()).isTrue();
                    assertThat(entry.get("leafHash").asString()).isNotEmpty();
                    withheld.add(entry.get("index").asLong());
                }
            }
            return withheld;
        }

        int proofStatus(long index) throws Exception {
            return mvc.perform(get("/admin/audit/proof?index=" + index).cookie(session))
                    .andReturn()
                    .getResponse()
                    .getStatus();
        }

        /** Whether the page links the proof of any of these leaves (every shown event links its own). */
        boolean pageShowsAnyOf(java.util.Collection<Long> indexes, String path) throws Exception {
            var response = mvc.perform(get(path).cookie(session)).andReturn().getResponse();
            assertThat(response.getStatus()).as("%s: %s", name, path).isEqualTo(200);
            String page = response.getContentAsString(StandardCharsets.UTF_8);
            return indexes.stream().anyMatch(index -> page.contains("/admin/audit/proof?index=" + index + "\""));
        }
    }

    private static Set<UUID> uuidsIn(String text) {
        var matcher = java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .matcher(text);
        var ids = new LinkedHashSet<UUID>();
        while (matcher.find()) {
            ids.add(UUID.fromString(matcher.group()));
        }
        return ids;
    }

    private Set<UUID> eventIds() {
        return Set.copyOf(runtimeSql.as(
                firm,
                null,
                jdbc -> jdbc.sql("SELECT id FROM lexvault.audit_events WHERE tenant_id = :t")
                        .param("t", firm.value())
                        .query(UUID.class)
                        .list()));
    }

    /** The events recorded since, of actions that can concern a matter or client: id to action key. */
    private Map<UUID, String> concerningEventsSince(Set<UUID> before) {
        var concerning = Arrays.stream(AuditAction.values())
                .filter(action -> produced(action) != Produced.NOT_ABOUT_A_MATTER_OR_CLIENT)
                .map(AuditAction::key)
                .collect(Collectors.toSet());
        var events = new LinkedHashMap<UUID, String>();
        runtimeSql.as(
                firm,
                null,
                jdbc -> jdbc.sql(
                                "SELECT id, action, actor_id, scope_matter_id IS NULL AND client_id IS NULL AS unscoped"
                                        + " FROM lexvault.audit_events WHERE tenant_id = :t ORDER BY occurred_at")
                        .param("t", firm.value())
                        .query((row, n) -> {
                            UUID id = row.getObject("id", UUID.class);
                            String action = row.getString("action");
                            // The readers' own looks at the log are theirs, not about the walled things.
                            // A search not scoped to a matter is about no matter: it names no document
                            // (those are in search.results_returned, one per matter, on that matter).
                            boolean unscopedSearch =
                                    action.equals(AuditAction.SEARCH_RUN.key()) && row.getBoolean("unscoped");
                            if (!before.contains(id)
                                    && concerning.contains(action)
                                    && !unscopedSearch
                                    && (admin.id().value().equals(row.getObject("actor_id", UUID.class))
                                            || staff.id().value().equals(row.getObject("actor_id", UUID.class)))) {
                                events.put(id, action);
                            }
                            return id;
                        })
                        .list());
        return events;
    }

    private Map<UUID, Long> leafIndexes(Set<UUID> events) {
        var indexes = new LinkedHashMap<UUID, Long>();
        runtimeSql.as(
                firm,
                null,
                jdbc -> jdbc.sql(
                                "SELECT event_id, leaf_index FROM lexvault.audit_leaves WHERE tenant_id = :t AND event_id = ANY (:ids)")
                        .param("t", firm.value())
                        .param("ids", events.toArray(UUID[]::new))
                        .query((row, n) ->
                                indexes.put(row.getObject("event_id", UUID.class), row.getLong("leaf_index")))
                        .list());
        return indexes;
    }

    private MockHttpServletResponse upload(UUID matter, DocumentUploads upload) throws Exception {
        return mvc.perform(post("/api/v1/matters/" + matter + "/documents")
                        .cookie(adminSession)
                        .with(csrf())
                        .contentType(upload.contentType())
                        .content(upload.body()))
                .andReturn()
                .getResponse();
    }

    private static void expect(int status, MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus())
                .as("%s", response.getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(status);
    }

    private UUID id(MockHttpServletResponse response) throws Exception {
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isBetween(200, 201);
        return UUID.fromString(json.readTree(body).get("id").asString());
    }

    private static String uuid(People.Person person) {
        return person.id().value().toString();
    }

    private static String randomName() {
        return TestDatabase.randomName();
    }
}
