package io.lexvault.assistant.pseudonyms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Member;
import io.lexvault.audit.AuditAction;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.parties.Parties;
import io.lexvault.matters.parties.PartyKind;
import io.lexvault.matters.parties.PartyRole;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The matter's known names read from the database as the caller ({@link MatterNames}), and the
 * administrators' preview of what would leave for an external model: walled like every matter page,
 * audited without the question.
 *
 * <p>The firm: an administrator who may see the matter, a second administrator a wall screens from
 * it, and an attorney on its team whose display name is a known name.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class PseudonymisationPreviewIntegrationTests extends FirmWithMattersTest {

    private static final String MARKER = "zebra-quartz-4471";

    @Autowired
    MatterNames names;

    @Autowired
    Parties parties;

    People.Person admin;
    People.Person screenedAdmin;
    People.Person attorney;
    MatterId matter;

    @BeforeEach
    void firmWithAWalledMatter() {
        firm = aFirm("Pseudonyms");
        admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        screenedAdmin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        String email = "lars-" + TestDatabase.randomName() + "@firm.example";
        var account = TenantContext.callAs(firm, null, () -> accounts.create(email, "Lars Andersson", People.PASSWORD));
        TenantContext.runAs(firm, null, () -> roles.assign(account.id(), BuiltInRole.ATTORNEY));
        attorney = new People.Person(firm, account.id(), email, People.PASSWORD);
        var client = client(admin, "Nordbygg AB");
        matter = matter(admin, client, "P-" + TestDatabase.randomName(), "Nordbygg v. Virtanen");
        onTeam(admin, matter, Member.user(attorney.id()));
        as(admin, () -> parties.add(matter, "Anna Virtanen", PartyKind.PERSON, PartyRole.OPPOSING_PARTY, null));
        as(admin, () -> parties.add(matter, "Müller GmbH", PartyKind.ORGANISATION, PartyRole.OTHER, null));
        wall(admin, matter, null, "Acted for the other side", Member.user(screenedAdmin.id()));
    }

    @Test
    void knownNamesAreTheClientThePartiesAndTheTeamsPeople() {
        var known = as(admin, () -> names.of(matter));
        assertThat(known)
                .contains(
                        new KnownName("Nordbygg AB", "client"),
                        new KnownName("Anna Virtanen", "party"),
                        new KnownName("Müller GmbH", "party"),
                        new KnownName("Lars Andersson", "person"));
    }

    @Test
    void thePreviewShowsTheQuestionAsItWouldLeaveWithoutTheMattersIdentifiers() throws Exception {
        String question = "Did Virtasen pay Nordbygg AB from SE45 5000 0000 0583 9825 7466 before Lars Anderssons "
                + "call to +46 70 123 45 67? " + MARKER;
        String page = preview(http.signIn(admin), matter.value().toString(), question, 200);
        String sent = between(page, "<pre id=\"sent-text\">", "</pre>");
        assertThat(sent)
                .contains("[PARTY_1]", "[CLIENT_1]", "[IBAN_1]", "[PERSON_1]", "[PHONE_1]", MARKER)
                .doesNotContain("Virtasen", "Nordbygg", "SE45", "Andersson", "123 45 67");
        assertThat(between(page, "<table id=\"known-names\">", "</table>")).contains("Anna Virtanen", "Lars Andersson");
    }

    @Test
    void thePreviewIsAuditedWithTheMatterButNeverTheQuestion() throws Exception {
        preview(http.signIn(admin), matter.value().toString(), "What did Anna Virtanen sign? " + MARKER, 200);
        var events = events(AuditFilters.action(AuditAction.ASSISTANT_PREVIEWED));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).matterId()).isEqualTo(matter.value());
        assertThat(events.get(0).details().toString()).doesNotContain(MARKER).doesNotContain("Virtanen");
    }

    @Test
    void aWalledMatterIsNotFoundForTheScreenedAdministrator() throws Exception {
        preview(http.signIn(screenedAdmin), matter.value().toString(), "Anything?", 404);
        preview(http.signIn(admin), "not-a-uuid", "Anything?", 404);
        assertThat(events(AuditFilters.action(AuditAction.ASSISTANT_PREVIEWED))).isEmpty();
    }

    @Test
    void onlyThoseWhoConfigureTheAssistantMayPreview() throws Exception {
        preview(http.signIn(attorney), matter.value().toString(), "Anything?", 403);
    }

    @Test
    void withoutAMatterThePageOffersTheMattersTheAdministratorMaySee() throws Exception {
        String page = http.page(http.signIn(admin), "/admin/assistant/preview");
        assertThat(page).contains("Nordbygg v. Virtanen");
        assertThat(http.page(http.signIn(screenedAdmin), "/admin/assistant/preview"))
                .doesNotContain("Nordbygg v. Virtanen");
    }

    private String preview(Cookie session, String matter, String question, int status) throws Exception {
        var response = mvc.perform(get("/admin/assistant/preview")
                        .param("matter", matter)
                        .param("question", question)
                        .cookie(session))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(status);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static String between(String page, String from, String to) {
        int start = page.indexOf(from);
        assertThat(start).as("%s in the page", from).isNotNegative();
        return page.substring(start, page.indexOf(to, start));
    }
}
