package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.lexvault.access.roles.Caller;
import io.lexvault.access.roles.RoleDraft;
import io.lexvault.access.roles.RoleRefusedException;
import io.lexvault.access.roles.Roles;
import io.lexvault.identity.ApiKeys;
import io.lexvault.identity.InvitationAccepted;
import io.lexvault.identity.onboarding.Invitations;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.CustomRoleFixtures;
import io.lexvault.testsupport.DatabasePermissions;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.TestDatabase;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Custom roles: made, copied, changed and deleted through the API, several per person, enforced from
 * the next request on (sessions and API keys), audited, visible to PostgreSQL, and never another firm's.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class CustomRolesIntegrationTests extends FirmWebTest {

    private static final Pattern KEY = Pattern.compile("\"key\":\"(custom_[a-z0-9_]+)\"");

    @Autowired
    Roles customRoles;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private record Event(
            String action, String actorType, UUID actorId, String targetType, UUID targetId, String details) {}

    // --- creating, copying, changing, deleting

    @Test
    void anAdministratorCreatesCopiesChangesAndDeletesRolesThroughTheApi() throws Exception {
        var firm = aFirm();
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var session = http.signIn(admin);

        var created = call(session, post("/api/v1/roles"), """
                {"title":"Billing clerk","description":"Sends invoices.","permissions":["clients.read","reports.read"]}
                """);
        assertThat(created.getStatus()).isEqualTo(201);
        String clerk = keyIn(created);
        assertThat(clerk).isEqualTo("custom_billing_clerk");
        assertThat(created.getHeader("Location")).isEqualTo("/api/v1/roles/" + clerk);
        assertThat(created.getContentAsString())
                .contains("\"builtIn\":false", "\"permissions\":[\"clients.read\",\"reports.read\"]");

        var copyOfBuiltIn = call(session, post("/api/v1/roles"), """
                {"title":"Senior paralegal","copyOf":"paralegal"}
                """);
        assertThat(copyOfBuiltIn.getStatus()).isEqualTo(201);
        String senior = keyIn(copyOfBuiltIn);
        assertThat(body(session, get("/api/v1/roles/" + senior)))
                .contains("\"copiedFrom\":\"paralegal\"", "\"description\":\"" + BuiltInRole.PARALEGAL.description());
        assertThat(permissionsOf(firm, senior)).isEqualTo(BuiltInRole.PARALEGAL.permissions());

        var copyOfCustom = call(session, post("/api/v1/roles"), """
                {"title":"Billing lead","copyOf":"%s","permissions":["clients.read","reports.read","exports.create"]}
                """.formatted(clerk));
        assertThat(copyOfCustom.getStatus()).isEqualTo(201);
        String lead = keyIn(copyOfCustom);
        assertThat(permissionsOf(firm, lead))
                .containsExactlyInAnyOrder(Permission.CLIENTS_READ, Permission.REPORTS_READ, Permission.EXPORTS_CREATE);

        var changed = call(session, put("/api/v1/roles/" + clerk), """
                {"title":"Billing assistant","description":"Prepares invoices.","permissions":["clients.read","matters.read"]}
                """);
        assertThat(changed.getStatus()).isEqualTo(200);
        assertThat(changed.getContentAsString())
                .contains("\"key\":\"" + clerk + "\"", "\"title\":\"Billing assistant\"")
                .contains("\"permissions\":[\"clients.read\",\"matters.read\"]");

        var list = body(session, get("/api/v1/roles"));
        assertThat(list).contains("\"key\":\"administrator\"", "\"key\":\"auditor\"", clerk, senior, lead);

        assertThat(call(session, delete("/api/v1/roles/" + clerk), null).getStatus())
                .isEqualTo(204);
        assertThat(call(session, get("/api/v1/roles/" + clerk), null).getStatus())
                .isEqualTo(404);
        assertThat(call(session, delete("/api/v1/roles/" + clerk), null).getStatus())
                .as("deleted once")
                .isEqualTo(404);

        var again = call(session, post("/api/v1/roles"), """
                {"title":"Billing clerk","permissions":[]}
                """);
        assertThat(keyIn(again))
                .as("a deleted role's key is never used again, so old audit events keep meaning that role")
                .isEqualTo("custom_billing_clerk_2");
    }

    @Test
    void builtInRolesAreNeverChangedOrDeleted() throws Exception {
        var firm = aFirm();
        var session = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        for (var role : BuiltInRole.values()) {
            var change = call(session, put("/api/v1/roles/" + role.key()), """
                    {"title":"Mine","description":"","permissions":[]}
                    """);
            assertThat(change.getStatus()).as(role.key()).isEqualTo(409);
            assertThat(change.getContentAsString()).contains("Built-in roles cannot be changed");
            assertThat(call(session, delete("/api/v1/roles/" + role.key()), null)
                            .getStatus())
                    .as(role.key())
                    .isEqualTo(409);
        }
        assertThatThrownBy(() -> TenantContext.runAs(
                        firm, null, () -> customRoles.delete(Caller.operator(), BuiltInRole.ATTORNEY.key())))
                .isInstanceOf(RoleRefusedException.class)
                .extracting(e -> ((RoleRefusedException) e).reason())
                .isEqualTo(RoleRefusedException.Reason.BUILT_IN);
        assertThat(body(session, get("/api/v1/roles/attorney"))).contains("\"title\":\"Attorney\"");
    }

    @Test
    void invalidRolesAreRefusedWithAReason() throws Exception {
        var firm = aFirm();
        var session = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        call(session, post("/api/v1/roles"), """
                {"title":"Records","permissions":["documents.read"]}
                """);
        Map<String, String> refusals = Map.of(
                """
                {"title":"  ","permissions":[]}""",
                "A role's title is required (1 to 100 characters).",
                """
                {"title":"Reader","permissions":["documents.read","documents.levitate"]}""",
                "Unknown permission: documents.levitate.",
                """
                {"title":"RECORDS","permissions":[]}""",
                "A role titled \u201cRECORDS\u201d already exists",
                """
                {"title":"auditor","permissions":[]}""",
                "A role titled \u201cauditor\u201d already exists",
                """
                {"title":"%s","permissions":[]}""".formatted("x".repeat(101)),
                "at most 100 characters",
                """
                {"permissions":[]}""",
                "title is required.",
                """
                {"title":"Copy","copyOf":"custom_nothing_like_it"}""",
                "Nothing was found");
        for (var refusal : refusals.entrySet()) {
            var response = call(session, post("/api/v1/roles"), refusal.getKey());
            assertThat(response.getStatus())
                    .as(refusal.getKey())
                    .isEqualTo(refusal.getValue().startsWith("Nothing") ? 404 : 400);
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                    .as(refusal.getKey())
                    .contains(refusal.getValue());
        }
        assertThat(TenantContext.callAs(firm, null, () -> customRoles.all()).stream()
                        .filter(role -> !role.builtIn())
                        .map(Role::title))
                .containsExactly("Records");
    }

    // --- several roles, and who may hand what out

    @Test
    void severalRolesGiveTheUnionOfTheirPermissions() throws Exception {
        var firm = aFirm();
        var person = withRole(firm, BuiltInRole.AUDITOR);
        String intake =
                CustomRoleFixtures.customRole(customRoles, firm, "Intake desk", "clients.create", "clients.read");
        String notes =
                CustomRoleFixtures.customRole(customRoles, firm, "Note taker", "clients.read", "documents.upload");
        TenantContext.runAs(firm, null, () -> {
            roles.give(Caller.operator(), person.id(), intake);
            roles.give(Caller.operator(), person.id(), notes);
        });
        var grants = TenantContext.callAs(firm, null, () -> roles.of(firm, person.id()));
        assertThat(grants.roles()).containsExactlyInAnyOrder("auditor", intake, notes);
        assertThat(grants.permissions())
                .containsExactlyInAnyOrder(
                        "audit.read", "audit.export", "clients.create", "clients.read", "documents.upload");
        assertThat(body(http.signIn(person), get("/api/v1/me")))
                .contains("\"permissions\":[\"audit.export\",\"audit.read\",\"clients.create\",\"clients.read\","
                        + "\"documents.upload\"]");
    }

    @Test
    void rolesOfAUserAreReadAndReplacedThroughTheApi() throws Exception {
        var firm = aFirm();
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var session = http.signIn(admin);
        var person = withRole(firm, BuiltInRole.STAFF);
        String desk = CustomRoleFixtures.customRole(customRoles, firm, "Front desk", "clients.read");
        var replaced = call(session, put("/api/v1/users/" + person.id() + "/roles"), """
                {"roles":["paralegal","%s"]}
                """.formatted(desk));
        assertThat(replaced.getStatus()).isEqualTo(200);
        assertThat(replaced.getContentAsString()).contains("\"roles\":[\"" + desk + "\",\"paralegal\"]");
        assertThat(body(session, get("/api/v1/users/" + person.id() + "/roles")))
                .contains("\"user\":\"" + person.id() + "\"", "\"roles\":[\"" + desk + "\",\"paralegal\"]");
        assertThat(call(session, put("/api/v1/users/" + person.id() + "/roles"), """
                                {"roles":["custom_no_such_role"]}
                                """)
                        .getStatus())
                .isEqualTo(404);
        assertThat(call(session, put("/api/v1/users/" + person.id() + "/roles"), "{}")
                        .getStatus())
                .isEqualTo(400);
        assertThat(call(session, get("/api/v1/users/not-a-uuid/roles"), null).getStatus())
                .as("ids are checked before any query")
                .isEqualTo(400);
    }

    @Test
    void nobodyHandsOutOrTakesAwayPermissionsTheyDoNotHold() throws Exception {
        var firm = aFirm();
        String roleAdmin = CustomRoleFixtures.customRole(
                customRoles, firm, "Role officer", "roles.read", "roles.manage", "roles.assign", "users.read");
        var officer = People.aPerson(accounts, firm);
        TenantContext.runAs(firm, null, () -> roles.give(Caller.operator(), officer.id(), roleAdmin));
        var administrator = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var colleague = withRole(firm, BuiltInRole.STAFF);
        var session = http.signIn(officer);

        var beyond = call(session, post("/api/v1/roles"), """
                {"title":"Audit reader","permissions":["audit.read"]}
                """);
        assertThat(beyond.getStatus()).isEqualTo(403);
        assertThat(beyond.getContentAsString()).contains("you do not hold: audit.read");
        assertThat(call(session, put("/api/v1/users/" + colleague.id() + "/roles"), """
                                {"roles":["staff","administrator"]}
                                """)
                        .getStatus())
                .as("cannot make an administrator")
                .isEqualTo(403);
        assertThat(call(session, put("/api/v1/users/" + administrator.id() + "/roles"), """
                                {"roles":[]}
                                """)
                        .getStatus())
                .as("cannot demote one either")
                .isEqualTo(403);
        assertThat(call(session, put("/api/v1/roles/" + roleAdmin), """
                                {"title":"Role officer","description":"","permissions":["roles.read","roles.manage","roles.assign","users.read","audit.read"]}
                                """).getStatus())
                .as("cannot grow their own role")
                .isEqualTo(403);

        var within = call(session, post("/api/v1/roles"), """
                {"title":"People viewer","permissions":["users.read"]}
                """);
        assertThat(within.getStatus()).isEqualTo(201);
        assertThat(call(session, put("/api/v1/users/" + colleague.id() + "/roles"), """
                                {"roles":["staff","%s"]}
                                """.formatted(keyIn(within)))
                        .getStatus())
                .isEqualTo(200);
        assertThat(TenantContext.callAs(firm, null, () -> roles.rolesOf(colleague.id())))
                .containsExactlyInAnyOrder("staff", keyIn(within));
    }

    @Test
    void theFirmKeepsAnActiveAdministrator() throws Exception {
        var firm = aFirm();
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var session = http.signIn(admin);
        var lastOne = call(session, put("/api/v1/users/" + admin.id() + "/roles"), """
                {"roles":["attorney"]}
                """);
        assertThat(lastOne.getStatus()).isEqualTo(409);
        assertThat(lastOne.getContentAsString()).contains("last active administrator");
        var second = withRole(firm, BuiltInRole.ADMINISTRATOR);
        assertThat(call(session, put("/api/v1/users/" + admin.id() + "/roles"), """
                                {"roles":["attorney"]}
                                """)
                        .getStatus())
                .isEqualTo(200);
        assertThat(TenantContext.callAs(firm, null, () -> roles.rolesOf(second.id())))
                .containsExactly("administrator");
    }

    // --- changes apply at the next request

    @Test
    void removingAPermissionFromACustomRoleAppliesAtTheHoldersNextRequestInSessionAndApiKey() throws Exception {
        var firm = aFirm();
        var holder = withRole(firm, BuiltInRole.ATTORNEY);
        String reviewer =
                CustomRoleFixtures.customRole(customRoles, firm, "Log reviewer", "audit.read", "matters.read");
        TenantContext.runAs(firm, null, () -> roles.give(Caller.operator(), holder.id(), reviewer));
        var session = http.signIn(holder);
        String key = TenantContext.callAs(
                        firm,
                        holder.id().value(),
                        () -> apiKeys.create(
                                holder.id(), "log", List.of("audit.read", "matters.read"), Duration.ofDays(1)))
                .secret();
        assertThat(call(session, get("/api/v1/audit/retention"), null).getStatus())
                .isEqualTo(200);
        assertThat(withKey(key, "/api/v1/audit/retention").getStatus()).isEqualTo(200);

        TenantContext.runAs(
                firm,
                null,
                () -> customRoles.change(
                        Caller.operator(), reviewer, new RoleDraft("Log reviewer", "", List.of("matters.read"))));

        assertThat(call(session, get("/api/v1/audit/retention"), null).getStatus())
                .as("the open session lost it")
                .isEqualTo(403);
        assertThat(withKey(key, "/api/v1/audit/retention").getStatus())
                .as("the existing key lost it")
                .isEqualTo(403);
        assertThat(withKey(key, "/api/v1/me").getContentAsString()).contains("\"permissions\":[\"matters.read\"]");
        assertThat(body(session, get("/api/v1/me"))).doesNotContain("audit.read");
    }

    @Test
    void deletingARoleAppliesAtTheHoldersNextRequestInSessionAndApiKey() throws Exception {
        var firm = aFirm();
        var admin = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        var holder = withRole(firm, BuiltInRole.ATTORNEY);
        String reviewer = CustomRoleFixtures.customRole(customRoles, firm, "Log reader", "audit.read");
        TenantContext.runAs(firm, null, () -> roles.give(Caller.operator(), holder.id(), reviewer));
        var session = http.signIn(holder);
        String key = TenantContext.callAs(
                        firm,
                        holder.id().value(),
                        () -> apiKeys.create(holder.id(), "log", List.of("audit.read"), Duration.ofDays(1)))
                .secret();
        assertThat(withKey(key, "/api/v1/audit/retention").getStatus()).isEqualTo(200);
        assertThat(call(session, get("/api/v1/audit/retention"), null).getStatus())
                .isEqualTo(200);

        assertThat(call(admin, delete("/api/v1/roles/" + reviewer), null).getStatus())
                .isEqualTo(204);

        assertThat(call(session, get("/api/v1/audit/retention"), null).getStatus())
                .isEqualTo(403);
        assertThat(withKey(key, "/api/v1/audit/retention").getStatus()).isEqualTo(403);
        assertThat(body(session, get("/api/v1/me"))).contains("\"roles\":[\"attorney\"]");
        assertThat(TenantContext.callAs(firm, null, () -> roles.rolesOf(holder.id())))
                .containsExactly("attorney");
    }

    // --- the audit log

    @Test
    void everyRoleChangeIsAuditedWithKeysAndIdsOnly() throws Exception {
        var firm = aFirm();
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var session = http.signIn(admin);
        var person = withRole(firm, BuiltInRole.STAFF);
        String key = keyIn(call(session, post("/api/v1/roles"), """
                {"title":"Secret squirrel","description":"Hush-hush.","permissions":["clients.read"]}
                """));
        call(session, put("/api/v1/roles/" + key), """
                {"title":"Secret squirrel","description":"Hush-hush.","permissions":["clients.read","reports.read"]}
                """);
        call(session, put("/api/v1/roles/" + key), """
                {"title":"Quiet squirrel","description":"Hush-hush.","permissions":["reports.read"]}
                """);
        call(session, put("/api/v1/users/" + person.id() + "/roles"), """
                {"roles":["staff","%s"]}
                """.formatted(key));
        call(session, put("/api/v1/users/" + person.id() + "/roles"), """
                {"roles":["%s"]}
                """.formatted(key));
        call(session, delete("/api/v1/roles/" + key), null);

        var events = roleEvents(firm).stream()
                .filter(event -> event.actorType().equals("user"))
                .toList();
        assertThat(events)
                .extracting(Event::action)
                .containsExactly(
                        "role.created",
                        "role.changed",
                        "role.changed",
                        "role.assigned",
                        "role.removed",
                        "role.removed",
                        "role.deleted");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.actorId()).isEqualTo(admin.id().value());
            // The key is made from the first title once; titles and descriptions themselves stay out.
            assertThat(event.details()).contains("\"role\": \"").doesNotContain("Secret squirrel", "Quiet", "Hush");
        });
        assertThat(events.get(0).details()).contains("\"role\": \"" + key + "\"", "\"permissions\": \"clients.read\"");
        assertThat(events.get(1).details()).contains("\"added\": \"reports.read\"", "\"removed\": \"\"");
        assertThat(events.get(2).details())
                .contains("\"added\": \"\"", "\"removed\": \"clients.read\"", "\"title_changed\": \"true\"");
        assertThat(events.get(3))
                .extracting(Event::targetType, Event::targetId)
                .containsExactly("user", person.id().value());
        assertThat(events.get(3).details()).contains("\"role\": \"" + key + "\"");
        assertThat(events.get(4).details()).contains("\"role\": \"staff\"");
        assertThat(events.get(5).details()).contains("\"role\": \"" + key + "\"", "\"reason\": \"role_deleted\"");
        assertThat(events.get(6).details()).contains("\"holders\": \"1\"", "\"permissions\": \"reports.read\"");
        assertThat(events.get(6).targetType()).isEqualTo("role");
    }

    // --- PostgreSQL sees custom roles

    @Test
    void actingUserHoldsSeesACustomRolesPermissionsAsTheyAreNow() {
        var firm = aFirm();
        var other = aFirm();
        var holder = People.aPerson(accounts, firm);
        String walls = CustomRoleFixtures.customRole(customRoles, firm, "Wall keeper", "walls.read", "walls.manage");
        assertThat(holds(firm, holder, "walls.manage")).as("not yet given").isFalse();
        TenantContext.runAs(firm, null, () -> roles.give(Caller.operator(), holder.id(), walls));
        assertThat(holds(firm, holder, "walls.manage")).isTrue();
        assertThat(holds(firm, holder, "matters.read.all")).isFalse();
        assertThat(holds(other, holder, "walls.manage"))
                .as("bound to another firm, nothing")
                .isFalse();
        TenantContext.runAs(
                firm,
                null,
                () -> customRoles.change(
                        Caller.operator(), walls, new RoleDraft("Wall keeper", "", List.of("walls.read"))));
        assertThat(holds(firm, holder, "walls.manage")).isFalse();
        assertThat(holds(firm, holder, "walls.read")).isTrue();
        TenantContext.runAs(firm, null, () -> customRoles.delete(Caller.operator(), walls));
        assertThat(holds(firm, holder, "walls.read")).isFalse();
    }

    // --- other firms

    @Test
    void anotherFirmsRolesAndUsersAreNotFound() throws Exception {
        var firm = aFirm();
        var other = aFirm();
        var session = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        var stranger = withRole(other, BuiltInRole.STAFF);
        String theirs = CustomRoleFixtures.customRole(customRoles, other, "Their role", "clients.read");

        assertThat(call(session, get("/api/v1/roles/" + theirs), null).getStatus())
                .isEqualTo(404);
        assertThat(call(session, put("/api/v1/roles/" + theirs), """
                                {"title":"Ours now","description":"","permissions":["clients.read"]}
                                """).getStatus())
                .isEqualTo(404);
        assertThat(call(session, delete("/api/v1/roles/" + theirs), null).getStatus())
                .isEqualTo(404);
        assertThat(call(session, post("/api/v1/roles"), """
                                {"title":"Copied","copyOf":"%s"}
                                """.formatted(theirs)).getStatus())
                .isEqualTo(404);
        assertThat(body(session, get("/api/v1/roles"))).doesNotContain(theirs);
        assertThat(call(session, get("/api/v1/users/" + stranger.id() + "/roles"), null)
                        .getStatus())
                .isEqualTo(404);
        assertThat(call(session, put("/api/v1/users/" + stranger.id() + "/roles"), """
                                {"roles":["administrator"]}
                                """)
                        .getStatus())
                .isEqualTo(404);
        var mine = withRole(firm, BuiltInRole.STAFF);
        assertThat(call(session, put("/api/v1/users/" + mine.id() + "/roles"), """
                                {"roles":["%s"]}
                                """.formatted(theirs))
                        .getStatus())
                .as("another firm's role cannot be given either")
                .isEqualTo(404);

        assertThat(TenantContext.callAs(other, null, () -> customRoles.find(theirs)))
                .isPresent();
        assertThat(TenantContext.callAs(other, null, () -> roles.rolesOf(stranger.id())))
                .containsExactly("staff");
    }

    @Test
    void theRuntimeRoleSeesAndChangesOnlyTheBoundFirmsCustomRolesWithDirectSql() throws Exception {
        var firm = aFirm();
        var other = aFirm();
        String ours = CustomRoleFixtures.customRole(customRoles, firm, "Our role", "clients.read");
        String theirs = CustomRoleFixtures.customRole(customRoles, other, "Their other role", "clients.read");
        var person = People.aPerson(accounts, firm);
        var runtime = TestDatabase.shared().runtime();
        try (var connection = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password())) {
            connection.setAutoCommit(false);
            bind(connection, firm);
            assertThat(strings(connection, "SELECT key FROM lexvault.custom_roles"))
                    .containsExactly(ours);
            assertThat(strings(connection, "SELECT role FROM lexvault.custom_role_permissions"))
                    .containsExactly(ours);
            try (var update = connection.prepareStatement(
                    "UPDATE lexvault.custom_roles SET title = 'Taken over' WHERE key = ?")) {
                update.setString(1, theirs);
                assertThat(update.executeUpdate()).isZero();
            }
            try (var remove =
                    connection.prepareStatement("DELETE FROM lexvault.custom_role_permissions WHERE role = ?")) {
                remove.setString(1, theirs);
                assertThat(remove.executeUpdate()).isZero();
            }
            assertRefused(
                    connection,
                    "INSERT INTO lexvault.custom_role_permissions (tenant_id, role, permission) VALUES (?, ?, 'audit.read')",
                    other.value(),
                    theirs);
            assertRefused(
                    connection,
                    "INSERT INTO lexvault.role_assignments (tenant_id, user_id, role) VALUES (?, ?, ?)",
                    firm.value(),
                    person.id().value(),
                    theirs);
            assertRefused(
                    connection,
                    "INSERT INTO lexvault.role_assignments (tenant_id, user_id, role) VALUES (?, ?, ?)",
                    firm.value(),
                    person.id().value(),
                    "custom_never_made");
            connection.rollback();
        }
        assertThat(TenantContext.callAs(other, null, () -> customRoles.find(theirs))
                        .orElseThrow()
                        .title())
                .isEqualTo("Their other role");
    }

    @Test
    void aDeletedRoleCannotBeGivenOrGivenPermissionsEvenWithDirectSql() throws Exception {
        var firm = aFirm();
        String gone = CustomRoleFixtures.customRole(customRoles, firm, "Gone soon", "clients.read");
        TenantContext.runAs(firm, null, () -> customRoles.delete(Caller.operator(), gone));
        var person = People.aPerson(accounts, firm);
        var runtime = TestDatabase.shared().runtime();
        try (var connection = DriverManager.getConnection(runtime.jdbcUrl(), runtime.user(), runtime.password())) {
            connection.setAutoCommit(false);
            bind(connection, firm);
            assertRefused(
                    connection,
                    "INSERT INTO lexvault.role_assignments (tenant_id, user_id, role) VALUES (?, ?, ?)",
                    firm.value(),
                    person.id().value(),
                    gone);
            assertRefused(
                    connection,
                    "INSERT INTO lexvault.custom_role_permissions (tenant_id, role, permission) VALUES (?, ?, 'audit.read')",
                    firm.value(),
                    gone);
            connection.rollback();
        }
    }

    // --- invitations

    @Test
    void anInvitationMayNameACustomRoleTheInviterCouldGive(
            @Autowired Invitations invitations, @Autowired ApplicationEventPublisher events) {
        var firm = aFirm();
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        String desk = CustomRoleFixtures.customRole(customRoles, firm, "Reception", "clients.read");
        TenantContext.runAs(
                firm,
                admin.id().value(),
                () -> invitations.invite("reception-" + TestDatabase.randomName() + "@firm.example", List.of(desk)));
        assertThatThrownBy(() -> TenantContext.runAs(
                        firm,
                        admin.id().value(),
                        () -> invitations.invite(
                                "nobody-" + TestDatabase.randomName() + "@firm.example", List.of("custom_unheard_of"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("There is no role custom_unheard_of");

        String inviting = CustomRoleFixtures.customRole(
                customRoles, firm, "Inviter", "users.invite", "roles.assign", "clients.read");
        var inviter = People.aPerson(accounts, firm);
        TenantContext.runAs(firm, null, () -> roles.give(Caller.operator(), inviter.id(), inviting));
        assertThatThrownBy(() -> TenantContext.runAs(
                        firm,
                        inviter.id().value(),
                        () -> invitations.invite(
                                "boss-" + TestDatabase.randomName() + "@firm.example", List.of("administrator"))))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("you do not hold");

        var invited = People.aPerson(accounts, firm);
        TenantContext.runAs(
                firm,
                null,
                () -> transactions.executeWithoutResult(status -> events.publishEvent(new InvitationAccepted(
                        firm.value(), invited.id().value(), List.of(desk, "custom_deleted_since", "staff")))));
        assertThat(TenantContext.callAs(firm, null, () -> roles.rolesOf(invited.id())))
                .containsExactlyInAnyOrder(desk, "staff");
        assertThat(roleEvents(firm))
                .filteredOn(event -> invited.id().value().equals(event.targetId()))
                .extracting(Event::action)
                .containsExactly("role.assigned", "role.assigned");
    }

    // --- helpers

    private TenantId aFirm() {
        return aFirm("Roles");
    }

    private java.util.Set<Permission> permissionsOf(TenantId firm, String key) {
        return TenantContext.callAs(
                firm, null, () -> customRoles.find(key).orElseThrow().permissions());
    }

    private MockHttpServletResponse call(Cookie session, MockHttpServletRequestBuilder request, String json)
            throws Exception {
        request.cookie(session).with(csrf());
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private String body(Cookie session, MockHttpServletRequestBuilder request) throws Exception {
        var response = call(session, request, null);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString();
    }

    private MockHttpServletResponse withKey(String key, String path) throws Exception {
        return mvc.perform(get(path).header("Authorization", "Bearer " + key))
                .andReturn()
                .getResponse();
    }

    private static String keyIn(MockHttpServletResponse response) throws Exception {
        var matcher = KEY.matcher(response.getContentAsString());
        assertThat(matcher.find()).as(response.getContentAsString()).isTrue();
        return matcher.group(1);
    }

    private boolean holds(TenantId firm, Person person, String permission) {
        return DatabasePermissions.holds(jdbc, transactions, firm, person, permission);
    }

    private List<Event> roleEvents(TenantId firm) {
        return TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql("""
                                SELECT action, actor_type, actor_id, target_type, target_id, details::text AS details
                                  FROM lexvault.audit_events
                                 WHERE tenant_id = :tenant AND action LIKE 'role.%'
                                 ORDER BY occurred_at, id
                                """)
                        .param("tenant", firm.value())
                        .query((row, n) -> new Event(
                                row.getString("action"),
                                row.getString("actor_type"),
                                row.getObject("actor_id", UUID.class),
                                row.getString("target_type"),
                                row.getObject("target_id", UUID.class),
                                row.getString("details")))
                        .list()));
    }

    private static void bind(Connection connection, TenantId firm) throws SQLException {
        try (var bind = connection.prepareStatement(
                "SELECT set_config('lexvault.tenant_id', ?, true),"
                        + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true)")) {
            bind.setString(1, firm.toString());
            bind.execute();
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        var values = new java.util.ArrayList<String>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The statement fails; a savepoint keeps the transaction (and its binding) usable afterwards. */
    private static void assertRefused(Connection connection, String sql, Object... parameters) throws SQLException {
        var savepoint = connection.setSavepoint();
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            assertThatThrownBy(statement::executeUpdate).as(sql).isInstanceOf(SQLException.class);
        } finally {
            connection.rollback(savepoint);
        }
    }
}
