package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.roles.Roles;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.identity.UserId;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.CustomRoleFixtures;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Who a wall screens changes only through someone who manages walls and whom that wall does not
 * screen: directly (the wall itself) or through a group a wall screens (adding to it, taking out of
 * it, deleting it), by the API, the pages and raw SQL as the runtime role alike.
 *
 * <p>The firm: a wall around one matter screens the group "Bidder team" (the screened administrator
 * and a colleague are in it); an unscreened administrator manages walls; a "People keeper" holds
 * {@code users.manage} through a custom role but not {@code walls.manage}; a plain group "Floor 3",
 * used by no wall, is the control that group changes still work for both.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class WallGroupsIntegrationTests extends FirmWithMattersTest {

    @Autowired
    Roles customRoles;

    @Autowired
    Groups groups;

    People.Person screenedAdmin;
    People.Person colleague;
    People.Person wallsManager;
    People.Person peopleKeeper;
    People.Person newcomer;
    MatterId walled;
    String walledNumber;
    GroupId bidders;
    GroupId floor;
    WallId wall;

    @BeforeEach
    void aWallThroughAGroup() {
        firm = aFirm("Wall groups");
        screenedAdmin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        wallsManager = withRole(firm, BuiltInRole.ADMINISTRATOR);
        colleague = withRole(firm, BuiltInRole.ATTORNEY);
        newcomer = withRole(firm, BuiltInRole.ATTORNEY);
        peopleKeeper = CustomRoleFixtures.withCustomRole(
                accounts, customRoles, roles, firm, "People keeper", "users.read", "users.manage");
        ClientId client = client(wallsManager, "Bridge Holdings");
        walledNumber = "B-" + TestDatabase.randomName();
        walled = matter(wallsManager, client, walledNumber, "Bridge tender");
        bidders = as(wallsManager, () -> groups.create("Bidder team"));
        floor = as(wallsManager, () -> groups.create("Floor 3"));
        as(wallsManager, () -> {
            groups.addMember(bidders, screenedAdmin.id());
            groups.addMember(bidders, colleague.id());
            groups.addMember(floor, colleague.id());
            return null;
        });
        wall = wall(wallsManager, walled, null, "Worked for a bidder", Member.group(bidders));
    }

    // (a) the screened administrator

    @Test
    void aScreenedAdministratorCannotChangeTheGroupThroughWhichTheWallScreensThem() throws Exception {
        var session = http.signIn(screenedAdmin);
        assertTheWallsGroupStaysAsItIsFor(session);
        var page = send(
                session,
                post("/admin/groups/" + bidders.value() + "/add")
                        .param("userId", newcomer.id().value().toString()));
        assertThat(page.getFlashMap().get("problem")).asString().contains("ethical wall");
        page = send(
                session, post("/admin/groups/" + bidders.value() + "/delete").param("confirmed", "yes"));
        assertThat(page.getFlashMap().get("problem")).asString().contains("ethical wall");

        assertThat(membersOf(bidders)).containsExactlyInAnyOrder(screenedAdmin.id(), colleague.id());
        assertThat(refusals(AuditAction.GROUP_MEMBER_REMOVED, screenedAdmin))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "screened_by_wall"));
        assertThat(refusals(AuditAction.GROUP_MEMBER_ADDED, screenedAdmin)).hasSize(2);
        assertThat(refusals(AuditAction.GROUP_DELETED, screenedAdmin)).hasSize(2);
        // The control: the same administrator still keeps a group no wall uses.
        assertThat(http.statusOf(
                        session,
                        post("/api/v1/groups/" + floor.value() + "/members"),
                        Map.of("userId", newcomer.id().value())))
                .isEqualTo(204);
        assertThat(http.statusOf(
                        session,
                        delete("/api/v1/groups/" + floor.value() + "/members/"
                                + newcomer.id().value()),
                        null))
                .isEqualTo(204);
    }

    @Test
    void rawSqlCannotChangeTheGroupOfAWallThatScreensYou() {
        assertThat(this.<Integer>sqlAs(
                        screenedAdmin,
                        jdbc -> jdbc.sql("DELETE FROM user_group_members WHERE group_id = :g AND user_id = :u")
                                .param("g", bidders.value())
                                .param("u", colleague.id().value())
                                .update()))
                .isZero();
        assertThatThrownBy(() -> sqlAs(
                        screenedAdmin,
                        jdbc -> jdbc.sql(
                                        "INSERT INTO user_group_members (tenant_id, group_id, user_id) VALUES (:t, :g, :u)")
                                .param("t", firm.value())
                                .param("g", bidders.value())
                                .param("u", newcomer.id().value())
                                .update()))
                .rootCause()
                .hasMessageContaining("row-level security");
        assertThat(this.<Integer>sqlAs(
                        screenedAdmin,
                        jdbc -> jdbc.sql("DELETE FROM user_groups WHERE id = :g")
                                .param("g", bidders.value())
                                .update()))
                .as("deleting the group would take its screening rows with it")
                .isZero();
        assertThat(membersOf(bidders)).containsExactlyInAnyOrder(screenedAdmin.id(), colleague.id());
        assertThat(screenedRows()).isEqualTo(1);
    }

    @Test
    void aGroupOnTheTeamOfAMatterTheCallerIsWalledFromIsNotTheirsToDelete() throws Exception {
        // No wall screens this group; it is on the walled matter's team, which deleting it would change.
        var tender = as(wallsManager, () -> groups.create("Tender team"));
        as(wallsManager, () -> {
            groups.addMember(tender, colleague.id());
            teams.add(matters.ref(walled).orElseThrow(), Member.group(tender));
            return null;
        });
        var session = http.signIn(screenedAdmin);
        assertThat(http.statusOf(session, delete("/api/v1/groups/" + tender.value()), null))
                .isEqualTo(403);
        assertThat(this.<Integer>sqlAs(
                        screenedAdmin,
                        jdbc -> jdbc.sql("DELETE FROM user_groups WHERE id = :g")
                                .param("g", tender.value())
                                .update()))
                .isZero();
        assertThat(as(wallsManager, () -> teams.members(matters.ref(walled).orElseThrow())))
                .extracting(Teams.TeamMember::member)
                .contains(Member.group(tender));
        // The control: someone the wall does not screen deletes it.
        assertThat(http.statusOf(http.signIn(wallsManager), delete("/api/v1/groups/" + tender.value()), null))
                .isEqualTo(204);
    }

    // (b) unscreened, but without walls.manage

    @Test
    void withoutWallsManageNobodyChangesAGroupAWallUses() throws Exception {
        var session = http.signIn(peopleKeeper);
        assertTheWallsGroupStaysAsItIsFor(session);
        assertThat(membersOf(bidders)).containsExactlyInAnyOrder(screenedAdmin.id(), colleague.id());
        assertThat(refusals(AuditAction.GROUP_MEMBER_REMOVED, peopleKeeper))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "walls_manage_required"));
        // In the database too.
        assertThat(this.<Integer>sqlAs(
                        peopleKeeper,
                        jdbc -> jdbc.sql("DELETE FROM user_group_members WHERE group_id = :g")
                                .param("g", bidders.value())
                                .update()))
                .isZero();
        // The control: groups no wall uses stay theirs to keep, by the API and the page.
        assertThat(http.statusOf(
                        session,
                        post("/api/v1/groups/" + floor.value() + "/members"),
                        Map.of("userId", newcomer.id().value())))
                .isEqualTo(204);
        var asked = send(
                session,
                post("/admin/groups/" + floor.value() + "/remove")
                        .param("userId", newcomer.id().value().toString()));
        assertThat(asked.getResponse().getContentAsString())
                .contains("out of the group")
                .contains("name=\"confirmed\" value=\"yes\"");
        assertThat(membersOf(floor)).contains(newcomer.id());
        var page = send(
                session,
                post("/admin/groups/" + floor.value() + "/remove")
                        .param("userId", newcomer.id().value().toString())
                        .param("confirmed", "yes"));
        assertThat(page.getFlashMap().get("notice")).isEqualTo("Taken out of the group.");
        var spare = as(wallsManager, () -> groups.create("Spare"));
        assertThat(http.statusOf(session, delete("/api/v1/groups/" + spare.value()), null))
                .isEqualTo(204);
    }

    @Test
    void withoutWallsManageNobodyChangesAWallInTheDatabase() {
        for (var person : List.of(peopleKeeper, colleague, newcomer)) {
            assertThat(this.<Integer>sqlAs(
                            person,
                            jdbc -> jdbc.sql("DELETE FROM wall_screened").update()))
                    .isZero();
            assertThat(this.<Integer>sqlAs(
                            person,
                            jdbc -> jdbc.sql("DELETE FROM ethical_walls").update()))
                    .isZero();
            assertThat(this.<Integer>sqlAs(
                            person,
                            jdbc -> jdbc.sql("UPDATE ethical_walls SET reason = 'none'")
                                    .update()))
                    .isZero();
        }
        assertThatThrownBy(() -> sqlAs(
                        newcomer,
                        jdbc -> jdbc.sql("INSERT INTO ethical_walls (tenant_id, id, matter_id, reason, created_by)"
                                        + " VALUES (:t, :id, :m, 'mine', :u)")
                                .param("t", firm.value())
                                .param("id", UUID.randomUUID())
                                .param("m", walled.value())
                                .param("u", newcomer.id().value())
                                .update()))
                .rootCause()
                .hasMessageContaining("row-level security");
        assertThat(screenedRows()).isEqualTo(1);
    }

    @Test
    void aWallsManagerWhoCannotSeeTheWalledMatterCannotChangeItsGroupEither() throws Exception {
        // walls.manage and users.manage, but neither on the matter's team nor matters.read.all: the wall
        // is "not found" for them, and so is not theirs to change through its group.
        var keeper = CustomRoleFixtures.withCustomRole(
                accounts,
                customRoles,
                roles,
                firm,
                "Wall keeper",
                "users.read",
                "users.manage",
                "walls.read",
                "walls.manage");
        var session = http.signIn(keeper);
        assertThat(http.statusOf(session, delete("/api/v1/walls/" + wall.value()), null))
                .as("the wall itself")
                .isEqualTo(404);
        assertThat(http.statusOf(
                        session,
                        delete("/api/v1/groups/" + bidders.value() + "/members/"
                                + colleague.id().value()),
                        null))
                .isEqualTo(403);
        assertThat(membersOf(bidders)).containsExactlyInAnyOrder(screenedAdmin.id(), colleague.id());
        assertThat(refusals(AuditAction.GROUP_MEMBER_REMOVED, keeper))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("reason", "wall_not_visible"));
    }

    // (c) an unscreened manager of walls

    @Test
    void anUnscreenedWallsManagerChangesTheGroupAndDeletesItOnceNoWallUsesIt() throws Exception {
        var session = http.signIn(wallsManager);
        String members = "/api/v1/groups/" + bidders.value() + "/members";
        assertThat(http.statusOf(
                        session, post(members), Map.of("userId", newcomer.id().value())))
                .isEqualTo(204);
        assertThat(http.statusOf(session, delete(members + "/" + newcomer.id().value()), null))
                .isEqualTo(204);
        // Joining and leaving the wall's group is mailed like a change to the wall: the number only.
        assertThat(mailTo(newcomer))
                .satisfiesExactly(
                        m -> assertThat(m).contains("screened by an ethical wall", walledNumber),
                        m -> assertThat(m).contains("no longer screens you", walledNumber));
        assertThat(mailTo(newcomer)).noneMatch(m -> m.contains("Bridge tender") || m.contains("Worked for"));
        var page = send(
                session,
                post("/admin/groups/" + bidders.value() + "/add")
                        .param("userId", newcomer.id().value().toString()));
        assertThat(page.getFlashMap().get("notice")).asString().startsWith("Added to the group");
        assertThat(membersOf(bidders)).contains(newcomer.id());
        // A group a wall screens is not deleted from under it: the wall changes first, audited and mailed.
        assertThat(http.statusOf(session, delete("/api/v1/groups/" + bidders.value()), null))
                .isEqualTo(409);
        page = send(
                session, post("/admin/groups/" + bidders.value() + "/delete").param("confirmed", "yes"));
        assertThat(page.getFlashMap().get("problem")).asString().contains("Take the group off");
        assertThat(screenedRows()).isEqualTo(1);
        as(wallsManager, () -> walls.change(wall, "Worked for a bidder", Set.of(Member.user(screenedAdmin.id()))));
        // Asked first (a confirmation page, nothing deleted), then deleted once confirmed.
        page = send(session, post("/admin/groups/" + bidders.value() + "/delete"));
        assertThat(page.getResponse().getContentAsString())
                .contains("Delete the group")
                .contains("name=\"confirmed\" value=\"yes\"");
        assertThat(as(wallsManager, () -> groups.all()).stream().map(Groups.Group::id))
                .contains(bidders);
        page = send(
                session, post("/admin/groups/" + bidders.value() + "/delete").param("confirmed", "yes"));
        assertThat(page.getFlashMap().get("notice")).isEqualTo("The group is deleted.");
        assertThat(as(wallsManager, () -> groups.all()).stream().map(Groups.Group::id))
                .containsExactly(floor);
        assertThat(events(new AuditTrail.Filter(
                        wallsManager.id().value(),
                        AuditAction.GROUP_DELETED,
                        io.lexvault.audit.AuditOutcome.SUCCESS,
                        null,
                        bidders.value(),
                        null,
                        null)))
                .hasSize(1);
    }

    // Helpers

    /** The API refuses every change to the wall's group (403), and the page refuses with a sentence. */
    private void assertTheWallsGroupStaysAsItIsFor(Cookie session) throws Exception {
        String members = "/api/v1/groups/" + bidders.value() + "/members";
        assertThat(http.statusOf(session, delete(members + "/" + colleague.id().value()), null))
                .as("taking a colleague out of the wall's group")
                .isEqualTo(403);
        assertThat(http.statusOf(
                        session, post(members), Map.of("userId", newcomer.id().value())))
                .as("adding someone to the wall's group")
                .isEqualTo(403);
        assertThat(http.statusOf(session, delete("/api/v1/groups/" + bidders.value()), null))
                .as("deleting the wall's group")
                .isEqualTo(403);
        var page = send(
                session,
                post("/admin/groups/" + bidders.value() + "/remove")
                        .param("userId", colleague.id().value().toString())
                        .param("confirmed", "yes"));
        assertThat(page.getFlashMap().get("problem")).asString().contains("ethical wall");
    }

    private List<UserId> membersOf(GroupId group) {
        return as(wallsManager, () -> groups.all()).stream()
                .filter(g -> g.id().equals(group))
                .findFirst()
                .orElseThrow()
                .members();
    }

    private List<String> mailTo(People.Person person) {
        return this.<List<String>>sqlAs(
                wallsManager,
                jdbc -> jdbc.sql(
                                "SELECT subject || '|' || body FROM mail_outbox WHERE recipient = :r ORDER BY created_at")
                        .param("r", person.email())
                        .query(String.class)
                        .list());
    }

    private long screenedRows() {
        return countAs(
                wallsManager, "SELECT count(*) FROM wall_screened WHERE wall_id = :w", Map.of("w", wall.value()));
    }

    private List<AuditTrail.Event> refusals(AuditAction action, People.Person actor) {
        return events(AuditFilters.byActor(actor, action, io.lexvault.audit.AuditOutcome.DENIED));
    }

    private MvcResult send(Cookie session, MockHttpServletRequestBuilder request, @Nullable Object body)
            throws Exception {
        request.cookie(session).with(csrf());
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        }
        return mvc.perform(request).andReturn();
    }

    private MvcResult send(Cookie session, MockHttpServletRequestBuilder form) throws Exception {
        return send(session, form, null);
    }
}
