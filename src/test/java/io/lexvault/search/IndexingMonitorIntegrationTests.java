package io.lexvault.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Member;
import io.lexvault.access.Teams;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.documents.DocumentUploads;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Indexing as people follow it: the documents page's status endpoint (polled live) and the
 * administrators' indexing view ({@code /admin/indexing}) with its retry, both inside the walls: a
 * screened administrator sees no title of a walled matter's document, and cannot retry one.
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.search.index-path=target/test-var/indexing-monitor-tests"
        })
@AutoConfigureMockMvc
class IndexingMonitorIntegrationTests extends FirmWebTest {

    @Autowired
    Matters matters;

    @Autowired
    Teams teams;

    @Autowired
    EthicalWalls walls;

    @Autowired
    AuditTrail trail;

    TenantId firm;
    People.Person attorney;
    People.Person screenedAdmin;
    People.Person admin;
    MatterId open;
    MatterId walled;
    Cookie attorneySession;

    @BeforeEach
    void aFirmWithAnOpenAndAWalledMatter() throws Exception {
        firm = Firms.aFirm(tenants, "Indexing " + TestDatabase.randomName());
        attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        screenedAdmin = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        admin = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        open = as(
                attorney,
                () -> matters.open(
                        matters.openClient("Acme Holdings"), "S-" + TestDatabase.randomName(), "Acme share deal"));
        walled = as(attorney, () -> {
            var id =
                    matters.open(matters.openClient("Bridge Works"), "W-" + TestDatabase.randomName(), "Bridge tender");
            teams.add(matters.ref(id).orElseThrow(), Member.user(screenedAdmin.id()));
            return id;
        });
        as(
                admin,
                () -> walls.create(
                        walled.value(), null, "Acted for a bidder", Set.of(Member.user(screenedAdmin.id()))));
        attorneySession = http.signIn(attorney);
    }

    @Test
    void theDocumentsPagePollsAStatusThatEndsIndexedWithItsPassages() throws Exception {
        UUID document = uploaded(
                attorneySession,
                open,
                "note.txt",
                "Attendance note on the share deal.\n".getBytes(StandardCharsets.UTF_8));
        JsonNode status = awaitSettled(attorneySession, open, document);
        assertThat(status.get("state").asString()).isEqualTo("indexed");
        assertThat(status.get("chunks").asInt()).isEqualTo(1);
        assertThat(status.get("label").asString()).isEqualTo("Indexed (1 passage)");
        assertThat(http.page(attorneySession, "/matters/" + open.value() + "/documents"))
                .contains("data-status-url=\"/api/v1/matters/" + open.value() + "/documents/indexing\"")
                .contains("Indexed (1 passage)")
                .contains("/js/indexing-status.js");

        var screenedSession = http.signIn(screenedAdmin);
        assertThat(http.status(screenedSession, "/api/v1/matters/" + walled.value() + "/documents/indexing"))
                .as("a walled matter's statuses are not found, like the matter")
                .isEqualTo(404);
    }

    @Test
    void administratorsSeeFailuresWithReasonsAndRetryThemButNeverAcrossAWall() throws Exception {
        UUID broken = uploaded(attorneySession, open, "broken-open.pdf", damagedPdf());
        UUID walledBroken = uploaded(attorneySession, walled, "broken-walled.pdf", damagedPdf());
        assertThat(awaitSettled(attorneySession, open, broken).get("state").asString())
                .isEqualTo("failed");
        assertThat(awaitSettled(attorneySession, walled, walledBroken)
                        .get("state")
                        .asString())
                .isEqualTo("failed");

        var adminSession = http.signIn(admin);
        String page = http.page(adminSession, "/admin/indexing");
        assertThat(page)
                .contains("broken-open", "broken-walled")
                .contains("could not extract")
                .contains("Retry all 2");

        var screenedSession = http.signIn(screenedAdmin);
        String screenedPage = http.page(screenedSession, "/admin/indexing");
        assertThat(screenedPage)
                .as("no title, id or matter of the walled matter")
                .contains("broken-open")
                .doesNotContain("broken-walled")
                .doesNotContain(walledBroken.toString())
                .doesNotContain(walled.value().toString())
                .contains("Retry all 1");
        assertThat(http.page(screenedSession, "/")).contains("/admin/indexing");

        // A retry of the walled version by the screened administrator is refused, unaudited.
        var refused = retry(screenedSession, walledBroken);
        assertThat(refused).isEqualTo("/admin/indexing");
        assertThat(retriedDocuments()).doesNotContain(walledBroken.toString());

        retry(screenedSession, broken);
        assertThat(retriedDocuments()).containsExactly(broken.toString());
        assertThat(awaitSettled(attorneySession, open, broken).get("reason").asString())
                .startsWith("could not extract");

        var all = mvc.perform(
                        post("/admin/indexing/retry-all").cookie(adminSession).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(all.getRedirectedUrl()).isEqualTo("/admin/indexing");
        assertThat(retriedDocuments()).contains(walledBroken.toString());

        // Not an administrator's page for an attorney.
        assertThat(http.status(attorneySession, "/admin/indexing")).isEqualTo(403);
    }

    private String retry(Cookie session, UUID document) throws Exception {
        return mvc.perform(post("/admin/indexing/retry")
                        .cookie(session)
                        .with(csrf())
                        .param("document", document.toString())
                        .param("version", "1"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
    }

    private List<String> retriedDocuments() {
        return TenantContext.callAs(
                        firm,
                        null,
                        () -> trail.page(
                                new AuditTrail.Filter(
                                        null, AuditAction.SEARCH_INDEXING_RETRIED, null, null, null, null, null),
                                AuditTrail.Order.OLDEST_FIRST,
                                0,
                                100))
                .stream()
                .map(e -> String.valueOf(e.targetId()))
                .toList();
    }

    private static byte[] damagedPdf() {
        byte[] garbage = new byte[2048];
        new Random(3).nextBytes(garbage);
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 9);
        return garbage;
    }

    private UUID uploaded(Cookie session, MatterId matter, String name, byte[] content) throws Exception {
        var upload = DocumentUploads.aFile(name, content);
        var response = mvc.perform(post("/api/v1/matters/" + matter.value() + "/documents")
                        .cookie(session)
                        .with(csrf())
                        .contentType(upload.contentType())
                        .content(upload.body()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return UUID.fromString(
                json.readTree(response.getContentAsString()).get("id").asString());
    }

    /** Polls the status endpoint as the page does until the document's version is no longer pending. */
    private JsonNode awaitSettled(Cookie session, MatterId matter, UUID document) throws Exception {
        JsonNode found = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            var statuses = http.getJson(session, "/api/v1/matters/" + matter.value() + "/documents/indexing");
            for (var d : statuses.get("documents")) {
                if (d.get("documentId").asString().equals(document.toString())) {
                    found = d;
                }
            }
            if (found != null
                    && !found.get("state").asString().equals("queued")
                    && !found.get("state").asString().equals("extracting")) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still pending: " + found);
    }
}
