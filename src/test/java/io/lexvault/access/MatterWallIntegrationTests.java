package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.identity.UserId;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Wall 3 (docs/security.md §1): a matter behind an ethical wall cannot be reached by the people it
 * screens, by any path, whatever roles they hold, and the database alone stops them too.
 *
 * <p>The firm: a screened administrator (who holds matters.read.all and walls.manage), a screened
 * attorney who is on the matter's team and holds matters.read.all through a custom role, an attorney
 * on the team who is not screened (the control: every probe that fails for the screened must succeed
 * for them, so no probe passes by being broken), and a second, unscreened administrator.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class MatterWallIntegrationTests extends FirmWithMattersTest {

    @Autowired
    Groups groups;

    People.Person screenedAdmin;
    People.Person screenedAttorney;
    People.Person teamAttorney;
    People.Person otherAdmin;
    ClientId client;
    MatterId walled;
    MatterId open;
    WallId wall;

    @BeforeEach
    void firmWithAWalledMatter() {
        firm = aFirm("Walls");
        screenedAdmin = withRole(BuiltInRole.ADMINISTRATOR);
        otherAdmin = withRole(BuiltInRole.ADMINISTRATOR);
        screenedAttorney = withRole(BuiltInRole.ATTORNEY);
        teamAttorney = withRole(BuiltInRole.ATTORNEY);
        grantCustomRole(screenedAttorney.id(), "custom_reads_all", "matters.read.all");

        client = client(otherAdmin, "Acme Holdings");
        walled = matter(otherAdmin, client, "M-" + TestDatabase.randomName(), "Acme v. Widget");
        open = matter(otherAdmin, client, "M-" + TestDatabase.randomName(), "Acme general");
        onTeam(otherAdmin, walled, Member.user(screenedAttorney.id()), Member.user(teamAttorney.id()));
        onTeam(otherAdmin, open, Member.user(teamAttorney.id()));
        wall = wall(
                otherAdmin,
                walled,
                null,
                "Previously advised the other side",
                Member.user(screenedAdmin.id()),
                Member.user(screenedAttorney.id()));
    }

    // The database alone

    @Test
    void rawSqlAsTheRuntimeRoleShowsTheScreenedNoWalledMatterEvenWithMattersReadAll() {
        for (var screened : List.of(screenedAdmin, screenedAttorney)) {
            assertThat(holdsInDatabase(screened, "matters.read.all"))
                    .as("the probe is meaningful: %s holds matters.read.all in the database", screened.email())
                    .isTrue();
            assertThat(this.<List<UUID>>sqlAs(
                            screened,
                            jdbc -> jdbc.sql("SELECT id FROM matters")
                                    .query(UUID.class)
                                    .list()))
                    .contains(open.value())
                    .doesNotContain(walled.value());
            assertThat(countAs(screened, "SELECT count(*) FROM matters WHERE id = :id", Map.of("id", walled.value())))
                    .isZero();
            assertThat(countAs(
                            screened,
                            "SELECT count(*) FROM matter_team_members WHERE matter_id = :id",
                            Map.of("id", walled.value())))
                    .as("the walled matter's team names it and its people")
                    .isZero();
            assertThat(this.<Integer>sqlAs(
                            screened,
                            jdbc -> jdbc.sql("UPDATE matters SET title = 'seen' WHERE id = :id")
                                    .param("id", walled.value())
                                    .update()))
                    .isZero();
            assertThat(this.<Boolean>sqlAs(
                            screened,
                            jdbc -> jdbc.sql("SELECT lexvault.acting_user_may_see_matter(:id, :client)")
                                    .param("id", walled.value())
                                    .param("client", client.value())
                                    .query(Boolean.class)
                                    .single()))
                    .isFalse();
        }
        // The control: same statements, someone the wall does not screen.
        assertThat(this.<List<UUID>>sqlAs(
                        teamAttorney,
                        jdbc -> jdbc.sql("SELECT id FROM matters")
                                .query(UUID.class)
                                .list()))
                .contains(walled.value(), open.value());
        assertThat(countAs(
                        otherAdmin,
                        "SELECT count(*) FROM matter_team_members WHERE matter_id = :id",
                        Map.of("id", walled.value())))
                .isEqualTo(3);
        assertThat(this.<String>sqlAs(
                        teamAttorney,
                        jdbc -> jdbc.sql("SELECT title FROM matters WHERE id = :id")
                                .param("id", walled.value())
                                .query(String.class)
                                .single()))
                .isEqualTo("Acme v. Widget");
    }

    @Test
    void rawSqlCannotTakeDownTheWallThatScreensYou() {
        for (var screened : List.of(screenedAdmin, screenedAttorney)) {
            assertThat(this.<Integer>sqlAs(
                            screened,
                            jdbc -> jdbc.sql("DELETE FROM ethical_walls").update()))
                    .isZero();
            assertThat(this.<Integer>sqlAs(
                            screened,
                            jdbc -> jdbc.sql("UPDATE ethical_walls SET matter_id = :other")
                                    .param("other", open.value())
                                    .update()))
                    .isZero();
            assertThat(this.<Integer>sqlAs(
                            screened,
                            jdbc -> jdbc.sql("DELETE FROM wall_screened").update()))
                    .isZero();
        }
        assertThat(countAs(
                        teamAttorney,
                        "SELECT count(*) FROM wall_screened WHERE wall_id = :wall",
                        Map.of("wall", wall.value())))
                .isEqualTo(2);
        assertThat(this.<List<UUID>>sqlAs(
                        teamAttorney,
                        jdbc -> jdbc.sql("SELECT id FROM matters")
                                .query(UUID.class)
                                .list()))
                .contains(walled.value());
    }

    @Test
    void noActingUserSeesNoMatterAtAll() {
        assertThat(countAs(null, "SELECT count(*) FROM matters", Map.of())).isZero();
        assertThat(TenantContext.callAs(firm, null, () -> matters.list(0, 50).items()))
                .isEmpty();
        assertThat(TenantContext.callAs(firm, null, () -> matters.find(open))).isEmpty();
        // The control: the same firm, someone acting.
        assertThat(countAs(otherAdmin, "SELECT count(*) FROM matters", Map.of()))
                .isEqualTo(2);
    }

    @Test
    void aWallThroughAGroupOrAroundTheClientScreensInTheDatabaseAndTheService() {
        var group = as(otherAdmin, () -> groups.create("Tax team " + TestDatabase.randomName()));
        as(otherAdmin, () -> groups.addMember(group, teamAttorney.id()));
        as(otherAdmin, () -> walls.create(walled.value(), null, "Group conflict", Set.of(Member.group(group))));
        assertThat(this.<List<UUID>>sqlAs(
                        teamAttorney,
                        jdbc -> jdbc.sql("SELECT id FROM matters")
                                .query(UUID.class)
                                .list()))
                .containsExactly(open.value());
        assertThat(as(teamAttorney, () -> matters.find(walled))).isEmpty();
        assertThat(as(teamAttorney, () -> matters.find(open))).isPresent();

        as(
                otherAdmin,
                () -> walls.create(null, client.value(), "Client conflict", Set.of(Member.user(teamAttorney.id()))));
        assertThat(this.<List<UUID>>sqlAs(
                        teamAttorney,
                        jdbc -> jdbc.sql("SELECT id FROM matters")
                                .query(UUID.class)
                                .list()))
                .isEmpty();
        assertThat(countAs(teamAttorney, "SELECT count(*) FROM clients", Map.of()))
                .as("a client-wide wall hides the client too")
                .isZero();
        assertThat(as(teamAttorney, () -> matters.list(0, 50).items())).isEmpty();
        assertThat(as(teamAttorney, () -> matters.find(open))).isEmpty();
        assertThat(as(teamAttorney, () -> matters.clients())).isEmpty();
    }

    @Test
    void nobodyLeavesTheGroupAWallScreensOnTheirOwn() {
        var group = as(otherAdmin, () -> groups.create("Floor 3 " + TestDatabase.randomName()));
        as(otherAdmin, () -> groups.addMember(group, otherAdmin.id()));
        assertThatThrownBy(() -> as(otherAdmin, () -> groups.removeMember(group, otherAdmin.id())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(this.<Integer>sqlAs(
                        otherAdmin,
                        jdbc -> jdbc.sql("DELETE FROM user_group_members WHERE user_id = :me")
                                .param("me", otherAdmin.id().value())
                                .update()))
                .isZero();
    }

    // Every path through the application, as each screened person

    @Test
    void theAuditLogShowsTheScreenedNothingOfTheWalledMatter() throws Exception {
        String other = export(http.signIn(otherAdmin));
        assertThat(other)
                .as("the unscreened administrator sees the walled matter's events")
                .contains(walled.value().toString());
        for (var screened : List.of(screenedAdmin, screenedAttorney)) {
            grantCustomRole(screened.id(), "custom_audit_" + TestDatabase.randomName(), "audit.read", "audit.export");
        }
        for (var screened : List.of(screenedAdmin, screenedAttorney)) {
            Cookie session = http.signIn(screened);
            assertThat(export(session))
                    .doesNotContain(walled.value().toString())
                    .contains(open.value().toString());
            var page = mvc.perform(get("/admin/audit/timeline?matter=" + walled.value())
                            .cookie(session))
                    .andReturn()
                    .getResponse()
                    .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(page).contains("Nothing has happened to it yet.");
        }
    }

    private String export(Cookie session) throws Exception {
        var response = mvc.perform(get("/admin/audit/export?format=csv").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aRefusedLookIsRecordedWithoutTellingTheCallerAnything() throws Exception {
        Cookie session = http.signIn(screenedAdmin);
        java.util.UUID nowhere = java.util.UUID.randomUUID();
        assertThat(http.status(session, "/api/v1/matters/" + walled.value())).isEqualTo(404);
        assertThat(http.status(session, "/api/v1/matters/" + nowhere + "/team")).isEqualTo(404);
        var refusals =
                events(AuditFilters.byActor(screenedAdmin, io.lexvault.audit.AuditAction.MATTER_ACCESS_DENIED, null));
        assertThat(refusals)
                .extracting(event -> event.outcome() + " " + event.targetId() + " "
                        + event.details().get("exists") + " " + event.matterId())
                .containsExactly(
                        "denied " + walled.value() + " true " + walled.value(), "denied " + nowhere + " false null");
    }

    @Test
    void screenedAdministratorAndScreenedAttorneyFindNoTraceThroughTheApi() throws Exception {
        for (var screened : List.of(screenedAdmin, screenedAttorney)) {
            Cookie session = http.signIn(screened);
            var list = http.getJson(session, "/api/v1/matters?size=100");
            assertThat(ids(list.get("items"))).contains(open.value()).doesNotContain(walled.value());
            assertThat(list.get("total").asLong()).isEqualTo(1);
            String m = "/api/v1/matters/" + walled.value();
            assertThat(http.status(session, m)).as(m).isEqualTo(404);
            assertThat(http.status(session, m + "/team")).isEqualTo(404);
            assertThat(http.send(
                                    session,
                                    post(m + "/team"),
                                    Map.of(
                                            "type",
                                            "user",
                                            "id",
                                            screened.id().value().toString()))
                            .getStatus())
                    .isEqualTo(404);
            assertThat(http.send(
                                    session,
                                    delete(m + "/team/user/" + teamAttorney.id().value()),
                                    null)
                            .getStatus())
                    .isEqualTo(404);
            if (screened == screenedAdmin) {
                assertThat(http.status(session, m + "/access")).isEqualTo(404);
                assertThat(ids(http.getJson(session, "/api/v1/walls"))).doesNotContain(wall.value());
                assertThat(http.status(session, "/api/v1/walls/" + wall.value()))
                        .isEqualTo(404);
                assertThat(http.send(session, delete("/api/v1/walls/" + wall.value()), null)
                                .getStatus())
                        .as("a screened administrator cannot take their wall down")
                        .isEqualTo(404);
                assertThat(http.send(
                                        session,
                                        put("/api/v1/walls/" + wall.value()),
                                        Map.of("reason", "gone", "screened", screening(teamAttorney)))
                                .getStatus())
                        .isEqualTo(404);
                assertThat(http.send(
                                        session,
                                        post("/api/v1/walls"),
                                        Map.of(
                                                "matterId",
                                                walled.value().toString(),
                                                "reason",
                                                "probe",
                                                "screened",
                                                screening(teamAttorney)))
                                .getStatus())
                        .as("nor wall others off a matter they cannot see")
                        .isEqualTo(404);
            } else {
                assertThat(http.status(session, m + "/access"))
                        .as("no walls.read: 403 before any lookup")
                        .isEqualTo(403);
            }
        }
        // The control, through the very same paths.
        Cookie control = http.signIn(teamAttorney);
        assertThat(ids(http.getJson(control, "/api/v1/matters").get("items"))).contains(walled.value());
        assertThat(http.status(control, "/api/v1/matters/" + walled.value())).isEqualTo(200);
        assertThat(http.status(control, "/api/v1/matters/" + walled.value() + "/team"))
                .isEqualTo(200);
        Cookie admin = http.signIn(otherAdmin);
        assertThat(http.status(admin, "/api/v1/matters/" + walled.value() + "/access"))
                .isEqualTo(200);
        assertThat(ids(http.getJson(admin, "/api/v1/walls"))).contains(wall.value());
        // The wall still stands after every attempt.
        assertThat(as(otherAdmin, () -> walls.find(wall))).isPresent();
        assertThat(as(otherAdmin, () -> walls.find(wall)).orElseThrow().screened())
                .hasSize(2);
    }

    @Test
    void screenedPeopleFindNoTraceThroughTheServices() {
        for (var screened : List.of(screenedAdmin, screenedAttorney)) {
            assertThat(as(screened, () -> matters.list(0, 100).items()))
                    .extracting(matter -> matter.id())
                    .containsExactly(open);
            assertThat(as(screened, () -> matters.find(walled))).isEmpty();
            assertThat(as(screened, () -> matters.ref(walled))).isEmpty();
            assertThat(as(screened, () -> walls.all()))
                    .extracting(EthicalWalls.Wall::id)
                    .doesNotContain(wall);
            var ref = new MatterRef(walled.value(), client.value(), "any");
            assertThatThrownBy(() -> as(screened, () -> teams.members(ref)))
                    .isInstanceOf(MatterNotVisibleException.class);
            assertThatThrownBy(() -> as(screened, () -> teams.add(ref, Member.user(screened.id()))))
                    .isInstanceOf(MatterNotVisibleException.class);
            assertThatThrownBy(() -> as(screened, () -> {
                        teams.addFirstMember(ref, screened.id());
                        return null;
                    }))
                    .isInstanceOf(MatterNotVisibleException.class);
            assertThatThrownBy(() -> as(screened, () -> {
                        walls.remove(wall);
                        return null;
                    }))
                    .isInstanceOf(MatterNotVisibleException.class);
        }
    }

    @Test
    void whoCanAccessNamesTheReasonsAndTheWall() throws Exception {
        var people = http.getJson(http.signIn(otherAdmin), "/api/v1/matters/" + walled.value() + "/access")
                .get("people");
        var byUser = new java.util.HashMap<UUID, JsonNode>();
        people.forEach(p -> byUser.put(UUID.fromString(p.get("userId").asString()), p));
        assertThat(byUser.get(teamAttorney.id().value()).get("canAccess").asBoolean())
                .isTrue();
        assertThat(byUser.get(teamAttorney.id().value())
                        .get("reasons")
                        .get(0)
                        .get("kind")
                        .asString())
                .isEqualTo("team");
        for (var screened : List.of(screenedAdmin, screenedAttorney)) {
            var entry = byUser.get(screened.id().value());
            assertThat(entry.get("canAccess").asBoolean()).isFalse();
            assertThat(entry.get("reasons")).isNotEmpty();
            assertThat(entry.get("screenedBy").get(0).asString())
                    .isEqualTo(wall.value().toString());
        }
        var admin = byUser.get(otherAdmin.id().value());
        assertThat(admin.get("canAccess").asBoolean()).isTrue();
        assertThat(admin.get("reasons").findValuesAsString("role")).contains("administrator");
    }

    @Test
    void anotherFirmsMatterIsNotFound() throws Exception {
        var otherFirm = aFirm("Elsewhere");
        var stranger = People.aPerson(accounts, otherFirm);
        TenantContext.runAs(otherFirm, null, () -> roles.assign(stranger.id(), BuiltInRole.ADMINISTRATOR));
        Cookie session = http.signIn(stranger);
        for (var id : List.of(walled, open)) {
            assertThat(http.status(session, "/api/v1/matters/" + id.value())).isEqualTo(404);
            assertThat(http.status(session, "/api/v1/matters/" + id.value() + "/team"))
                    .isEqualTo(404);
            assertThat(http.status(session, "/api/v1/matters/" + id.value() + "/access"))
                    .isEqualTo(404);
        }
        assertThat(http.getJson(session, "/api/v1/matters").get("total").asLong())
                .isZero();
        assertThat(http.status(session, "/api/v1/walls/" + wall.value())).isEqualTo(404);
        // Not merely hidden by the application: the database shows the stranger nothing either.
        assertThat(runtimeSql.count(otherFirm, stranger, "SELECT count(*) FROM matters", Map.of()))
                .isZero();
    }

    @Test
    void visibleMatterWithoutThePermissionIs403() throws Exception {
        var paralegal = withRole(BuiltInRole.PARALEGAL);
        as(otherAdmin, () -> teams.add(matters.ref(open).orElseThrow(), Member.user(paralegal.id())));
        Cookie session = http.signIn(paralegal);
        assertThat(http.status(session, "/api/v1/matters/" + open.value())).isEqualTo(200);
        assertThat(http.send(
                                session,
                                post("/api/v1/matters/" + open.value() + "/team"),
                                Map.of(
                                        "type",
                                        "user",
                                        "id",
                                        paralegal.id().value().toString()))
                        .getStatus())
                .isEqualTo(403);
        assertThat(http.status(session, "/api/v1/matters/" + open.value() + "/access"))
                .isEqualTo(403);
    }

    @Test
    void removingTheWallRestoresAccessOnTheNextRequest() throws Exception {
        Cookie session = http.signIn(screenedAttorney);
        assertThat(http.status(session, "/api/v1/matters/" + walled.value())).isEqualTo(404);
        Cookie admin = http.signIn(otherAdmin);
        assertThat(http.send(admin, delete("/api/v1/walls/" + wall.value()), null)
                        .getStatus())
                .isEqualTo(204);
        assertThat(http.status(session, "/api/v1/matters/" + walled.value())).isEqualTo(200);
        assertThat(countAs(screenedAdmin, "SELECT count(*) FROM matters WHERE id = :id", Map.of("id", walled.value())))
                .isEqualTo(1);
    }

    @Test
    void wallChangesAreAuditedAndMailedToTheScreened() throws Exception {
        Cookie admin = http.signIn(otherAdmin);
        var created = http.send(
                admin,
                post("/api/v1/walls"),
                Map.of(
                        "matterId",
                        open.value().toString(),
                        "reason",
                        "Opposing counsel's spouse",
                        "screened",
                        screening(teamAttorney)));
        assertThat(created.getStatus()).isEqualTo(201);
        UUID newWall = UUID.fromString(
                json.readTree(created.getContentAsString()).get("id").asString());
        assertThat(http.status(http.signIn(teamAttorney), "/api/v1/matters/" + open.value()))
                .isEqualTo(404);

        var changed = http.send(
                admin,
                put("/api/v1/walls/" + newWall),
                Map.of(
                        "reason",
                        "Opposing counsel's spouse",
                        "screened",
                        List.of(
                                Map.of(
                                        "type",
                                        "user",
                                        "id",
                                        teamAttorney.id().value().toString()),
                                Map.of(
                                        "type",
                                        "user",
                                        "id",
                                        screenedAttorney.id().value().toString()))));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(http.send(admin, delete("/api/v1/walls/" + newWall), null).getStatus())
                .isEqualTo(204);

        var events = sqlAs(
                otherAdmin,
                jdbc -> jdbc.sql("""
                        SELECT action, details::text FROM audit_events WHERE target_id = :wall ORDER BY occurred_at
                        """)
                        .param("wall", newWall)
                        .query((row, n) -> row.getString(1) + " " + row.getString(2))
                        .list());
        assertThat(events).hasSize(3);
        assertThat(events.get(0))
                .startsWith("wall.created")
                .contains(teamAttorney.id().value().toString());
        assertThat(events.get(1))
                .startsWith("wall.changed")
                .contains(screenedAttorney.id().value().toString());
        assertThat(events.get(2)).startsWith("wall.removed");
        assertThat(String.join("\n", events)).doesNotContain("spouse").doesNotContain("Acme");

        var mail = sqlAs(
                otherAdmin,
                jdbc -> jdbc.sql("SELECT recipient, subject, body FROM mail_outbox ORDER BY created_at")
                        .query((row, n) -> row.getString(1) + "|" + row.getString(2) + "|" + row.getString(3))
                        .list());
        var toTeamAttorney =
                mail.stream().filter(m -> m.startsWith(teamAttorney.email())).toList();
        assertThat(toTeamAttorney).hasSize(2);
        assertThat(toTeamAttorney.get(0)).contains("screened by an ethical wall");
        assertThat(toTeamAttorney.get(1)).contains("no longer screens you");
        String number = as(otherAdmin, () -> matters.find(open).orElseThrow().number());
        assertThat(toTeamAttorney.get(0))
                .contains(number)
                .doesNotContain("Acme general")
                .doesNotContain("spouse");
        // The screened attorney was screened twice over (the first wall and this one) and hears of each.
        assertThat(mail.stream().filter(m -> m.startsWith(screenedAttorney.email()) && m.contains(number)))
                .hasSize(2);
    }

    /**
     * Keeps the database check cheap for long lists: the per-user lookups (groups, team, walls, the
     * permission) run once per statement as init plans, and each row costs array tests only. A rule
     * wrapped in a function with sub-selects would run every lookup once per row.
     */
    @Test
    void theMatterWallIsLookedUpOncePerStatementNotOncePerRow() {
        var plan = String.join(
                "\n",
                this.<List<String>>sqlAs(
                        teamAttorney,
                        jdbc -> jdbc.sql("EXPLAIN (VERBOSE) SELECT id FROM matters")
                                .query(String.class)
                                .list()));
        var filter =
                plan.lines().filter(line -> line.strip().startsWith("Filter:")).toList();
        assertThat(filter).hasSize(1);
        assertThat(filter.getFirst()).doesNotContain("acting_user").contains("ALL", "ANY");
        assertThat(plan)
                .contains("acting_user_screened_matters()", "acting_user_team_matters()")
                .contains("InitPlan");
    }

    // Helpers

    private People.Person withRole(BuiltInRole role) {
        return withRole(firm, role);
    }

    private void grantCustomRole(UserId user, String key, String... permissions) {
        sqlAs(firm, null, jdbc -> {
            jdbc.sql("INSERT INTO custom_roles (tenant_id, key, title) VALUES (:t, :k, :k)")
                    .param("t", firm.value())
                    .param("k", key)
                    .update();
            for (String permission : permissions) {
                jdbc.sql("INSERT INTO custom_role_permissions (tenant_id, role, permission) VALUES (:t, :k, :p)")
                        .param("t", firm.value())
                        .param("k", key)
                        .param("p", permission)
                        .update();
            }
            return jdbc.sql("INSERT INTO role_assignments (tenant_id, user_id, role) VALUES (:t, :u, :k)")
                    .param("t", firm.value())
                    .param("u", user.value())
                    .param("k", key)
                    .update();
        });
    }

    private boolean holdsInDatabase(People.Person person, String permission) {
        return sqlAs(
                person,
                jdbc -> jdbc.sql("SELECT lexvault.acting_user_holds(:p)")
                        .param("p", permission)
                        .query(Boolean.class)
                        .single());
    }

    private static List<UUID> ids(JsonNode items) {
        var ids = new ArrayList<UUID>();
        items.forEach(item -> ids.add(UUID.fromString(item.get("id").asString())));
        return ids;
    }

    /** The "screened" part of a wall request naming one person. */
    private static List<Map<String, String>> screening(People.Person person) {
        return List.of(Map.of("type", "user", "id", person.id().value().toString()));
    }
}
