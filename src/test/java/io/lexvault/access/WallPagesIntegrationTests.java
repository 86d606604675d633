package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The wall, team, access, matter list and group pages (docs/security.md §1, Wall 3), used by an
 * administrator, by people without the permissions, and by an administrator a wall screens, who must
 * still manage the other walls but find no trace of the one around them.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class WallPagesIntegrationTests extends FirmWithMattersTest {

    private static final String WALLED_TITLE = "Acme v. Widget";
    private static final String WALL_REASON = "Previously advised the other side";

    @Autowired
    Groups groups;

    Person admin;
    Person screenedAdmin;
    Person attorney;
    Person staff;
    ClientId client;
    MatterId walled;
    String walledNumber;
    MatterId open;
    String openNumber;
    GroupId pool;
    WallId wall;

    @BeforeEach
    void firmWithAWalledMatter() {
        firm = aFirm("Wall pages");
        admin = withRole(BuiltInRole.ADMINISTRATOR);
        screenedAdmin = withRole(BuiltInRole.ADMINISTRATOR);
        attorney = withRole(BuiltInRole.ATTORNEY);
        staff = withRole(BuiltInRole.STAFF);
        walledNumber = "W-" + TestDatabase.randomName();
        openNumber = "O-" + TestDatabase.randomName();
        client = client(admin, "Acme Holdings");
        walled = matter(admin, client, walledNumber, WALLED_TITLE);
        open = matter(admin, client, openNumber, "Acme general");
        pool = as(admin, () -> groups.create("Litigation pool"));
        as(admin, () -> groups.addMember(pool, attorney.id()));
        onTeam(admin, walled, Member.group(pool));
        onTeam(admin, open, Member.user(attorney.id()));
        wall = wall(admin, walled, null, WALL_REASON, Member.user(screenedAdmin.id()));
    }

    @Test
    void anAdministratorSeesEveryPageWithNamesAndReasons() throws Exception {
        var session = signIn(admin);
        assertThat(http.page(session, "/admin/walls"))
                .contains(walledNumber, WALLED_TITLE, "Acme Holdings", WALL_REASON, "Test Person")
                .contains(
                        "Put up the wall", "value=\"matter:" + open.value() + "\"", "value=\"client:" + client.value())
                .contains("value=\"group:" + pool.value() + "\"", "Group: Litigation pool")
                .contains("/admin/walls/" + wall.value() + "/remove")
                .containsPattern("name=\"_csrf\"")
                .doesNotContain("<script");
        assertThat(http.page(session, "/admin/walls/" + wall.value()))
                .contains(walledNumber, WALL_REASON)
                .containsPattern("value=\"user:" + screenedAdmin.id().value() + "\"\\s+checked");
        assertThat(http.page(session, "/admin/matters/" + walled.value() + "/team"))
                .contains(walledNumber, "Litigation pool", "Take off the team", "Add to the team");
        assertThat(http.page(session, "/admin/matters/" + walled.value() + "/access"))
                .contains("on the team through the group Litigation pool")
                .contains("the role Administrator gives matters.read.all")
                .contains("the wall around this matter: " + WALL_REASON)
                .contains("outcome-denied");
        assertThat(http.page(session, "/matters"))
                .contains(walledNumber, openNumber, "/admin/matters/" + open.value() + "/team")
                .contains("/admin/matters/" + open.value() + "/access");
        assertThat(http.page(session, "/admin/groups")).contains("Litigation pool", "take out", "Create the group");
        assertThat(http.page(session, "/account")).contains("id=\"walls-link\"", "id=\"matters-link\"");
    }

    @Test
    void theFormsChangeWallsTeamsAndGroupsAndAreAudited() throws Exception {
        var session = signIn(admin);
        var created = send(
                session,
                post("/admin/walls")
                        .param("target", "matter:" + open.value())
                        .param("reason", "Spouse works for the other side")
                        .param("member", "user:" + staff.id().value())
                        .param("member", "group:" + pool.value()));
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/admin/walls");
        assertThat(created.getFlashMap().get("notice").toString()).startsWith("The wall is up.");
        var newWall = as(admin, () -> walls.all()).stream()
                .filter(w -> w.matter() != null && w.matter().id().equals(open.value()))
                .findFirst()
                .orElseThrow();
        assertThat(newWall.screened()).containsExactlyInAnyOrder(Member.user(staff.id()), Member.group(pool));
        assertThat(events(AuditAction.WALL_CREATED, newWall.id().value())).hasSize(1);

        var changed = send(
                session,
                post("/admin/walls/" + newWall.id().value())
                        .param("reason", "Spouse works for the defendant")
                        .param("member", "user:" + staff.id().value()));
        assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/admin/walls");
        var after = as(admin, () -> walls.find(newWall.id())).orElseThrow();
        assertThat(after.reason()).isEqualTo("Spouse works for the defendant");
        assertThat(after.screened()).containsExactly(Member.user(staff.id()));
        assertThat(events(AuditAction.WALL_CHANGED, newWall.id().value())).hasSize(1);

        // Taking it down asks first, naming whom it screens, and changes nothing until confirmed.
        String question = send(session, post("/admin/walls/" + newWall.id().value() + "/remove"))
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(question).contains("Take down the wall around the matter", "name=\"confirmed\"");
        assertThat(as(admin, () -> walls.find(newWall.id()))).isPresent();
        assertThat(events(AuditAction.WALL_REMOVED, newWall.id().value())).isEmpty();
        send(session, post("/admin/walls/" + newWall.id().value() + "/remove").param("confirmed", "yes"));
        assertThat(as(admin, () -> walls.find(newWall.id()))).isEmpty();
        assertThat(events(AuditAction.WALL_REMOVED, newWall.id().value())).hasSize(1);

        var added = send(
                session,
                post("/admin/matters/" + open.value() + "/team/add")
                        .param("member", "user:" + staff.id().value()));
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/admin/matters/" + open.value() + "/team");
        assertThat(teamOf(open)).contains(Member.user(staff.id()));
        assertThat(events(AuditAction.TEAM_MEMBER_ADDED, open.value())).isNotEmpty();
        // Asked first, nothing changed; then, confirmed, done.
        var asked = send(
                session,
                post("/admin/matters/" + open.value() + "/team/remove")
                        .param("member", "user:" + staff.id().value()));
        assertThat(asked.getResponse().getContentAsString())
                .contains("off the team of " + openNumber)
                .contains("name=\"confirmed\" value=\"yes\"");
        assertThat(teamOf(open)).contains(Member.user(staff.id()));
        send(
                session,
                post("/admin/matters/" + open.value() + "/team/remove")
                        .param("member", "user:" + staff.id().value())
                        .param("confirmed", "yes"));
        assertThat(teamOf(open)).doesNotContain(Member.user(staff.id()));

        send(session, post("/admin/groups").param("name", "Tax desk"));
        var tax = as(admin, () -> groups.all()).stream()
                .filter(g -> g.name().equals("Tax desk"))
                .findFirst()
                .orElseThrow();
        send(
                session,
                post("/admin/groups/" + tax.id().value() + "/add")
                        .param("userId", staff.id().value().toString()));
        assertThat(as(admin, () -> groups.all()).stream()
                        .filter(g -> g.id().equals(tax.id()))
                        .findFirst()
                        .orElseThrow()
                        .members())
                .containsExactly(staff.id());
        assertThat(events(AuditAction.GROUP_MEMBER_ADDED, tax.id().value())).hasSize(1);
    }

    @Test
    void refusedWallFormsSayWhyAndKeepWhatWasTyped() throws Exception {
        var session = signIn(admin);
        var noTarget = send(
                session,
                post("/admin/walls")
                        .param("reason", "Conflict")
                        .param("member", "user:" + staff.id().value()));
        assertThat(noTarget.getFlashMap().get("problem"))
                .isEqualTo("Choose the matter or the client the wall is around.");
        assertThat(noTarget.getFlashMap().get("reason")).isEqualTo("Conflict");
        // The refusal is shown on the page it sends back to, with what was typed.
        assertThat(http.page(session, "/admin/walls"))
                .contains("Choose the matter or the client the wall is around.")
                .contains(">Conflict</textarea>")
                .containsPattern("value=\"user:" + staff.id().value() + "\"\\s+checked");
        var noReason = send(
                session,
                post("/admin/walls")
                        .param("target", "client:" + client.value())
                        .param("reason", "  ")
                        .param("member", "user:" + staff.id().value()));
        assertThat(noReason.getFlashMap().get("problem"))
                .isEqualTo("A wall's reason is required (1 to 1000 characters).");
        var nobody = send(
                session,
                post("/admin/walls").param("target", "client:" + client.value()).param("reason", "Conflict"));
        assertThat(nobody.getFlashMap().get("problem")).isEqualTo("Choose at least one person or group to screen.");
        var stranger = withRole(aFirm(), BuiltInRole.STAFF);
        var foreign = send(
                session,
                post("/admin/walls")
                        .param("target", "client:" + client.value())
                        .param("reason", "Conflict")
                        .param("member", "user:" + stranger.id().value()));
        assertThat(foreign.getFlashMap().get("problem")).isEqualTo("No such user in this firm.");
        var emptied = send(session, post("/admin/walls/" + wall.value()).param("reason", WALL_REASON));
        assertThat(emptied.getResponse().getRedirectedUrl()).isEqualTo("/admin/walls/" + wall.value());
        assertThat(emptied.getFlashMap().get("problem")).isEqualTo("Choose at least one person or group to screen.");
        assertThat(as(admin, () -> walls.all())).hasSize(1);
    }

    @Test
    void withoutThePermissionThePagesAndFormsAre403() throws Exception {
        var staffSession = signIn(staff);
        assertThat(http.status(staffSession, "/admin/walls")).isEqualTo(403);
        assertThat(http.status(staffSession, "/admin/matters/" + open.value() + "/access"))
                .isEqualTo(403);
        assertThat(http.status(staffSession, "/admin/matters/" + open.value() + "/team"))
                .as("staff hold teams.read but are not on the team")
                .isEqualTo(404);
        assertThat(http.page(staffSession, "/account")).contains("matters-link").doesNotContain("walls-link");
        assertThat(http.page(staffSession, "/admin/groups"))
                .contains("Litigation pool")
                .doesNotContain("Create the group");
        assertThat(send(staffSession, post("/admin/groups").param("name", "Mine"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);

        var attorneySession = signIn(attorney);
        assertThat(http.page(attorneySession, "/admin/matters/" + open.value() + "/team"))
                .contains("Add to the team")
                .doesNotContain("Who can access");
        assertThat(http.page(attorneySession, "/matters")).contains(openNumber).doesNotContain("/access");
        assertThat(send(
                                attorneySession,
                                post("/admin/walls")
                                        .param("target", "matter:" + open.value())
                                        .param("reason", "Mine")
                                        .param("member", "user:" + staff.id().value()))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(send(
                                attorneySession,
                                post("/admin/walls/" + wall.value() + "/remove").param("confirmed", "yes"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(as(admin, () -> walls.all())).hasSize(1);
    }

    @Test
    void formsNeedACsrfToken() throws Exception {
        var session = signIn(admin);
        assertThat(mvc.perform(post("/admin/walls/" + wall.value() + "/remove")
                                .cookie(session)
                                .param("confirmed", "yes"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post("/admin/matters/" + open.value() + "/team/add")
                                .cookie(session)
                                .param("member", "user:" + staff.id().value()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post("/admin/walls")
                                .cookie(session)
                                .param("target", "matter:" + open.value())
                                .param("reason", "Forged")
                                .param("member", "user:" + staff.id().value()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(as(admin, () -> walls.all())).hasSize(1);
        assertThat(teamOf(open)).doesNotContain(Member.user(staff.id()));
    }

    @Test
    void aScreenedAdministratorManagesOtherWallsButFindsNoTraceOfTheirs() throws Exception {
        var session = signIn(screenedAdmin);
        assertThat(http.status(session, "/admin/matters/" + walled.value() + "/team"))
                .isEqualTo(404);
        assertThat(http.status(session, "/admin/matters/" + walled.value() + "/access"))
                .isEqualTo(404);
        assertThat(http.status(session, "/admin/walls/" + wall.value())).isEqualTo(404);
        assertThat(send(session, post("/admin/walls/" + wall.value() + "/remove"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(send(
                                session,
                                post("/admin/walls/" + wall.value() + "/remove").param("confirmed", "yes"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(send(
                                session,
                                post("/admin/walls/" + wall.value())
                                        .param("reason", "Released")
                                        .param("member", "user:" + staff.id().value()))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(send(
                                session,
                                post("/admin/matters/" + walled.value() + "/team/add")
                                        .param(
                                                "member",
                                                "user:" + screenedAdmin.id().value()))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        String wallsPage = http.page(session, "/admin/walls");
        assertThat(wallsPage)
                .as("neither the wall nor the walled matter shows, not even its number")
                .doesNotContain(
                        walledNumber,
                        WALLED_TITLE,
                        WALL_REASON,
                        wall.value().toString(),
                        walled.value().toString())
                .contains("There are no walls you can see.", openNumber);
        assertThat(http.page(session, "/matters")).contains(openNumber).doesNotContain(walledNumber, WALLED_TITLE);

        // Still a security officer for everything else: puts up a wall around the open matter.
        var created = send(
                session,
                post("/admin/walls")
                        .param("target", "matter:" + open.value())
                        .param("reason", "Joined from the other side")
                        .param("member", "user:" + staff.id().value()));
        assertThat(created.getFlashMap().get("notice").toString()).startsWith("The wall is up.");
        assertThat(http.page(session, "/admin/walls")).contains(openNumber, "Joined from the other side");

        // The wall stands; the unscreened administrator still sees it whole.
        assertThat(http.page(signIn(admin), "/admin/walls")).contains(walledNumber, WALLED_TITLE, WALL_REASON);
    }

    @Test
    void theWallListIsEveryWallTheCallerWouldFindOneByOne() {
        // The list reads every wall's screened people, groups, matters and clients at once; finding one
        // wall reads them for that wall. Both must show the same walls the same way to every caller.
        var otherClient = client(admin, "Borealis Shipping");
        matter(admin, otherClient, "B-" + TestDatabase.randomName(), "Borealis charter");
        wall(admin, null, otherClient, "Acts for a competitor", Member.group(pool));
        wall(admin, open, null, "Family ties", Member.user(staff.id()), Member.group(pool));
        for (Person caller : List.of(admin, screenedAdmin, attorney, staff)) {
            var listed = as(caller, () -> walls.all());
            var everyWall = as(admin, () -> walls.all()).stream()
                    .map(EthicalWalls.Wall::id)
                    .toList();
            var foundOneByOne = as(
                    caller,
                    () -> everyWall.stream()
                            .map(id -> walls.find(id))
                            .flatMap(java.util.Optional::stream)
                            .toList());
            assertThat(listed).as("walls listed for a caller").containsExactlyElementsOf(foundOneByOne);
        }
        assertThat(as(admin, () -> walls.all())).hasSize(3);
        assertThat(as(screenedAdmin, () -> walls.all()))
                .as("not the wall that screens them")
                .hasSize(2)
                .noneMatch(w -> w.id().equals(wall));
        assertThat(as(admin, () -> walls.all()))
                .anySatisfy(w -> assertThat(w.client()).isNotNull())
                .anySatisfy(w -> assertThat(w.screened()).contains(Member.user(staff.id()), Member.group(pool)));
    }

    @Test
    void anotherFirmsMatterIsNotFound() throws Exception {
        var outsider = signIn(withRole(aFirm(), BuiltInRole.ADMINISTRATOR));
        assertThat(http.status(outsider, "/admin/matters/" + open.value() + "/team"))
                .isEqualTo(404);
        assertThat(http.status(outsider, "/admin/matters/" + open.value() + "/access"))
                .isEqualTo(404);
        assertThat(http.status(outsider, "/admin/walls/" + wall.value())).isEqualTo(404);
        assertThat(http.page(outsider, "/admin/walls")).doesNotContain(walledNumber, openNumber, "Acme");
        assertThat(send(
                                outsider,
                                post("/admin/matters/" + open.value() + "/team/remove")
                                        .param("member", "user:" + attorney.id().value()))
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(teamOf(open)).contains(Member.user(attorney.id()));
    }

    private TenantId aFirm() {
        return aFirm("Elsewhere");
    }

    private Person withRole(BuiltInRole role) {
        return withRole(firm, role);
    }

    private List<Member> teamOf(MatterId matter) {
        return as(admin, () -> teams.members(matters.ref(matter).orElseThrow())).stream()
                .map(Teams.TeamMember::member)
                .toList();
    }

    private List<AuditTrail.Event> events(AuditAction action, UUID target) {
        return events(AuditFilters.onTarget(action, target));
    }

    private Cookie signIn(Person person) throws Exception {
        return MockSignIn.sessionOf(MockSignIn.signIn(mvc, person.email(), person.password()));
    }

    private MvcResult send(Cookie session, MockHttpServletRequestBuilder form) throws Exception {
        return mvc.perform(form.cookie(session).with(csrf())).andReturn();
    }
}
