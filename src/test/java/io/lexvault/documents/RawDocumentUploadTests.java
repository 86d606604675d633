package io.lexvault.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.storage.BlobStore;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * The raw-body upload ({@code POST /api/v1/matters/{id}/documents} with {@code Content-Type:
 * application/octet-stream}, the name and fields in the query): the same document as the multipart
 * form makes, and the same refusals (size, type, name, text fields, visibility), each leaving nothing.
 * The properties are DocumentsIntegrationTests', so both share one context.
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.documents.max-size=1MB",
            "lexvault.documents.orphan-grace=0s"
        })
@AutoConfigureMockMvc
class RawDocumentUploadTests extends FirmWebTest {

    private static final int LIMIT = 1024 * 1024;

    @Autowired
    Matters matters;

    @Autowired
    Teams teams;

    @Autowired
    EthicalWalls walls;

    @Autowired
    BlobStore blobs;

    @Autowired
    AuditTrail trail;

    TenantId firm;
    People.Person attorney;
    People.Person screened;
    People.Person outsider;
    MatterId matter;

    @BeforeEach
    void firmWithAWalledMatter() {
        firm = Firms.aFirm(tenants, "Raw uploads " + TestDatabase.randomName());
        attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        screened = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        outsider = People.withRoles(
                accounts, roles, Firms.aFirm(tenants, "Elsewhere " + TestDatabase.randomName()), BuiltInRole.ATTORNEY);
        matter = TenantContext.callAs(firm, attorney.id().value(), () -> {
            var client = matters.openClient("Acme Holdings");
            var id = matters.open(client, "R-" + TestDatabase.randomName(), "Acme v. Widget");
            teams.add(matters.ref(id).orElseThrow(), Member.user(screened.id()));
            return id;
        });
        var wallsOfficer = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        TenantContext.callAs(
                firm,
                wallsOfficer.id().value(),
                () -> walls.create(
                        matter.value(), null, "Acted for the other side", Set.of(Member.user(screened.id()))));
    }

    @Test
    void theBodyIsStoredAsTheFormWouldStoreItAndANewVersionGoesByDocumentId() throws Exception {
        var session = http.signIn(attorney);
        byte[] content = SampleFiles.text();
        var created = upload(
                session,
                content,
                Map.of("name", "Meeting notes\u202E.txt", "title", "Meeting notes", "classification", "restricted"));
        assertThat(created.getStatus()).as(created.getContentAsString()).isEqualTo(201);
        JsonNode document = body(created);
        UUID id = UUID.fromString(document.get("id").asString());
        assertThat(document.get("title").asString()).isEqualTo("Meeting notes");
        assertThat(document.get("classification").asString()).isEqualTo("RESTRICTED");
        var version = document.get("versions").get(0);
        assertThat(version.get("mediaType").asString()).isEqualTo("text/plain");
        assertThat(version.get("fileName").asString()).isEqualTo("Meeting notes.txt");
        assertThat(version.get("size").asLong()).isEqualTo(content.length);
        assertThat(version.get("sha256").asString())
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(content)));
        assertThat(events(AuditAction.DOCUMENT_UPLOADED, id)).hasSize(1);

        byte[] second = SampleFiles.pdf();
        var next = upload(session, second, Map.of("name", "notes.pdf", "documentId", id.toString()));
        assertThat(next.getStatus()).as(next.getContentAsString()).isEqualTo(201);
        assertThat(body(next).get("currentVersion").asInt()).isEqualTo(2);
        assertThat(download(session, "/api/v1/documents/" + id + "/versions/1/content"))
                .isEqualTo(content);
        assertThat(download(session, "/api/v1/documents/" + id + "/content")).isEqualTo(second);
    }

    @Test
    void hostileNamesAreSanitisedAsAPartsFileNameIs() throws Exception {
        var session = http.signIn(attorney);
        assertThat(storedName(session, "../../etc/passwd.txt")).isEqualTo("passwd.txt");
        assertThat(storedName(session, "C:\\Windows\\System32\\notes.txt")).isEqualTo("notes.txt");
        assertThat(storedName(session, "con.txt")).isEqualTo("_con.txt");
        assertThat(storedName(session, "  ..hidden <script>.txt  ")).isEqualTo("hidden script.txt");
        assertThat(storedName(session, "report\u202Egnp.txt")).isEqualTo("reportgnp.txt");

        var nul = upload(session, SampleFiles.text(), Map.of("name", "notes\u0000secret-name.txt"));
        assertThat(nul.getStatus()).isEqualTo(400);
        assertThat(body(nul).get("detail").asString())
                .contains("not allowed in file names")
                .doesNotContain("secret-name");
    }

    @Test
    void refusalsAreTheFormsAndLeaveNothing() throws Exception {
        var session = http.signIn(attorney);
        assertRefused(session, SampleFiles.largeText(LIMIT + 10), Map.of("name", "long.txt"), 413);
        assertRefused(session, SampleFiles.html(), Map.of("name", "page.html"), 415);
        assertRefused(session, SampleFiles.executable(), Map.of("name", "invoice.pdf"), 415);
        assertRefused(session, SampleFiles.png(), Map.of("name", "invoice.pdf"), 415);
        assertRefused(session, new byte[0], Map.of("name", "empty.txt"), 400);
        assertRefused(session, SampleFiles.text(), Map.of(), 400);
        assertRefused(session, SampleFiles.text(), Map.of("name", " "), 400);
        assertRefused(session, SampleFiles.text(), Map.of("name", "notes.txt", "titel", "typo"), 400);
        assertRefused(session, SampleFiles.text(), Map.of("name", "notes.txt", "title", "Invoice\u202Efdp.exe"), 400);
        assertRefused(
                session, SampleFiles.text(), Map.of("name", "notes.txt", "description", "Agreed\u200Bterms"), 400);
        assertRefused(session, SampleFiles.text(), Map.of("name", "notes.txt", "classification", "secret"), 400);
        assertRefused(session, SampleFiles.text(), Map.of("name", "notes.txt", "documentId", "42"), 400);
        var repeated = mvc.perform(post("/api/v1/matters/" + matter.value() + "/documents")
                        .cookie(session)
                        .with(csrf())
                        .queryParam("name", "a.txt", "b.txt")
                        .contentType("application/octet-stream")
                        .content(SampleFiles.text()))
                .andReturn()
                .getResponse();
        assertThat(repeated.getStatus()).isEqualTo(400);
        assertNothingStored(session);
        assertThat(events(AuditAction.DOCUMENT_UPLOAD_REFUSED, matter.value()))
                .as("refusals of the content (type, empty) are audited on the matter, as for the form; a"
                        + " declared length over the limit is refused before the matter is looked up")
                .hasSize(4);
    }

    @Test
    void anotherContentTypeIs415AndSaysHowToSendTheFile() throws Exception {
        var session = http.signIn(attorney);
        for (String type : List.of("text/plain", "application/json", "application/x-www-form-urlencoded")) {
            var response = mvc.perform(post("/api/v1/matters/" + matter.value() + "/documents")
                            .cookie(session)
                            .with(csrf())
                            .queryParam("name", "notes.txt")
                            .contentType(type)
                            .content(SampleFiles.text()))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).as(type).isEqualTo(415);
            assertThat(body(response).get("detail").asString()).contains("application/octet-stream");
        }
        assertNothingStored(session);
    }

    @Test
    void aWalledOrAnotherFirmsMatterIs404AndKeepsNothing() throws Exception {
        for (var person : List.of(screened, outsider)) {
            var response = upload(http.signIn(person), SampleFiles.text(), Map.of("name", "notes.txt"));
            assertThat(response.getStatus()).isEqualTo(404);
        }
        var unknown = mvc.perform(post("/api/v1/matters/" + UUID.randomUUID() + "/documents")
                        .cookie(http.signIn(attorney))
                        .with(csrf())
                        .queryParam("name", "notes.txt")
                        .contentType("application/octet-stream")
                        .content(SampleFiles.text()))
                .andReturn()
                .getResponse();
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertNothingStored(http.signIn(attorney));
    }

    private String storedName(Cookie session, String name) throws Exception {
        var response = upload(session, SampleFiles.text(), Map.of("name", name));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return body(response).get("versions").get(0).get("fileName").asString();
    }

    private void assertRefused(Cookie session, byte[] content, Map<String, String> query, int status) throws Exception {
        var response = upload(session, content, query);
        assertThat(response.getStatus())
                .as(query + ": " + response.getContentAsString())
                .isEqualTo(status);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
    }

    private void assertNothingStored(Cookie session) throws Exception {
        assertThat(http.getJson(session, "/api/v1/matters/" + matter.value() + "/documents")
                        .get("total")
                        .asLong())
                .isZero();
        try (var keys = blobs.list("documents/" + firm.value() + "/")) {
            assertThat(keys.toList()).as("blobs of the firm").isEmpty();
        }
    }

    private MockHttpServletResponse upload(Cookie session, byte[] content, Map<String, String> query) throws Exception {
        var request = post("/api/v1/matters/" + matter.value() + "/documents")
                .cookie(session)
                .with(csrf())
                .contentType("application/octet-stream")
                .content(content);
        query.forEach(request::queryParam);
        return mvc.perform(request).andReturn().getResponse();
    }

    private byte[] download(Cookie session, String path) throws Exception {
        var response = mvc.perform(get(path).cookie(session)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsByteArray();
    }

    private JsonNode body(MockHttpServletResponse response) throws Exception {
        return json.readTree(response.getContentAsString());
    }

    private List<AuditTrail.Event> events(AuditAction action, UUID target) {
        return TenantContext.callAs(
                firm,
                null,
                () -> trail.page(
                        new AuditTrail.Filter(null, action, null, null, target, null, null),
                        AuditTrail.Order.OLDEST_FIRST,
                        0,
                        100));
    }
}
