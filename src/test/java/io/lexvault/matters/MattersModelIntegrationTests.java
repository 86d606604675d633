package io.lexvault.matters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Member;
import io.lexvault.matters.clients.Clients;
import io.lexvault.testsupport.AuditFilters;
import io.lexvault.testsupport.FirmWithMattersTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * Clients with contact details, matters with status, dates and responsible attorney, sorted and
 * filtered lists, and per-firm matter numbers, through the API and the pages, with every wall: another
 * firm's objects, a client-wide wall, a matter wall, missing permissions, and the runtime role's own view
 * of the number counters.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class MattersModelIntegrationTests extends FirmWithMattersTest {

    @Autowired
    Clients clients;

    People.Person admin;
    People.Person attorney;
    People.Person paralegal;
    People.Person screened;
    ClientId acme;
    ClientId walledClient;
    MatterId acmeMatter;
    MatterId walledClientMatter;

    @BeforeEach
    void firmWithClientsAndMatters() {
        firm = aFirm("Matters");
        admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        attorney = withRole(firm, BuiltInRole.ATTORNEY);
        paralegal = withRole(firm, BuiltInRole.PARALEGAL);
        screened = withRole(firm, BuiltInRole.ATTORNEY);
        acme = client(admin, "Acme Holdings");
        walledClient = client(admin, "Walled Client plc");
        acmeMatter = matter(admin, acme, "A-1", "Acme general");
        walledClientMatter = matter(admin, walledClient, "W-1", "Walled work");
        for (var matter : List.of(acmeMatter, walledClientMatter)) {
            onTeam(admin, matter, Member.user(attorney.id()), Member.user(paralegal.id()), Member.user(screened.id()));
        }
        wall(admin, null, walledClient, "Acted against them", Member.user(screened.id()));
    }

    // Clients

    @Test
    void clientInputIsCheckedWithClearMessages() throws Exception {
        var session = http.signIn(attorney);
        assertRefused(
                http.send(session, post("/api/v1/clients"), Map.of("name", "X", "email", "not-an-address")),
                400,
                "email");
        assertRefused(http.send(session, post("/api/v1/clients"), Map.of("name", "x".repeat(201))), 400, "name");
        assertRefused(http.send(session, post("/api/v1/clients"), Map.of("name", " ")), 400, "name is required");
        assertRefused(http.send(session, post("/api/v1/clients"), Map.of("name", "X", "kind", "robot")), 400, "kind");
        assertRefused(
                http.send(
                        session,
                        post("/api/v1/clients"),
                        Map.of("name", "X", "kind", "person", "registrationNumber", "123")),
                400,
                "organisations only");
        assertRefused(
                http.send(session, post("/api/v1/clients"), Map.of("name", "X", "phone", "call me")), 400, "phone");
        assertThat(http.send(session, get("/api/v1/clients?sort=shoe size"), null)
                        .getStatus())
                .isEqualTo(400);
        assertThat(http.send(session, get("/api/v1/clients?size=0"), null).getStatus())
                .isEqualTo(400);
    }

    @Test
    void clientIsCreatedReadChangedAndAuditedWithoutPersonalData() throws Exception {
        var session = http.signIn(attorney);
        var created = http.send(
                session,
                post("/api/v1/clients"),
                Map.of(
                        "kind", "organisation",
                        "name", "Globex Corporation",
                        "email", "legal@globex.example",
                        "phone", "+1 (555) 010-9999",
                        "postalAddress", "1 Globex Way\nSpringfield",
                        "registrationNumber", "GB-0042"));
        assertThat(created.getStatus()).isEqualTo(201);
        var client = json.readTree(created.getContentAsString());
        String id = client.get("id").asString();
        assertThat(client.get("kind").asString()).isEqualTo("organisation");
        assertThat(client.get("postalAddress").asString()).isEqualTo("1 Globex Way\nSpringfield");

        var changed = http.send(
                session,
                put("/api/v1/clients/" + id),
                Map.of("kind", "person", "name", "Hank Scorpio", "email", "hank@globex.example"));
        assertThat(changed.getStatus()).isEqualTo(200);
        var read = http.getJson(session, "/api/v1/clients/" + id);
        assertThat(read.get("kind").asString()).isEqualTo("person");
        assertThat(read.get("name").asString()).isEqualTo("Hank Scorpio");
        assertThat(read.get("registrationNumber").isNull()).isTrue();
        assertThat(read.get("updatedAt").isNull()).isFalse();

        // Without clients.update: 403, and nothing changed.
        assertThat(http.send(http.signIn(paralegal), put("/api/v1/clients/" + id), Map.of("name", "Renamed"))
                        .getStatus())
                .isEqualTo(403);

        String log = export(http.signIn(admin));
        assertThat(log).contains("client.created", "client.changed", id);
        assertThat(log).doesNotContain("Globex", "Hank", "hank@globex.example", "Springfield");
    }

    @Test
    void clientListIsPagedAndSorted() throws Exception {
        as(admin, () -> {
            matters.openClient("beta Foods");
            return matters.openClient("Zeta Mining");
        });
        var session = http.signIn(admin);
        assertThat(names(http.getJson(session, "/api/v1/clients?sort=name").get("items")))
                .containsExactly("Acme Holdings", "beta Foods", "Walled Client plc", "Zeta Mining");
        assertThat(names(http.getJson(session, "/api/v1/clients?sort=-name").get("items")))
                .containsExactly("Zeta Mining", "Walled Client plc", "beta Foods", "Acme Holdings");
        assertThat(names(http.getJson(session, "/api/v1/clients?sort=-created&size=1")
                        .get("items")))
                .containsExactly("Zeta Mining");
        var second = http.getJson(session, "/api/v1/clients?sort=name&size=3&page=1");
        assertThat(names(second.get("items"))).containsExactly("Zeta Mining");
        assertThat(second.get("total").asLong()).isEqualTo(4);
    }

    @Test
    void aClientWideWallHidesTheClientEverywhere() throws Exception {
        var session = http.signIn(screened);
        assertThat(names(http.getJson(session, "/api/v1/clients").get("items"))).containsExactly("Acme Holdings");
        assertThat(http.getJson(session, "/api/v1/clients").get("total").asLong())
                .isEqualTo(1);
        assertThat(http.status(session, "/api/v1/clients/" + walledClient)).isEqualTo(404);
        assertThat(http.send(session, put("/api/v1/clients/" + walledClient), Map.of("name", "Seen"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.status(session, "/clients/" + walledClient)).isEqualTo(404);
        assertThat(http.status(session, "/matters/" + walledClientMatter)).isEqualTo(404);
        assertThat(http.status(session, "/api/v1/matters/" + walledClientMatter))
                .isEqualTo(404);
        assertThat(http.send(session, post("/api/v1/matters/" + walledClientMatter + "/close"), null)
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.send(session, put("/api/v1/matters/" + walledClientMatter), Map.of("title", "Seen"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.send(
                                session,
                                post("/api/v1/matters"),
                                Map.of("clientId", walledClient.toString(), "title", "New"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.getJson(session, "/api/v1/matters?status=open").toString())
                .doesNotContain("W-1");
        assertThat(mvc.perform(get("/clients").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("Walled Client plc");
        // The control: the same paths for someone the wall does not screen.
        var control = http.signIn(attorney);
        assertThat(http.status(control, "/api/v1/clients/" + walledClient)).isEqualTo(200);
        assertThat(http.status(control, "/clients/" + walledClient)).isEqualTo(200);
        assertThat(http.status(control, "/matters/" + walledClientMatter)).isEqualTo(200);
    }

    @Test
    void aMatterWallHidesTheMatterPageAndItsNewEndpointsAndRecordsTheLooks() throws Exception {
        var walled = matter(admin, acme, "S-1", "Screened work");
        onTeam(admin, walled, Member.user(screened.id()), Member.user(attorney.id()));
        wall(admin, walled, null, "Conflict", Member.user(screened.id()));
        var session = http.signIn(screened);
        assertThat(http.status(session, "/matters/" + walled)).isEqualTo(404);
        assertThat(mvc.perform(post("/matters/" + walled)
                                .cookie(session)
                                .with(csrf())
                                .param("title", "Seen"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        for (String action : List.of("close", "reopen", "archive")) {
            assertThat(http.statusOf(session, post("/matters/" + walled + "/" + action), null))
                    .as(action)
                    .isEqualTo(404);
            assertThat(http.send(session, post("/api/v1/matters/" + walled + "/" + action), null)
                            .getStatus())
                    .as(action)
                    .isEqualTo(404);
        }
        assertThat(http.send(session, put("/api/v1/matters/" + walled), Map.of("title", "Seen"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(as(admin, () -> matters.find(walled)).orElseThrow())
                .satisfies(m -> assertThat(m.title()).isEqualTo("Screened work"))
                .satisfies(m -> assertThat(m.status()).isEqualTo(MatterStatus.OPEN));
        var refusals = events(AuditFilters.byActor(screened, io.lexvault.audit.AuditAction.MATTER_ACCESS_DENIED, null));
        assertThat(refusals)
                .isNotEmpty()
                .allSatisfy(event -> assertThat(event.targetId()).isEqualTo(walled.value()));
        // The control: someone the wall does not screen reaches the same page.
        assertThat(http.status(http.signIn(attorney), "/matters/" + walled)).isEqualTo(200);
    }

    @Test
    void anotherFirmsClientsAndMattersAreNotFound() throws Exception {
        var otherFirm = aFirm("Other");
        var otherAdmin = withRole(otherFirm, BuiltInRole.ADMINISTRATOR);
        var session = http.signIn(otherAdmin);
        assertThat(http.status(session, "/api/v1/clients/" + acme)).isEqualTo(404);
        assertThat(http.send(session, put("/api/v1/clients/" + acme), Map.of("name", "Mine"))
                        .getStatus())
                .isEqualTo(404);
        assertThat(http.status(session, "/clients/" + acme)).isEqualTo(404);
        assertThat(http.status(session, "/api/v1/matters/" + acmeMatter)).isEqualTo(404);
        assertThat(http.status(session, "/matters/" + acmeMatter)).isEqualTo(404);
        assertThat(http.send(session, put("/api/v1/matters/" + acmeMatter), Map.of("title", "Mine"))
                        .getStatus())
                .isEqualTo(404);
        for (String action : List.of("close", "reopen", "archive")) {
            assertThat(http.send(session, post("/api/v1/matters/" + acmeMatter + "/" + action), null)
                            .getStatus())
                    .as(action)
                    .isEqualTo(404);
        }
        assertThat(http.send(session, post("/api/v1/matters"), Map.of("clientId", acme.toString(), "title", "Mine"))
                        .getStatus())
                .isEqualTo(404);
        // A responsible attorney of another firm is no user of this one.
        assertRefused(
                http.send(
                        http.signIn(attorney),
                        put("/api/v1/matters/" + acmeMatter),
                        Map.of(
                                "title",
                                "Acme general",
                                "responsibleAttorneyId",
                                otherAdmin.id().toString())),
                400,
                "responsibleAttorneyId");
        assertThat(as(attorney, () -> matters.find(acmeMatter)).orElseThrow().title())
                .isEqualTo("Acme general");
    }

    // Matters

    @Test
    void matterDetailsAreCheckedStoredAndChanged() throws Exception {
        var session = http.signIn(attorney);
        var opened = http.send(
                session,
                post("/api/v1/matters"),
                Map.of(
                        "clientId", acme.toString(),
                        "title", "Acme v. Roadrunner",
                        "description", "Anvil product liability.\nSecond line.",
                        "practiceArea", "Litigation",
                        "responsibleAttorneyId", attorney.id().toString(),
                        "openedOn", "2025-03-04"));
        assertThat(opened.getStatus()).isEqualTo(201);
        var matter = json.readTree(opened.getContentAsString());
        String id = matter.get("id").asString();
        assertThat(matter.get("status").asString()).isEqualTo("open");
        assertThat(matter.get("openedOn").asString()).isEqualTo("2025-03-04");
        assertThat(matter.get("closedOn").isNull()).isTrue();
        assertThat(matter.get("practiceArea").asString()).isEqualTo("Litigation");
        assertThat(matter.get("responsibleAttorneyId").asString())
                .isEqualTo(attorney.id().toString());

        assertRefused(
                http.send(
                        session,
                        post("/api/v1/matters"),
                        Map.of("clientId", acme.toString(), "title", "T", "openedOn", "03/04/2025")),
                400,
                "openedOn");
        assertRefused(
                http.send(
                        session,
                        post("/api/v1/matters"),
                        Map.of(
                                "clientId",
                                acme.toString(),
                                "title",
                                "T",
                                "openedOn",
                                LocalDate.now(ZoneOffset.UTC).plusDays(2).toString())),
                400,
                "future");
        assertRefused(
                http.send(
                        session,
                        post("/api/v1/matters"),
                        Map.of("clientId", acme.toString(), "title", "T", "practiceArea", "p".repeat(101))),
                400,
                "practiceArea");
        assertRefused(
                http.send(
                        session,
                        post("/api/v1/matters"),
                        Map.of(
                                "clientId",
                                acme.toString(),
                                "title",
                                "T",
                                "responsibleAttorneyId",
                                UUID.randomUUID().toString())),
                400,
                "responsibleAttorneyId");
        assertRefused(http.send(session, post("/api/v1/matters"), Map.of("title", "T")), 400, "clientId");

        var changed = http.send(
                session,
                put("/api/v1/matters/" + id),
                Map.of("title", "Acme v. Coyote", "practiceArea", "Product liability", "openedOn", "2025-03-01"));
        assertThat(changed.getStatus()).isEqualTo(200);
        var read = http.getJson(session, "/api/v1/matters/" + id);
        assertThat(read.get("title").asString()).isEqualTo("Acme v. Coyote");
        assertThat(read.get("description").isNull())
                .as("a PUT replaces the details")
                .isTrue();
        assertThat(read.get("openedOn").asString()).isEqualTo("2025-03-01");
        assertThat(http.send(session, put("/api/v1/matters/" + id), Map.of("title", "Acme v. Coyote"))
                        .getStatus())
                .isEqualTo(200);
        assertThat(http.getJson(session, "/api/v1/matters/" + id)
                        .get("openedOn")
                        .asString())
                .as("left out, the opening date stays")
                .isEqualTo("2025-03-01");
        assertRefused(
                http.send(session, put("/api/v1/matters/" + id), Map.of("title", "X", "number", "OTHER-1")),
                400,
                "number");
        assertThat(http.send(http.signIn(paralegal), put("/api/v1/matters/" + id), Map.of("title", "X"))
                        .getStatus())
                .as("without matters.update")
                .isEqualTo(403);
    }

    @Test
    void statusMovesThroughClosedArchivedAndOpenWithMattersClose() throws Exception {
        String close = "/api/v1/matters/" + acmeMatter + "/close";
        assertThat(http.send(http.signIn(paralegal), post(close), null).getStatus())
                .as("the paralegal sees the matter but lacks matters.close")
                .isEqualTo(403);
        assertThat(as(admin, () -> matters.find(acmeMatter)).orElseThrow().status())
                .isEqualTo(MatterStatus.OPEN);

        var session = http.signIn(attorney);
        var closed = json.readTree(http.send(session, post(close), null).getContentAsString());
        assertThat(closed.get("status").asString()).isEqualTo("closed");
        assertThat(closed.get("closedOn").asString())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertRefused(http.send(session, post(close), null), 409, "closed already");

        var reopened = json.readTree(http.send(session, post("/api/v1/matters/" + acmeMatter + "/reopen"), null)
                .getContentAsString());
        assertThat(reopened.get("status").asString()).isEqualTo("open");
        assertThat(reopened.get("closedOn").isNull()).isTrue();

        var archived = json.readTree(http.send(session, post("/api/v1/matters/" + acmeMatter + "/archive"), null)
                .getContentAsString());
        assertThat(archived.get("status").asString()).isEqualTo("archived");
        assertThat(archived.get("closedOn").isNull()).isFalse();

        String log = export(http.signIn(admin));
        assertThat(log).contains("matter.closed", "matter.changed");
        // The page's buttons do the same.
        var page = mvc.perform(post("/matters/" + acmeMatter + "/reopen")
                        .cookie(session)
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(page.getRedirectedUrl()).isEqualTo("/matters/" + acmeMatter);
        assertThat(as(admin, () -> matters.find(acmeMatter)).orElseThrow().status())
                .isEqualTo(MatterStatus.OPEN);
        assertThat(mvc.perform(post("/matters/" + acmeMatter + "/close")
                                .cookie(http.signIn(paralegal))
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void matterListIsSortedAndFilteredByStatusAndKeepsTheOldShape() throws Exception {
        as(admin, () -> {
            var b = matters.open(acme, new MatterDetails("B-2", "alpha deal", null, null, null, "2025-01-01"));
            matters.open(acme, new MatterDetails("C-3", "Zulu deal", null, null, null, "2024-06-01"));
            return matters.close(b);
        });
        var session = http.signIn(admin);
        assertThat(numbers(http.getJson(session, "/api/v1/matters"))).containsExactly("A-1", "B-2", "C-3", "W-1");
        assertThat(numbers(http.getJson(session, "/api/v1/matters?sort=-number")))
                .containsExactly("W-1", "C-3", "B-2", "A-1");
        assertThat(numbers(http.getJson(session, "/api/v1/matters?sort=title")))
                .containsExactly("A-1", "B-2", "W-1", "C-3");
        assertThat(numbers(http.getJson(session, "/api/v1/matters?sort=opened")).subList(0, 2))
                .containsExactly("C-3", "B-2");
        assertThat(numbers(http.getJson(session, "/api/v1/matters?sort=client")))
                .containsExactly("A-1", "B-2", "C-3", "W-1");
        assertThat(numbers(http.getJson(session, "/api/v1/matters?sort=status")).getFirst())
                .isEqualTo("B-2");
        var closed = http.getJson(session, "/api/v1/matters?status=closed");
        assertThat(numbers(closed)).containsExactly("B-2");
        assertThat(closed.get("total").asLong()).isEqualTo(1);
        assertThat(numbers(http.getJson(session, "/api/v1/matters?status=open&clientId=" + acme)))
                .containsExactly("A-1", "C-3");
        var paged = http.getJson(session, "/api/v1/matters?sort=number&size=3&page=1");
        assertThat(numbers(paged)).containsExactly("W-1");
        assertThat(paged.get("total").asLong()).isEqualTo(4);
        assertRefused(http.send(session, get("/api/v1/matters?status=pending"), null), 400, "status");
        assertRefused(http.send(session, get("/api/v1/matters?sort=secret"), null), 400, "sort");
        // The pages take the same parameters.
        var page = mvc.perform(get("/matters?sort=-opened&status=closed").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        assertThat(page.getContentAsString()).contains("B-2").doesNotContain("C-3");
        // The screened attorney's count leaves out what the wall hides.
        assertThat(http.getJson(http.signIn(screened), "/api/v1/matters")
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    // Matter numbers

    @Test
    void numbersAreAllocatedInSequenceFromTheFirmsFormat() throws Exception {
        var session = http.signIn(attorney);
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        var format = http.getJson(session, "/api/v1/matters/next-number");
        assertThat(format.get("format").asString()).isEqualTo("{YYYY}-{SEQ:4}");
        assertThat(format.get("next").asString()).isEqualTo(year + "-0001");
        assertThat(openWithoutNumber(session)).isEqualTo(year + "-0001");
        assertThat(openWithoutNumber(session)).isEqualTo(year + "-0002");
        // A number typed by hand that fits moves the counter past it.
        assertThat(http.send(
                                session,
                                post("/api/v1/matters"),
                                Map.of("clientId", acme.toString(), "number", year + "-0010", "title", "T"))
                        .getStatus())
                .isEqualTo(201);
        assertThat(openWithoutNumber(session)).isEqualTo(year + "-0011");
        // A taken number typed by hand is 409 and opens nothing.
        assertThat(http.send(
                                session,
                                post("/api/v1/matters"),
                                Map.of("clientId", acme.toString(), "number", year + "-0010", "title", "T"))
                        .getStatus())
                .isEqualTo(409);
        // The year of the opening date counts.
        var earlier = json.readTree(http.send(
                        session,
                        post("/api/v1/matters"),
                        Map.of("clientId", acme.toString(), "title", "Old", "openedOn", "2023-05-01"))
                .getContentAsString());
        assertThat(earlier.get("number").asString()).isEqualTo("2023-0001");
    }

    @Test
    void concurrentOpeningsGetDistinctNumbers() throws Exception {
        int openings = 6;
        var ready = new CountDownLatch(openings);
        var pool = Executors.newFixedThreadPool(openings);
        try {
            var futures = new ArrayList<Future<MatterId>>();
            for (int i = 0; i < openings; i++) {
                int n = i;
                Callable<MatterId> open = () -> {
                    ready.countDown();
                    ready.await();
                    return as(
                            attorney,
                            () -> matters.open(acme, new MatterDetails(null, "Parallel " + n, null, null, null, null)));
                };
                futures.add(pool.submit(open));
            }
            Set<String> numbers = new HashSet<>();
            for (var future : futures) {
                var id = future.get();
                numbers.add(as(admin, () -> matters.find(id)).orElseThrow().number());
            }
            int year = LocalDate.now(ZoneOffset.UTC).getYear();
            assertThat(numbers).hasSize(openings);
            for (int i = 1; i <= openings; i++) {
                assertThat(numbers).contains(year + "-000" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void automaticNumbersStartAboveTheNumbersInUseWalledOnesIncluded() throws Exception {
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        // 120 numbers of the firm's format in use, the last twenty on the client whose wall screens the
        // one who opens the next matter (so row-level security hides them from them)...
        as(admin, () -> {
            for (int i = 1; i <= 120; i++) {
                matters.open(i > 100 ? walledClient : acme, "%d-%04d".formatted(year, i), "Earlier " + i);
            }
            return null;
        });
        // ... and the counter as matters made before the counters existed left it: at nothing.
        assertThat(this.<Integer>sqlAs(
                        firm,
                        null,
                        jdbc -> jdbc.sql("UPDATE matter_number_counters SET last_value = 0")
                                .update()))
                .isEqualTo(1);
        var session = http.signIn(screened);
        assertThat(http.getJson(session, "/api/v1/matters/next-number")
                        .get("next")
                        .asString())
                .isEqualTo(year + "-0121");
        // Not 409 for ever: the counter starts above the numbers in use, and stays there.
        assertThat(openWithoutNumber(session)).isEqualTo(year + "-0121");
        assertThat(openWithoutNumber(session)).isEqualTo(year + "-0122");
    }

    @Test
    void aNewFormatWhoseNumbersAreInUseContinuesAfterThem() throws Exception {
        // Typed under the default format, which they do not fit: no counter moved. The last one is on
        // the walled client.
        as(admin, () -> {
            for (int i = 1; i <= 3; i++) {
                matters.open(i == 3 ? walledClient : acme, "F-%03d".formatted(i), "Earlier " + i);
            }
            return null;
        });
        var changed =
                http.send(http.signIn(admin), put("/api/v1/firm/matter-number-format"), Map.of("format", "F-{SEQ:3}"));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(json.readTree(changed.getContentAsString()).get("next").asString())
                .isEqualTo("F-004");
        assertThat(openWithoutNumber(http.signIn(screened))).isEqualTo("F-004");
        // The definer function behind it answers one integer, for the bound firm only: even with nobody
        // acting (who sees no matter at all) it counts the firm's matters; another firm or none gets 0.
        String highest = "SELECT lexvault.highest_matter_sequence_in_bound_firm('F-', '', 3)";
        assertThat(this.<Integer>sqlAs(
                        firm,
                        null,
                        jdbc -> jdbc.sql(highest).query(Integer.class).single()))
                .isEqualTo(4);
        var otherFirm = aFirm("Highest");
        assertThat(this.<Integer>sqlAs(
                        otherFirm,
                        null,
                        jdbc -> jdbc.sql(highest).query(Integer.class).single()))
                .isZero();
        assertThat(this.<Integer>sqlAs(
                        null,
                        null,
                        jdbc -> jdbc.sql(highest).query(Integer.class).single()))
                .isZero();
    }

    @Test
    void anEnforcedFormatRefusesNumbersThatDoNotFit() throws Exception {
        var admin = http.signIn(this.admin);
        int yy = LocalDate.now(ZoneOffset.UTC).getYear() % 100;
        assertRefused(
                http.send(admin, put("/api/v1/firm/matter-number-format"), Map.of("format", "{YYYY}")), 400, "{SEQ:n}");
        assertRefused(
                http.send(admin, put("/api/v1/firm/matter-number-format"), Map.of("format", "A B{SEQ:2}")),
                400,
                "letters");
        assertThat(http.send(
                                http.signIn(attorney),
                                put("/api/v1/firm/matter-number-format"),
                                Map.of("format", "X{SEQ:2}"))
                        .getStatus())
                .as("without firm.settings.manage")
                .isEqualTo(403);
        var changed = http.send(
                admin, put("/api/v1/firm/matter-number-format"), Map.of("format", "M-{YY}/{SEQ:3}", "enforced", true));
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(json.readTree(changed.getContentAsString()).get("next").asString())
                .isEqualTo("M-%02d/001".formatted(yy));

        var session = http.signIn(attorney);
        assertRefused(
                http.send(
                        session,
                        post("/api/v1/matters"),
                        Map.of("clientId", acme.toString(), "number", "2026-0001", "title", "T")),
                400,
                "M-{YY}/{SEQ:3}");
        assertThat(http.send(
                                session,
                                post("/api/v1/matters"),
                                Map.of("clientId", acme.toString(), "number", "M-%02d/005".formatted(yy), "title", "T"))
                        .getStatus())
                .isEqualTo(201);
        assertThat(openWithoutNumber(session)).isEqualTo("M-%02d/006".formatted(yy));
        String log = export(admin);
        assertThat(log).contains("firm.settings_changed", "matters.number_format");
    }

    @Test
    void numberCountersAreTheFirmsOwnForTheRuntimeRole() throws Exception {
        as(attorney, () -> matters.open(acme, new MatterDetails(null, "Counted", null, null, null, null)));
        var otherFirm = aFirm("Counters");
        String count = "SELECT count(*) FROM matter_number_counters";
        long seenByOther =
                sqlAs(otherFirm, null, jdbc -> jdbc.sql(count).query(Long.class).single());
        assertThat(seenByOther).isZero();
        int changedByOther = sqlAs(
                otherFirm,
                null,
                jdbc -> jdbc.sql("UPDATE matter_number_counters SET last_value = 0")
                        .update());
        assertThat(changedByOther).isZero();
        long seenByOwner =
                sqlAs(firm, null, jdbc -> jdbc.sql(count).query(Long.class).single());
        assertThat(seenByOwner).isEqualTo(1);
        long seenUnbound =
                sqlAs(null, null, jdbc -> jdbc.sql(count).query(Long.class).single());
        assertThat(seenUnbound).as("no firm bound, no rows").isZero();
    }

    // Pages

    @Test
    void pagesOpenAMatterAndCreateAClientKeepingWhatWasTypedOnRefusal() throws Exception {
        var session = http.signIn(attorney);
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        var form = mvc.perform(get("/matters/new").cookie(session)).andReturn().getResponse();
        assertThat(form.getStatus()).isEqualTo(200);
        assertThat(form.getContentAsString()).contains(year + "-0001", "Acme Holdings");

        var refused = mvc.perform(post("/matters")
                        .cookie(session)
                        .with(csrf())
                        .param("clientId", acme.toString())
                        .param("title", "Typed title")
                        .param("openedOn", "someday"))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("openedOn is a date", "Typed title");

        var opened = mvc.perform(post("/matters")
                        .cookie(session)
                        .with(csrf())
                        .param("clientId", acme.toString())
                        .param("title", "Typed title")
                        .param("practiceArea", "Tax")
                        .param("responsibleAttorneyId", attorney.id().toString()))
                .andReturn()
                .getResponse();
        assertThat(opened.getRedirectedUrl()).startsWith("/matters/");
        var detail = mvc.perform(get(opened.getRedirectedUrl()).cookie(session))
                .andReturn()
                .getResponse();
        assertThat(detail.getStatus()).isEqualTo(200);
        assertThat(detail.getContentAsString())
                .contains(year + "-0001", "Typed title", "Tax", "/team", "/parties", "/documents", "close");

        var badClient = mvc.perform(post("/clients")
                        .cookie(session)
                        .with(csrf())
                        .param("kind", "person")
                        .param("name", "Typed Person")
                        .param("email", "typed@"))
                .andReturn()
                .getResponse();
        assertThat(badClient.getStatus()).isEqualTo(400);
        assertThat(badClient.getContentAsString()).contains("email looks like", "Typed Person", "typed@");
        var created = mvc.perform(post("/clients")
                        .cookie(session)
                        .with(csrf())
                        .param("kind", "person")
                        .param("name", "Typed Person")
                        .param("email", "typed@person.example"))
                .andReturn()
                .getResponse();
        assertThat(created.getRedirectedUrl()).startsWith("/clients/");
        assertThat(mvc.perform(get(created.getRedirectedUrl()).cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Typed Person", "typed@person.example");
        assertThat(mvc.perform(get("/clients?sort=-created").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Typed Person");
    }

    @Test
    void theMatterPageIsItsHomeWithEditingBehindAnEditAction() throws Exception {
        var auditor = withRole(firm, BuiltInRole.AUDITOR);
        var session = http.signIn(admin);
        var partyAdded = mvc.perform(post("/matters/" + acmeMatter + "/parties/add")
                        .cookie(session)
                        .with(csrf())
                        .param("name", "Widget Corp")
                        .param("kind", "organisation")
                        .param("role", "opposing_party"))
                .andReturn();
        assertThat(partyAdded.getFlashMap().get("addedName"))
                .as("the parties page then offers a conflict check of the new name")
                .isEqualTo("Widget Corp");

        String home = http.page(session, "/matters/" + acmeMatter);
        assertThat(home)
                .contains("id=\"summary\"", "id=\"parties-panel\"", "Widget Corp", "id=\"team-panel\"")
                .contains("id=\"documents-panel\"", "id=\"activity-panel\"", "id=\"search-matter\"")
                .contains("href=\"/matters/" + acmeMatter + "/edit\"", "id=\"check-conflicts\"")
                .contains("Acme Holdings\nWidget Corp")
                .doesNotContain("id=\"change-matter\"");
        String edit = http.page(session, "/matters/" + acmeMatter + "/edit");
        assertThat(edit).contains("id=\"change-matter\"", "Acme general");
        // The responsible attorney is one who may change matters: the attorney, never the auditor.
        assertThat(edit)
                .contains("value=\"" + attorney.id().value() + "\"")
                .doesNotContain(
                        "value=\"" + auditor.id().value() + "\"",
                        "value=\"" + paralegal.id().value() + "\"");
        var refused = mvc.perform(post("/matters/" + acmeMatter)
                        .cookie(session)
                        .with(csrf())
                        .param("title", "Acme general")
                        .param("responsibleAttorneyId", auditor.id().value().toString()))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("Choose the responsible attorney from the list");
        var saved = mvc.perform(post("/matters/" + acmeMatter)
                        .cookie(session)
                        .with(csrf())
                        .param("title", "Acme general")
                        .param("responsibleAttorneyId", attorney.id().value().toString()))
                .andReturn()
                .getResponse();
        assertThat(saved.getRedirectedUrl()).isEqualTo("/matters/" + acmeMatter);
        // The API holds the same rule: an auditor is no responsible attorney.
        assertRefused(
                http.send(
                        session,
                        post("/api/v1/matters"),
                        Map.of(
                                "clientId", acme.toString(),
                                "title", "Audited",
                                "responsibleAttorneyId", auditor.id().toString())),
                400,
                "someone who may change matters");

        // htmx, vendored and configured for the strict CSP, swaps the parties' part of their page.
        assertThat(home).contains("src=\"/vendor/htmx/htmx.min.js\"", "src=\"/js/htmx-config.js\"");
        assertThat(mvc.perform(get("/js/htmx-config.js"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("includeIndicatorStyles = false", "allowEval = false", "historyCacheSize = 0");
        // The parties page the add redirected to (its flash) offers the conflict check of the new name.
        assertThat(http.page(session, "/matters/" + acmeMatter + "/parties"))
                .contains("id=\"parties-live\" hx-boost=\"true\"", "hx-select=\"#parties-live\"")
                .contains("id=\"offer-conflict-check\"", "value=\"Widget Corp\"", "action=\"/conflicts\"");
        var htmx = mvc.perform(get("/vendor/htmx/htmx.min.js")).andReturn().getResponse();
        assertThat(htmx.getStatus()).as("served to everyone, like /js").isEqualTo(200);
        assertThat(htmx.getContentType()).contains("javascript");

        // A paralegal sees the home without the edit action and without the audit log's activity.
        String paralegalHome = http.page(http.signIn(paralegal), "/matters/" + acmeMatter);
        assertThat(paralegalHome)
                .contains("id=\"summary\"", "Widget Corp")
                .doesNotContain("/edit\"", "id=\"activity-panel\"", "id=\"close-matter\"");
        assertThat(http.status(http.signIn(paralegal), "/matters/" + acmeMatter + "/edit"))
                .isEqualTo(403);
        assertThat(http.status(http.signIn(screened), "/matters/" + walledClientMatter + "/edit"))
                .isEqualTo(404);
    }

    @Test
    void closingAndArchivingAMatterAskForConfirmation() throws Exception {
        var session = http.signIn(admin);
        for (String action : List.of("close", "archive")) {
            var asked = mvc.perform(post("/matters/" + acmeMatter + "/" + action)
                            .cookie(session)
                            .with(csrf()))
                    .andReturn()
                    .getResponse();
            assertThat(asked.getStatus()).as(action).isEqualTo(200);
            assertThat(asked.getContentAsString())
                    .contains("A-1 Acme general?", "name=\"confirmed\" value=\"yes\"", "class=\"danger\"")
                    .contains("action=\"/matters/" + acmeMatter + "/" + action + "\"");
            assertThat(as(admin, () -> matters.find(acmeMatter)).orElseThrow().status())
                    .isEqualTo(MatterStatus.OPEN);
        }
        var closed = mvc.perform(post("/matters/" + acmeMatter + "/close")
                        .cookie(session)
                        .with(csrf())
                        .param("confirmed", "yes"))
                .andReturn()
                .getResponse();
        assertThat(closed.getRedirectedUrl()).isEqualTo("/matters/" + acmeMatter);
        assertThat(as(admin, () -> matters.find(acmeMatter)).orElseThrow().status())
                .isEqualTo(MatterStatus.CLOSED);
        assertThat(mvc.perform(post("/matters/" + walledClientMatter + "/archive")
                                .cookie(http.signIn(screened))
                                .with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isIn(403, 404);
    }

    @Test
    void theNumberFormatPageShowsAndChangesTheFormat() throws Exception {
        var session = http.signIn(admin);
        assertThat(mvc.perform(get("/admin/matter-numbers").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("{YYYY}-{SEQ:4}");
        var refused = mvc.perform(post("/admin/matter-numbers")
                        .cookie(session)
                        .with(csrf())
                        .param("format", "NO-SEQ"))
                .andReturn();
        assertThat(String.valueOf(refused.getFlashMap().get("problem"))).contains("{SEQ:n}");
        mvc.perform(post("/admin/matter-numbers")
                .cookie(session)
                .with(csrf())
                .param("format", "LV{SEQ:5}")
                .param("enforced", "true"));
        assertThat(as(admin, () -> matters.open(acme, new MatterDetails(null, "Numbered", null, null, null, null))))
                .satisfies(id -> assertThat(
                                as(admin, () -> matters.find(id)).orElseThrow().number())
                        .isEqualTo("LV00001"));
        assertThat(mvc.perform(post("/admin/matter-numbers")
                                .cookie(http.signIn(attorney))
                                .with(csrf())
                                .param("format", "X{SEQ:1}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    // Helpers

    private String openWithoutNumber(Cookie session) throws Exception {
        var response =
                http.send(session, post("/api/v1/matters"), Map.of("clientId", acme.toString(), "title", "Auto"));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return json.readTree(response.getContentAsString()).get("number").asString();
    }

    private void assertRefused(MockHttpServletResponse response, int status, String detailPart) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(response.getContentAsString(StandardCharsets.UTF_8))
                        .get("detail")
                        .asString())
                .contains(detailPart);
    }

    /** The firm's audit log as the CSV export shows it (actions, targets and details). */
    private String export(Cookie session) throws Exception {
        var response = mvc.perform(get("/admin/audit/export?format=csv").cookie(session))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<String> names(JsonNode items) {
        var names = new ArrayList<String>();
        items.forEach(item -> names.add(item.get("name").asString()));
        return names;
    }

    @Test
    void largeListCountsOnlyAsFarAsAskedAndAlwaysSaysWhetherMorePagesFollow() throws Exception {
        var screenedAdmin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        wall(admin, null, walledClient, "Acted against them", Member.user(screenedAdmin.id()));
        // 1,005 more matters for each client, written directly (no audit needed for a count).
        try (var sql = TestDatabase.shared().administrator().connect();
                var insert = sql.prepareStatement("""
                        INSERT INTO lexvault.matters (tenant_id, id, client_id, number, title, opened_on)
                        SELECT ?, gen_random_uuid(), ?, ? || lpad(i::text, 4, '0'), 'Bulk ' || i, date '2026-01-01'
                          FROM generate_series(1, 1005) i
                        """)) {
            for (var client : List.of(Map.entry(acme, "X-"), Map.entry(walledClient, "Y-"))) {
                insert.setObject(1, firm.value());
                insert.setObject(2, client.getKey().value());
                insert.setString(3, client.getValue());
                insert.executeUpdate();
            }
        }
        var session = http.signIn(screenedAdmin);
        // More than 1,000 visible: no exact total unless asked, and the page says that more follow.
        var first = http.getJson(session, "/api/v1/matters?size=20");
        assertThat(numbers(first)).hasSize(20).allMatch(n -> !n.startsWith("W-") && !n.startsWith("Y-"));
        assertThat(first.get("total").isNull()).isTrue();
        assertThat(first.get("totalAtLeast").asLong()).isEqualTo(1001);
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        // Asked for, the total is exact, and the wall still hides the walled client's 1,006 matters.
        var exact = http.getJson(session, "/api/v1/matters?size=20&exactTotal=true");
        assertThat(exact.get("total").asLong()).isEqualTo(1006);
        assertThat(exact.get("totalAtLeast").isNull()).isTrue();
        // The last page knows the total from its own rows.
        var last = http.getJson(session, "/api/v1/matters?size=100&page=10");
        assertThat(numbers(last)).hasSize(6);
        assertThat(last.get("hasMore").asBoolean()).isFalse();
        assertThat(last.get("total").asLong()).isEqualTo(1006);
        // A filter that leaves few: exact, counted or not.
        var few = http.getJson(session, "/api/v1/matters?size=1&status=open&clientId=" + walledClient.value());
        assertThat(numbers(few)).isEmpty();
        assertThat(few.get("total").asLong()).isZero();
        assertThat(few.get("hasMore").asBoolean()).isFalse();
        var counted = http.getJson(session, "/api/v1/matters?size=1&sort=-number");
        assertThat(counted.get("total").isNull()).isTrue();
        assertThat(http.send(session, get("/api/v1/matters?exactTotal=maybe"), null)
                        .getStatus())
                .isEqualTo(400);
        // The unwalled administrator sees both clients' matters.
        var all = http.getJson(http.signIn(admin), "/api/v1/matters?size=5&exactTotal=true");
        assertThat(all.get("total").asLong()).isEqualTo(2012);
        assertThat(all.get("hasMore").asBoolean()).isTrue();
    }

    private static List<String> numbers(JsonNode page) {
        var numbers = new ArrayList<String>();
        page.get("items").forEach(item -> numbers.add(item.get("number").asString()));
        return numbers;
    }
}
