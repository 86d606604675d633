package io.lexvault.matters.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Member;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.clients.Client;
import io.lexvault.matters.parties.Parties;
import io.lexvault.matters.parties.Party;
import io.lexvault.matters.parties.PartyId;
import io.lexvault.matters.parties.PartyKind;
import io.lexvault.matters.parties.PartyRole;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Parties on a matter and conflict checks. Parties stay behind the matter's wall (application and
 * database); a conflict check finds a name across every wall of the firm yet tells the checker only
 * the matter's number, the role and the score, and never reaches another firm.
 *
 * <p>The firm: an administrator who sets things up, an attorney on the walled matter's team (the
 * control: what fails for the screened must work for them), an attorney who is on the open matter's
 * team and screened from the walled one, who runs the checks, an attorney on the open matter's team
 * only (not screened, not on the walled team: hits there are banded for them), and an intake
 * coordinator on the open matter's team, a conflicts officer ({@code conflicts.check.all}).
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.conflicts.checks-per-hour=" + PartiesAndConflictsIntegrationTests.CHECKS_PER_HOUR
        })
@AutoConfigureMockMvc
class PartiesAndConflictsIntegrationTests extends FirmWithMattersTest {

    /** Small, so that the limit is reached in a test; no other test runs this many checks as one user. */
    static final int CHECKS_PER_HOUR = 6;

    private static final String WALLED_TITLE = "Northwind v. Widget";
    private static final String WALLED_CLIENT = "Northwind Traders";
    private static final String WALLED_PARTY = "Müller GmbH";
    private static final String WALLED_NOTES = "Settlement talks in Basel";
    private static final String OPEN_PARTY = "Jane Whitaker";

    @Autowired
    Parties parties;

    @Autowired
    ConflictChecks conflicts;

    People.Person admin;
    People.Person teamAttorney;
    People.Person checker;
    People.Person outsider;
    People.Person officer;
    ClientId walledClient;
    MatterId walled;
    String walledNumber;
    MatterId open;
    String openNumber;
    PartyId walledParty;

    @BeforeEach
    void firmWithAWalledMatterAndItsParties() {
        firm = aFirm("Parties");
        admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        teamAttorney = withRole(firm, BuiltInRole.ATTORNEY);
        checker = withRole(firm, BuiltInRole.ATTORNEY);
        outsider = withRole(firm, BuiltInRole.ATTORNEY);
        officer = withRole(firm, BuiltInRole.INTAKE_COORDINATOR);
        walledNumber = "W-" + TestDatabase.randomName();
        openNumber = "O-" + TestDatabase.randomName();
        walledClient = client(admin, WALLED_CLIENT);
        var openClient = client(admin, "Oak Family Office");
        walled = matter(admin, walledClient, walledNumber, WALLED_TITLE);
        open = matter(admin, openClient, openNumber, "Oak general");
        onTeam(admin, walled, Member.user(teamAttorney.id()));
        onTeam(
                admin,
                open,
                Member.user(checker.id()),
                Member.user(teamAttorney.id()),
                Member.user(outsider.id()),
                Member.user(officer.id()));
        walledParty = as(
                        teamAttorney,
                        () -> parties.add(
                                walled, WALLED_PARTY, PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, WALLED_NOTES))
                .id();
        as(checker, () -> parties.add(open, OPEN_PARTY, PartyKind.PERSON, PartyRole.WITNESS, null));
        wall(admin, walled, null, "Acted for the other side", Member.user(checker.id()));
    }

    // Conflict checks

    @Test
    void aScreenedCheckerLearnsOnlyThatARestrictedHitExistsAndWhomToAsk() throws Exception {
        var otherFirmNumber = anotherFirmWithTheSameParty();
        var response = http.send(http.signIn(checker), post("/api/v1/conflicts"), Map.of("name", "muller gmbh"));
        assertThat(response.getStatus()).isEqualTo(200);
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        var answer = json.readTree(body);
        assertThat(answer.get("hits").size()).isZero();
        assertThat(answer.get("restricted").size()).isEqualTo(1);
        assertThat(answer.get("restricted").get(0).get("term").asInt()).isEqualTo(1);
        assertThat(answer.get("restricted").get(0).get("searched").asString()).isEqualTo("muller gmbh");
        // Whom to ask: the firm's conflicts officers (the intake coordinator and the administrator).
        var officers = answer.get("conflictsOfficers");
        var emails = new java.util.ArrayList<String>();
        officers.forEach(o -> emails.add(o.get("email").asString()));
        assertThat(emails).contains(officer.email(), admin.email()).doesNotContain(checker.email());
        assertThat(body)
                .as("nothing of the walled matter: not its number, the role, the kind or the score")
                .doesNotContain(walledNumber, "opposing_party", "party", "0.9", "1.0", "strong", "score")
                .doesNotContain(WALLED_TITLE, "Widget", WALLED_CLIENT, "Northwind", "Müller", WALLED_NOTES, "Basel")
                .doesNotContain(walled.value().toString(), walledParty.value().toString())
                .as("never another firm's matter")
                .doesNotContain(otherFirmNumber);
        // The control: the screened checker really cannot see the matter or its parties.
        assertThat(http.status(http.signIn(checker), "/api/v1/matters/" + walled.value() + "/parties"))
                .isEqualTo(404);
        // Nor does a threshold tell them how alike: the notice is the same at every threshold.
        for (double threshold : List.of(0.2, 0.5, 0.95, 1.0)) {
            var check = as(checker, () -> conflicts.check(List.of("muller gmbh"), threshold, null));
            assertThat(check.hits()).as("threshold %s", threshold).isEmpty();
            assertThat(check.restricted()).as("threshold %s", threshold).hasSize(1);
        }
    }

    @Test
    void aConflictsOfficerSeesTheNumberRoleAndExactScoreAcrossTeams() throws Exception {
        var response = http.send(http.signIn(officer), post("/api/v1/conflicts"), Map.of("name", "Müller GmbH"));
        assertThat(response.getStatus()).isEqualTo(200);
        var answer = json.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(answer.get("restricted").size()).isZero();
        var hit = answer.get("hits").get(0);
        assertThat(hit.get("matterNumber").asString()).isEqualTo(walledNumber);
        assertThat(hit.get("role").asString()).isEqualTo("opposing_party");
        assertThat(hit.get("kind").asString()).isEqualTo("party");
        assertThat(hit.get("score").asDouble()).isEqualTo(1.0);
        assertThat(hit.get("exact").asBoolean()).isTrue();
        // The officer is on neither team of the walled matter: the check is the only thing they learn.
        assertThat(http.status(http.signIn(officer), "/api/v1/matters/" + walled.value()))
                .isEqualTo(404);
        // Screened always wins: an officer the wall screens learns no more than anyone screened.
        as(admin, () -> walls.create(walled.value(), null, "Officer too", Set.of(Member.user(officer.id()))));
        var screenedOfficer = as(officer, () -> conflicts.check(List.of("Müller GmbH"), null, null));
        assertThat(screenedOfficer.hits()).isEmpty();
        assertThat(screenedOfficer.restricted()).extracting(RestrictedHit::term).containsExactly(1);
    }

    @Test
    void aTypoIsStillFoundAndAnUnrelatedNameIsNot() {
        var check = as(
                outsider,
                () -> conflicts.check(List.of("Mueller GmbH", "Zephyrine Quackenbush", "Jane Whitacker"), null, null));
        assertThat(check.hits())
                .extracting(h -> h.term() + " " + h.matterNumber() + " " + h.role())
                .contains("1 " + walledNumber + " opposing_party", "3 " + openNumber + " witness")
                .noneMatch(line -> line.startsWith("2 "));
        assertThat(check.hits()).allMatch(h -> h.score() >= ConflictChecks.DEFAULT_THRESHOLD && h.score() < 1);
        // A stricter threshold drops the looser hits.
        assertThat(as(outsider, () -> conflicts.check(List.of("Mueller GmbH"), 0.9, null))
                        .hits())
                .isEmpty();
    }

    @Test
    void aClientIsFoundAsClientOfItsMattersAndOneWithoutMattersWithoutANumber() {
        as(admin, () -> matters.openClient("Lonely Client AG"));
        // A client-wide wall hides the client itself from the checker; the check still finds it.
        as(
                admin,
                () -> walls.create(
                        null, walledClient.value(), "Acted against them", Set.of(Member.user(checker.id()))));
        assertThat(as(checker, () -> matters.clients()))
                .extracting(Client::name)
                .doesNotContain(WALLED_CLIENT);
        var check = as(checker, () -> conflicts.check(List.of("NORTHWIND TRADERS LTD.", "lonely client"), null, null));
        assertThat(check.hits())
                .extracting(h -> h.term() + " " + h.kind() + " " + h.matterNumber() + " " + h.role() + " " + h.score())
                // The lonely client is in full; the walled client only as a restricted hit.
                .containsExactly("2 client null client 1.0");
        assertThat(check.restricted()).extracting(RestrictedHit::term).containsExactly(1);
        // Someone the wall does not screen and who is not on the matter: the band.
        assertThat(as(outsider, () -> conflicts.check(List.of("NORTHWIND TRADERS LTD."), null, null))
                        .hits())
                .extracting(h -> h.kind() + " " + h.matterNumber() + " " + h.role() + " " + h.score() + " " + h.exact())
                .containsExactly("client " + walledNumber + " client 0.9 false");
    }

    @Test
    void aHiddenMattersScoreIsABandForThoseOffItsTeamAndExactForTheTeamAndTheOfficer() {
        // A near miss: alike, but not identical, so its exact score is no band's lower edge.
        var name = List.of("Muller Gmbx");
        var team = as(teamAttorney, () -> conflicts.check(name, null, null)).hits();
        var screened = as(outsider, () -> conflicts.check(name, null, null)).hits();
        assertThat(team).singleElement().satisfies(h -> {
            assertThat(h.matterNumber()).isEqualTo(walledNumber);
            assertThat(h.exact()).isTrue();
        });
        double exact = team.getFirst().score();
        assertThat(exact).isNotIn(1.0, 0.9, 0.75, 0.5, 0.3, 0.2);
        double band = exact >= 0.9 ? 0.9 : exact >= 0.75 ? 0.75 : exact >= 0.5 ? 0.5 : exact >= 0.3 ? 0.3 : 0.2;
        assertThat(screened).singleElement().satisfies(h -> {
            assertThat(h.matterNumber()).isEqualTo(walledNumber);
            assertThat(h.exact()).isFalse();
            assertThat(h.score()).isEqualTo(band);
            assertThat(h.strength()).isEqualTo(ConflictHit.strengthOf(band));
        });
        // Nor can a threshold between the band and the exact score tell them more: it applies to the band.
        double between = Math.floor(exact * 100) / 100.0;
        assertThat(between).isGreaterThan(band);
        assertThat(as(outsider, () -> conflicts.check(name, between, null)).hits())
                .isEmpty();
        assertThat(as(teamAttorney, () -> conflicts.check(name, between, null)).hits())
                .singleElement()
                .satisfies(h -> assertThat(h.score()).isEqualTo(exact));
        // The conflicts officer, on neither team, gets the exact score too.
        assertThat(as(officer, () -> conflicts.check(name, between, null)).hits())
                .singleElement()
                .satisfies(h -> assertThat(h.score()).isEqualTo(exact))
                .satisfies(h -> assertThat(h.exact()).isTrue());
        // A matter the checker is on keeps its exact score for them.
        assertThat(as(checker, () -> conflicts.check(List.of("Jane Whitacker"), null, null))
                        .hits())
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.matterNumber()).isEqualTo(openNumber);
                    assertThat(h.exact()).isTrue();
                    assertThat(h.score()).isNotIn(0.9, 0.75, 0.5, 0.3, 0.2);
                });
        // Raw SQL as the runtime role in the outsider's context gets the band too.
        assertThat(this.<List<String>>sqlAs(
                        outsider,
                        jdbc -> jdbc.sql("SELECT score, exact FROM lexvault.conflict_check_hits(:names, 0.2, 10)")
                                .param("names", name.toArray(String[]::new))
                                .query((row, n) -> row.getFloat(1) + " " + row.getBoolean(2))
                                .list()))
                .containsExactly((float) band + " false");
    }

    @Test
    void moreChecksThanTheHourAllowsAre429AndAuditedForThatUserOnly() throws Exception {
        var session = http.signIn(checker);
        for (int i = 0; i < CHECKS_PER_HOUR; i++) {
            assertThat(http.send(session, post("/api/v1/conflicts"), Map.of("name", "candidate " + i))
                            .getStatus())
                    .isEqualTo(200);
        }
        var refused = http.send(session, post("/api/v1/conflicts"), Map.of("name", "one more"));
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isPositive();
        assertThat(json.readTree(refused.getContentAsString(StandardCharsets.UTF_8))
                        .get("detail")
                        .asString())
                .contains("Too many conflict checks");
        // The page and saving a report draw on the same bucket.
        var page = mvc.perform(post("/conflicts")
                        .cookie(session)
                        .with(csrf())
                        .param("names", "one more")
                        .param("threshold", "0.3"))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(429);
        assertThat(page.getHeader("Retry-After")).isNotBlank();
        assertThat(page.getContentAsString(StandardCharsets.UTF_8)).contains("Too many conflict checks", "one more");
        assertThat(http.send(
                                session,
                                post("/api/v1/matters/" + open.value() + "/conflict-reports"),
                                Map.of("name", "x"))
                        .getStatus())
                .isEqualTo(429);
        assertThat(events(AuditAction.CONFLICT_CHECKED, checker))
                .filteredOn(e -> e.outcome().equals("denied"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.details()).containsEntry("reason", "rate_limited"));
        // Another user of the firm is not affected.
        assertThat(http.send(http.signIn(teamAttorney), post("/api/v1/conflicts"), Map.of("name", "muller"))
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void anotherFirmsPartiesAndClientsAreNeverFound() {
        String otherNumber = anotherFirmWithTheSameParty();
        var check = as(checker, () -> conflicts.check(List.of(WALLED_PARTY, "Rival Holdings"), 0.2, 500));
        assertThat(check.hits()).extracting(ConflictHit::matterNumber).doesNotContain(otherNumber);
        assertThat(check.hits()).noneMatch(h -> h.term() == 2);
    }

    @Test
    void withoutConflictsCheckTheCheckIs403() throws Exception {
        var staff = withRole(firm, BuiltInRole.STAFF);
        var session = http.signIn(staff);
        assertThat(http.send(session, post("/api/v1/conflicts"), Map.of("name", "muller"))
                        .getStatus())
                .isEqualTo(403);
        assertThat(http.send(
                                session,
                                post("/api/v1/matters/" + open.value() + "/conflict-reports"),
                                Map.of("name", "x"))
                        .getStatus())
                .isEqualTo(403);
        assertThat(http.status(session, "/conflicts")).isEqualTo(403);
        assertThatThrownBy(() -> as(staff, () -> conflicts.check(List.of("muller"), null, null)))
                .isInstanceOf(ConflictCheckRefusedException.class);
    }

    @Test
    void badInputIs400() throws Exception {
        var session = http.signIn(checker);
        assertThat(http.send(session, post("/api/v1/conflicts"), Map.of()).getStatus())
                .isEqualTo(400);
        assertThat(http.send(session, post("/api/v1/conflicts"), Map.of("name", "  "))
                        .getStatus())
                .isEqualTo(400);
        assertThat(http.send(session, post("/api/v1/conflicts"), Map.of("name", "x", "threshold", 0.05))
                        .getStatus())
                .isEqualTo(400);
        assertThat(http.send(session, post("/api/v1/conflicts"), Map.of("name", "x", "limit", 501))
                        .getStatus())
                .isEqualTo(400);
        assertThat(http.send(
                                session,
                                post("/api/v1/conflicts"),
                                Map.of("names", java.util.Collections.nCopies(21, "x")))
                        .getStatus())
                .isEqualTo(400);
        assertThat(http.send(session, post("/api/v1/matters/" + open.value() + "/parties"), Map.of("name", "x"))
                        .getStatus())
                .as("kind and role missing")
                .isEqualTo(400);
    }

    @Test
    void eachCheckIsAuditedWithoutTheNamesSearched() throws Exception {
        http.send(
                http.signIn(checker),
                post("/api/v1/conflicts"),
                Map.of("names", List.of("muller gmbh", "Quackenbush")));
        var events = events(AuditAction.CONFLICT_CHECKED, checker);
        assertThat(events).hasSize(1);
        var details = events.getFirst().details();
        assertThat(details)
                .containsEntry("names", "2")
                .containsEntry("hits", "0")
                .containsEntry("restricted", "1");
        assertThat(details.toString()).doesNotContainIgnoringCase("muller").doesNotContain("Quackenbush");
    }

    @Test
    void theDefinerFunctionRefusesWithoutAFirmAUserOrThePermission() {
        // Nothing bound at all: the runtime role on its own.
        assertThatThrownBy(() -> runtimeSql
                        .unbound()
                        .sql("SELECT * FROM lexvault.conflict_check_hits(ARRAY['muller'], 0.3, 10)")
                        .query()
                        .listOfRows())
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause()
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("42501");
        // The firm bound, nobody acting.
        assertThatThrownBy(() -> sqlAs(null, jdbc -> conflictHits(jdbc, "muller")))
                .rootCause()
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("42501");
        // Someone acting who does not hold conflicts.check.
        var staff = withRole(firm, BuiltInRole.STAFF);
        assertThatThrownBy(() -> sqlAs(staff, jdbc -> conflictHits(jdbc, "muller")))
                .rootCause()
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("42501");
        // The control: the walled matter's team, in raw SQL too, gets the number and role.
        assertThat(this.<List<String>>sqlAs(teamAttorney, jdbc -> conflictHits(jdbc, "muller")))
                .containsExactly(walledNumber + " opposing_party");
        // The screened checker, in raw SQL too, gets the restricted row: no number, no role, no score.
        assertThat(this.<List<String>>sqlAs(
                        checker,
                        jdbc -> jdbc.sql("SELECT term, hit_kind, matter_number, party_role, score, restricted"
                                        + " FROM lexvault.conflict_check_hits(:names, 0.3, 10)")
                                .param("names", new String[] {"muller"})
                                .query((row, n) -> row.getInt(1) + " " + row.getString(2) + " " + row.getString(3) + " "
                                        + row.getString(4) + " " + row.getObject(5) + " " + row.getBoolean(6))
                                .list()))
                .containsExactly("1 null null null null true");
    }

    // Reports

    @Test
    void aReportIsSavedOnAMatterAndSeenOnlyByThoseWhoMaySeeTheMatter() throws Exception {
        var teamSession = http.signIn(teamAttorney);
        var saved = http.send(
                teamSession,
                post("/api/v1/matters/" + walled.value() + "/conflict-reports"),
                Map.of("names", List.of("Jane Whitaker"), "threshold", 0.5));
        assertThat(saved.getStatus()).isEqualTo(201);
        var report = json.readTree(saved.getContentAsString(StandardCharsets.UTF_8));
        assertThat(report.get("hits").get(0).get("matterNumber").asString()).isEqualTo(openNumber);
        assertThat(report.get("threshold").asDouble()).isEqualTo(0.5);

        var listed = json.readTree(http.page(teamSession, "/api/v1/matters/" + walled.value() + "/conflict-reports"));
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("names").get(0).asString()).isEqualTo("Jane Whitaker");

        var screened = http.signIn(checker);
        assertThat(http.status(screened, "/api/v1/matters/" + walled.value() + "/conflict-reports"))
                .isEqualTo(404);
        assertThat(http.send(
                                screened,
                                post("/api/v1/matters/" + walled.value() + "/conflict-reports"),
                                Map.of("name", "x"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(countAs(
                        checker,
                        "SELECT count(*) FROM conflict_reports WHERE matter_id = :m",
                        Map.of("m", walled.value())))
                .isZero();
        assertThat(countAs(
                        teamAttorney,
                        "SELECT count(*) FROM conflict_reports WHERE matter_id = :m",
                        Map.of("m", walled.value())))
                .isEqualTo(1);
        assertThat(events(AuditAction.CONFLICT_REPORT_SAVED, teamAttorney))
                .singleElement()
                .satisfies(e -> assertThat(e.matterId()).isEqualTo(walled.value()))
                .satisfies(e -> assertThat(e.details().toString()).doesNotContain("Jane"));
    }

    @Test
    void theConflictPagesShowResultsAndSaveReports() throws Exception {
        var session = http.signIn(checker);
        assertThat(http.status(session, "/conflicts")).isEqualTo(200);
        var page = mvc.perform(post("/conflicts")
                        .cookie(session)
                        .with(csrf())
                        .param("names", "Müller GmbH\nJane Whitaker")
                        .param("threshold", "0.3"))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString(StandardCharsets.UTF_8))
                .contains(openNumber)
                // The walled hit: that it exists, for which name, and whom to ask; nothing of it.
                .contains("restricted-hits", "Müller GmbH", officer.email())
                .doesNotContain(walledNumber, "opposing_party", "strong (0.90 or more)")
                .doesNotContain(WALLED_TITLE, WALLED_CLIENT, WALLED_NOTES);
        var saved = mvc.perform(post("/conflicts/report")
                        .cookie(session)
                        .with(csrf())
                        .param("names", "Jane Whitaker")
                        .param("threshold", "0.3")
                        .param("matter", open.value().toString()))
                .andReturn()
                .getResponse();
        assertThat(saved.getRedirectedUrl()).isEqualTo("/matters/" + open.value() + "/parties");
        var parties = mvc.perform(get("/matters/" + open.value() + "/parties").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(parties.getStatus()).isEqualTo(200);
        assertThat(parties.getContentAsString(StandardCharsets.UTF_8))
                .contains(OPEN_PARTY, "Conflict checks saved")
                .contains("<td>" + openNumber + "</td>"); // the saved report's hit table
        assertThat(mvc.perform(post("/conflicts/report")
                                .cookie(session)
                                .with(csrf())
                                .param("names", "x")
                                .param("matter", walled.value().toString()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
    }

    @Test
    void aReportSavedByTheTeamShowsEachReaderOnlyWhatTheirOwnCheckWouldShow() throws Exception {
        // Saved on the open matter by someone who sees the walled one: the hit in full for them.
        var saved = http.send(
                http.signIn(teamAttorney),
                post("/api/v1/matters/" + open.value() + "/conflict-reports"),
                Map.of("names", List.of("Müller GmbH")));
        assertThat(saved.getStatus()).isEqualTo(201);
        var forSaver = json.readTree(saved.getContentAsString(StandardCharsets.UTF_8));
        assertThat(forSaver.get("hits").get(0).get("matterNumber").asString()).isEqualTo(walledNumber);
        assertThat(forSaver.get("hits").get(0).get("score").asDouble()).isEqualTo(1.0);

        // The screened checker reads the same report on the open matter: the restricted notice only.
        var screenedSession = http.signIn(checker);
        String body = http.page(screenedSession, "/api/v1/matters/" + open.value() + "/conflict-reports");
        var report = json.readTree(body).get(0);
        assertThat(report.get("hits").size()).isZero();
        assertThat(report.get("restricted").get(0).get("searched").asString()).isEqualTo("Müller GmbH");
        assertThat(body).doesNotContain(walledNumber, "opposing_party", "strong", "likely");
        assertThat(http.page(screenedSession, "/matters/" + open.value() + "/parties"))
                .contains("Conflict checks saved", "restricted-hits", officer.email())
                // (the page's own role picker offers "opposing_party": the hit table's cell must not)
                .doesNotContain(walledNumber, "<td>opposing_party</td>", "strong (0.90 or more)", ">1.00<");
        // Nor can raw SQL read the stored hits: only the definer function answers them, per reader.
        assertThatThrownBy(() -> sqlAs(
                        checker,
                        jdbc -> jdbc.sql("SELECT hits::text FROM conflict_reports WHERE matter_id = :m")
                                .param("m", open.value())
                                .query(String.class)
                                .list()))
                .rootCause()
                .hasMessageContaining("permission denied");

        // Someone not screened and off the walled team: the band, as in their own check.
        assertThat(as(outsider, () -> conflicts.reports(open)))
                .singleElement()
                .satisfies(r -> assertThat(r.hits())
                        .extracting(h -> h.matterNumber() + " " + h.score() + " " + h.exact())
                        .containsExactly(walledNumber + " 0.9 false"));
        // The conflicts officer: in full.
        assertThat(as(officer, () -> conflicts.reports(open)))
                .singleElement()
                .satisfies(r -> assertThat(r.hits())
                        .extracting(h -> h.matterNumber() + " " + h.role() + " " + h.score() + " " + h.exact())
                        .containsExactly(walledNumber + " opposing_party 1.0 true"));
    }

    // Parties

    @Test
    void partiesAreListedSortedAddedChangedAndRemovedByThoseOnTheMatter() throws Exception {
        var session = http.signIn(teamAttorney);
        String path = "/api/v1/matters/" + walled.value() + "/parties";
        var added = http.send(
                session,
                post(path),
                Map.of("name", "Anna Expert", "kind", "person", "role", "expert", "notes", "Valuation"));
        assertThat(added.getStatus()).isEqualTo(201);
        var id = json.readTree(added.getContentAsString(StandardCharsets.UTF_8))
                .get("id")
                .asString();
        var byName = json.readTree(http.page(session, path + "?sort=name"));
        assertThat(byName.get("total").asLong()).isEqualTo(2);
        assertThat(byName.get("items").get(0).get("name").asString()).isEqualTo("Anna Expert");
        var byRole = json.readTree(http.page(session, path + "?sort=role"));
        assertThat(byRole.get("items").get(0).get("role").asString()).isEqualTo("expert");
        assertThat(http.status(session, path + "?sort=title")).isEqualTo(400);

        var changed = http.send(
                session, put(path + "/" + id), Map.of("name", "Anna Expert", "kind", "person", "role", "witness"));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(json.readTree(changed.getContentAsString(StandardCharsets.UTF_8))
                        .get("role")
                        .asString())
                .isEqualTo("witness");
        assertThat(http.send(session, delete(path + "/" + id), null).getStatus())
                .isEqualTo(204);
        assertThat(http.send(session, delete(path + "/" + id), null).getStatus())
                .isEqualTo(404);
        assertThat(http.send(
                                session,
                                delete("/api/v1/matters/" + open.value() + "/parties/" + walledParty.value()),
                                null)
                        .getStatus())
                .as("a party of another matter is not found through this one")
                .isEqualTo(404);

        var audited = events(AuditAction.MATTER_PARTY_ADDED, teamAttorney);
        assertThat(audited)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.details().toString()).doesNotContain("Anna", "Valuation", "Müller"));
        assertThat(events(AuditAction.MATTER_PARTY_CHANGED, teamAttorney)).hasSize(1);
        assertThat(events(AuditAction.MATTER_PARTY_REMOVED, teamAttorney))
                .singleElement()
                .satisfies(e -> assertThat(e.matterId()).isEqualTo(walled.value()));
    }

    @Test
    void thePartiesPageAddsAndRemovesParties() throws Exception {
        var session = http.signIn(teamAttorney);
        String page = "/matters/" + open.value() + "/parties";
        var added = mvc.perform(post(page + "/add")
                        .cookie(session)
                        .with(csrf())
                        .param("name", "Otto Gutachter")
                        .param("kind", "person")
                        .param("role", "expert")
                        .param("notes", "Structural engineer"))
                .andReturn()
                .getResponse();
        assertThat(added.getRedirectedUrl()).isEqualTo(page);
        var otto = as(teamAttorney, () -> parties.list(open, "name", 0, 10).items()).stream()
                .filter(p -> p.name().equals("Otto Gutachter"))
                .findFirst()
                .orElseThrow();
        assertThat(otto.role()).isEqualTo(PartyRole.EXPERT);
        assertThat(otto.notes()).isEqualTo("Structural engineer");
        var refused = mvc.perform(post(page + "/add")
                        .cookie(session)
                        .with(csrf())
                        .param("name", "Nobody")
                        .param("kind", "robot")
                        .param("role", "expert"))
                .andReturn();
        assertThat(refused.getFlashMap().get("problem")).isEqualTo("Choose a kind.");
        assertThat(refused.getFlashMap().get("typedName")).isEqualTo("Nobody");
        assertThat(http.page(session, page)).contains("Otto Gutachter", OPEN_PARTY, "Add a party");
        // Removing asks first and changes nothing until confirmed.
        String question = mvc.perform(post(page + "/" + otto.id().value() + "/remove")
                        .cookie(session)
                        .with(csrf()))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(question).contains("Remove Otto Gutachter from", "name=\"confirmed\"");
        assertThat(as(teamAttorney, () -> parties.list(open, "name", 0, 10).total()))
                .isEqualTo(2);
        var removed = mvc.perform(post(page + "/" + otto.id().value() + "/remove")
                        .cookie(session)
                        .with(csrf())
                        .param("confirmed", "yes"))
                .andReturn();
        assertThat(removed.getFlashMap().get("notice")).isEqualTo("Removed Otto Gutachter.");
        assertThat(as(teamAttorney, () -> parties.list(open, "name", 0, 10).items()))
                .extracting(Party::name)
                .containsExactly(OPEN_PARTY);
        // Paralegals read parties but do not change them.
        var paralegal = withRole(firm, BuiltInRole.PARALEGAL);
        as(admin, () -> teams.add(matters.ref(open).orElseThrow(), Member.user(paralegal.id())));
        var paralegalSession = http.signIn(paralegal);
        assertThat(http.page(paralegalSession, page)).contains(OPEN_PARTY).doesNotContain("Add a party");
        assertThat(mvc.perform(post(page + "/add")
                                .cookie(paralegalSession)
                                .with(csrf())
                                .param("name", "X")
                                .param("kind", "person")
                                .param("role", "other"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void aScreenedUserFindsNoPartyOfTheWalledMatter() throws Exception {
        var session = http.signIn(checker);
        String path = "/api/v1/matters/" + walled.value() + "/parties";
        var body = Map.of("name", "Probe", "kind", "person", "role", "other");
        assertThat(http.status(session, path)).isEqualTo(404);
        assertThat(http.send(session, post(path), body).getStatus()).isEqualTo(404);
        assertThat(http.send(session, put(path + "/" + walledParty.value()), body)
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.send(session, delete(path + "/" + walledParty.value()), null)
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.status(session, "/matters/" + walled.value() + "/parties"))
                .isEqualTo(404);
        assertThat(http.statusOf(
                        session,
                        post("/matters/" + walled.value() + "/parties/" + walledParty.value() + "/remove"),
                        null))
                .isEqualTo(404);
        assertThat(as(teamAttorney, () -> parties.list(walled, "name", 0, 10).total()))
                .as("the control: the party is still there")
                .isEqualTo(1);
        // The open matter works for the same person.
        assertThat(http.status(session, "/api/v1/matters/" + open.value() + "/parties"))
                .isEqualTo(200);
    }

    @Test
    void anotherFirmsMattersPartiesAreNotFound() throws Exception {
        var otherFirm = aFirm("Other");
        var otherAdmin = withRole(otherFirm, BuiltInRole.ADMINISTRATOR);
        var session = MockSignIn.session(mvc, otherAdmin);
        String path = "/api/v1/matters/" + open.value() + "/parties";
        assertThat(http.status(session, path)).isEqualTo(404);
        assertThat(http.send(session, post(path), Map.of("name", "Probe", "kind", "person", "role", "other"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.status(session, "/api/v1/matters/" + open.value() + "/conflict-reports"))
                .isEqualTo(404);
        assertThat(runtimeSql.count(otherFirm, otherAdmin, "SELECT count(*) FROM matter_parties", Map.of()))
                .isZero();
    }

    @Test
    void rawSqlAsTheRuntimeRoleShowsTheScreenedNoPartyOfTheWalledMatter() {
        Function<JdbcClient, Long> count = jdbc -> jdbc.sql("SELECT count(*) FROM matter_parties WHERE matter_id = :m")
                .param("m", walled.value())
                .query(Long.class)
                .single();
        assertThat(sqlAs(checker, count)).isZero();
        assertThat(this.<List<String>>sqlAs(
                        checker,
                        jdbc -> jdbc.sql("SELECT name FROM matter_parties")
                                .query(String.class)
                                .list()))
                .containsExactly(OPEN_PARTY);
        assertThat(this.<Integer>sqlAs(
                        checker,
                        jdbc -> jdbc.sql("UPDATE matter_parties SET notes = 'seen' WHERE matter_id = :m")
                                .param("m", walled.value())
                                .update()))
                .isZero();
        assertThat(this.<Integer>sqlAs(
                        checker,
                        jdbc -> jdbc.sql("DELETE FROM matter_parties WHERE matter_id = :m")
                                .param("m", walled.value())
                                .update()))
                .isZero();
        assertThat(sqlAs(null, count)).as("nobody acting sees no party").isZero();
        assertThat(sqlAs(teamAttorney, count)).as("the control").isEqualTo(1);
    }

    // Helpers

    /** A second firm with a party of the same name on a matter of its own; returns that matter's number. */
    private String anotherFirmWithTheSameParty() {
        var otherFirm = aFirm("Rival");
        var otherAdmin = withRole(otherFirm, BuiltInRole.ADMINISTRATOR);
        String number = "X-" + TestDatabase.randomName();
        TenantContext.callAs(otherFirm, otherAdmin.id().value(), () -> {
            var client = matters.openClient("Rival Holdings");
            var matter = matters.open(client, number, "Rival matter");
            return parties.add(matter, WALLED_PARTY, PartyKind.ORGANISATION, PartyRole.OPPOSING_PARTY, null);
        });
        return number;
    }

    private static List<String> conflictHits(JdbcClient jdbc, String name) {
        return jdbc.sql("SELECT matter_number, party_role FROM lexvault.conflict_check_hits(:names, 0.3, 10)")
                .param("names", new String[] {name})
                .query((row, n) -> row.getString(1) + " " + row.getString(2))
                .list();
    }

    private List<AuditTrail.Event> events(AuditAction action, People.Person actor) {
        return events(AuditFilters.byActor(actor, action, null));
    }
}
