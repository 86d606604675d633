package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.lexvault.access.BuiltInRole;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.DemoLikeFirm;
import io.lexvault.testsupport.FirmWebTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;

/**
 * The audit log in words: actions and outcomes from the catalogue of labels, matters by number and
 * documents by title, the matter filter by number; and none of those names for what a wall screens the
 * reader from (a screened reader of the log must not learn a walled matter's number or document's title).
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AuditReadableNamesIntegrationTests extends FirmWebTest {

    @Autowired
    ApplicationContext context;

    DemoLikeFirm firm;

    @BeforeEach
    void demoLikeFirm() {
        firm = DemoLikeFirm.create(context);
    }

    @Test
    void anUnscreenedReaderSeesWordsNumbersAndTitles() throws Exception {
        var session = http.signIn(firm.administrator());
        String page = http.page(session, "/admin/audit");
        assertThat(page)
                .contains("Document uploaded", "Matter opened", "Succeeded")
                .contains("Document \u201c" + firm.walledDocumentTitle() + "\u201d")
                .contains("Matter " + firm.walledNumber())
                .doesNotContain(">document.uploaded<", ">matter.opened<", ">success<");
    }

    @Test
    void theMatterFilterTakesTheMatterNumber() throws Exception {
        var session = http.signIn(firm.administrator());
        String page = http.page(session, "/admin/audit?matter=" + firm.walledNumber());
        assertThat(page).contains(firm.walledDocumentTitle()).doesNotContain("Engagement letter");
        assertThat(page).contains("value=\"" + firm.walledNumber() + "\"");

        var unknown = mvc.perform(
                        get("/admin/audit").param("matter", "NO-SUCH-1").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(unknown.getContentAsString(StandardCharsets.UTF_8))
                .contains("There is no matter numbered NO-SUCH-1.");
    }

    @Test
    void aScreenedReaderLearnsNeitherTheWalledNumberNorTheWalledTitle() throws Exception {
        // The paralegal, screened from the walled matter, is made a reader of the log.
        TenantContext.runAs(
                firm.firm(), null, () -> roles.assign(firm.paralegal().id(), BuiltInRole.AUDITOR));
        var session = http.signIn(firm.paralegal());

        String page = http.page(session, "/admin/audit");
        assertThat(page).contains("Engagement letter");
        assertThat(page).doesNotContain(firm.walledDocumentTitle(), firm.walledNumber());

        // Asked by number, the walled matter answers as one that does not exist.
        var byNumber = mvc.perform(
                        get("/admin/audit").param("matter", firm.walledNumber()).cookie(session))
                .andReturn()
                .getResponse();
        assertThat(byNumber.getStatus()).isEqualTo(400);
        String refused = byNumber.getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("There is no matter numbered").doesNotContain(firm.walledDocumentTitle());

        // The owners of the names refuse them to the screened reader, whatever asks them.
        UUID walled = firm.walled().value();
        var names = new HashMap<UUID, String>();
        TenantContext.runAs(
                firm.firm(),
                firm.paralegal().id().value(),
                () -> context.getBeansOfType(AuditSubjectNames.class)
                        .values()
                        .forEach(owner -> names.putAll(owner.namesOf(Set.of(walled)))));
        assertThat(names).isEmpty();
        TenantContext.runAs(
                firm.firm(),
                firm.administrator().id().value(),
                () -> context.getBeansOfType(AuditSubjectNames.class)
                        .values()
                        .forEach(owner -> names.putAll(owner.namesOf(Set.of(walled)))));
        assertThat(names).containsEntry(walled, firm.walledNumber());
    }

    @Test
    void idsInsideAnEventsDetailsShowAsWhatTheyName() throws Exception {
        var session = http.signIn(firm.administrator());
        // Reading the log filtered to a matter is itself an event whose details name the matter by id.
        http.page(session, "/admin/audit?matter=" + firm.walledNumber());
        String page = http.page(session, "/admin/audit?action=audit.viewed");
        String walledId = firm.walled().value().toString();
        assertThat(page).contains("matter: " + firm.walledNumber());
        assertThat(detailsCells(page)).as("no raw id in a details cell").noneMatch(cell -> cell.contains(walledId));

        // The export keeps the raw values, for tools.
        var csv = mvc.perform(get("/admin/audit/export").param("format", "csv").cookie(session))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).contains(walledId);
    }

    @Test
    void idsInsideAnEventsDetailsNameNothingAWallScreensTheReaderFrom() throws Exception {
        // The administrator reads the log filtered to the walled matter: an event whose details name it.
        http.page(http.signIn(firm.administrator()), "/admin/audit?matter=" + firm.walledNumber());
        TenantContext.runAs(
                firm.firm(), null, () -> roles.assign(firm.paralegal().id(), BuiltInRole.AUDITOR));
        var screened = http.signIn(firm.paralegal());
        String page = http.page(screened, "/admin/audit?action=audit.viewed");
        String walledId = firm.walled().value().toString();
        assertThat(page).doesNotContain(firm.walledNumber(), firm.walledDocumentTitle());
        assertThat(detailsCells(page))
                .as("details cells")
                .isNotEmpty()
                .noneMatch(cell -> cell.contains(walledId))
                .noneMatch(cell -> cell.contains(firm.walledNumber()));
        System.out.println("SCREENED CELLS: " + detailsCells(page));
    }

    private static java.util.List<String> detailsCells(String page) {
        var cells = new java.util.ArrayList<String>();
        var matcher = java.util.regex.Pattern.compile("data-label=\"Details\"[^>]*>([^<]*)<")
                .matcher(page);
        while (matcher.find()) {
            cells.add(matcher.group(1));
        }
        return cells;
    }

    @Test
    void theCsvExportCarriesTheSameWords() throws Exception {
        var session = http.signIn(firm.administrator());
        var csv = mvc.perform(get("/admin/audit/export").param("format", "csv").cookie(session))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String header = csv.lines().findFirst().orElseThrow();
        assertThat(header).endsWith("action_label,outcome_label,matter_number");
        assertThat(csv).contains("Document uploaded", "Succeeded", firm.walledNumber());
    }
}
