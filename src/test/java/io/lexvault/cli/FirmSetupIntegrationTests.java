package io.lexvault.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.demo.DemoCommand;
import io.lexvault.demo.DemoFirm;
import io.lexvault.identity.EmailTakenException;
import io.lexvault.identity.GeneratedPasswords;
import io.lexvault.identity.PasswordRejectedException;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;

/** What `lexvault admin create-firm` and `lexvault demo` set up, checked by signing in. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class FirmSetupIntegrationTests extends FirmWebTest {

    @Autowired
    ApplicationContext context;

    @Test
    void createdFirmsAdministratorSignsInWithTheAdministratorRole() throws Exception {
        String slug = "firm-" + TestDatabase.randomName();
        String email = "admin-" + TestDatabase.randomName() + "@smith.example";
        String password = GeneratedPasswords.generate();
        new FirmSetup(context).createFirm("Smith & Partners " + slug, slug, email, "Ann Smith", password);
        String me = meAs(email, password);
        assertThat(me).contains("\"slug\":\"" + slug + "\"", "\"roles\":[\"administrator\"]", "Ann Smith");
    }

    @Test
    void refusedAdministratorLeavesNoFirmBehind() {
        var setup = new FirmSetup(context);
        String slug = "firm-" + TestDatabase.randomName();
        assertThatThrownBy(() -> setup.createFirm("Weak Ltd", slug, "a-" + slug + "@weak.example", "A", "password1234"))
                .isInstanceOf(PasswordRejectedException.class);
        assertThat(tenants.findIdBySlug(slug)).isEmpty();
        assertThatThrownBy(() -> setup.createFirm(
                        "Nameless Ltd", slug, "n-" + slug + "@nameless.example", "   ", GeneratedPasswords.generate()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tenants.findIdBySlug(slug)).isEmpty();

        String taken = "taken-" + TestDatabase.randomName() + "@dup.example";
        setup.createFirm("First " + slug, slug + "-1", taken, "A", GeneratedPasswords.generate());
        assertThatThrownBy(() -> setup.createFirm("Second", slug + "-2", taken, "B", GeneratedPasswords.generate()))
                .isInstanceOf(EmailTakenException.class);
        assertThat(tenants.findIdBySlug(slug + "-2")).isEmpty();
    }

    @Test
    void demoSeedsOneUserPerBuiltInRoleOnceAndEachCanSignIn() throws Exception {
        // The run's database is new, and no other in-process test seeds the demo firm.
        assertThat(tenants.findIdBySlug(DemoFirm.SLUG)).isEmpty();
        String password = GeneratedPasswords.generate();
        DemoCommand.seed(context, password);
        var demo = tenants.findIdBySlug(DemoFirm.SLUG).orElseThrow();
        var seeded = TenantContext.callAs(demo, null, () -> accounts.all());
        assertThat(seeded).hasSize(BuiltInRole.values().length);

        DemoCommand.seed(context, GeneratedPasswords.generate()); // a second start changes nothing
        assertThat(TenantContext.callAs(demo, null, () -> accounts.all())).containsExactlyInAnyOrderElementsOf(seeded);
        for (var role : BuiltInRole.values()) {
            assertThat(meAs(DemoFirm.emailFor(role), password)).contains("\"roles\":[\"" + role.key() + "\"]");
        }

        // The demo's ethical wall: the attorney sees the walled matter, the screened paralegal (on its
        // team too) finds it neither in the list nor by its id.
        String attorneyList = getAs(DemoFirm.emailFor(BuiltInRole.ATTORNEY), password, "/api/v1/matters");
        assertThat(attorneyList).contains(DemoFirm.WALLED_MATTER_NUMBER, "2024-0001");
        String walledId = attorneyList.replaceAll(
                ".*\\{\"id\":\"([0-9a-f-]{36})\"[^}]*\"number\":\"" + DemoFirm.WALLED_MATTER_NUMBER + "\".*", "$1");
        assertThat(walledId).hasSize(36);
        String paralegal = DemoFirm.emailFor(BuiltInRole.PARALEGAL);
        assertThat(getAs(paralegal, password, "/api/v1/matters"))
                .contains("2024-0001")
                .doesNotContain(DemoFirm.WALLED_MATTER_NUMBER)
                .doesNotContain(walledId);
        assertThat(statusAs(paralegal, password, "/api/v1/matters/" + walledId)).isEqualTo(404);
        assertThat(statusAs(DemoFirm.emailFor(BuiltInRole.ATTORNEY), password, "/api/v1/matters/" + walledId))
                .isEqualTo(200);

        // Demo matters carry their details, one is closed, and the next automatic number follows the
        // firm's default format; demo clients have a kind and contact details.
        String closed = getAs(DemoFirm.emailFor(BuiltInRole.ATTORNEY), password, "/api/v1/matters?status=closed");
        assertThat(closed).contains("\"number\":\"2024-0002\"", "\"practiceArea\":\"Commercial litigation\"");
        assertThat(closed).doesNotContain("2024-0001");
        assertThat(attorneyList).contains("\"responsibleAttorneyId\":\"", "\"openedOn\":\"2024-02-12\"");
        String clientList = getAs(DemoFirm.emailFor(BuiltInRole.ATTORNEY), password, "/api/v1/clients?sort=name");
        assertThat(clientList).contains("\"kind\":\"person\"", "\"kind\":\"organisation\"", "legal@northwind.example");
        String admin = DemoFirm.emailFor(BuiltInRole.ADMINISTRATOR);
        assertThat(getAs(admin, password, "/api/v1/firm/matter-number-format"))
                .contains("\"format\":\"{YYYY}-{SEQ:4}\"");

        // Demo matters have parties and real documents (one in two versions), seeded once; the walled
        // matter's opposing party is found by the screened paralegal's conflict check only as a restricted
        // hit (nothing of the matter, and whom to ask), and in full by the intake coordinator.
        String attorney = DemoFirm.emailFor(BuiltInRole.ATTORNEY);
        String leaseId =
                attorneyList.replaceAll(".*\\{\"id\":\"([0-9a-f-]{36})\"[^}]*\"number\":\"2024-0001\".*", "$1");
        String documents = getAs(attorney, password, "/api/v1/matters/" + leaseId + "/documents?sort=title");
        assertThat(documents)
                .contains("\"title\":\"Engagement letter\"", "\"title\":\"Heads of terms (draft)\"")
                .contains("\"total\":3");
        assertThat(documents.replaceAll(".*(\"title\":\"Attendance note 4 March\"[^}]*).*", "$1"))
                .contains("\"currentVersion\":2");
        assertThat(getAs(attorney, password, "/api/v1/matters/" + walledId + "/parties"))
                .contains("M\u00fcller GmbH");
        DemoCommand.seed(context, GeneratedPasswords.generate()); // a third start adds no documents either
        assertThat(getAs(attorney, password, "/api/v1/matters/" + leaseId + "/documents"))
                .contains("\"total\":3");
        // Search: the demo documents are indexed after their uploads commit; the attorney finds the
        // walled matter's memo by "muller" (Müller), the screened paralegal nothing of that matter.
        var attorneySession = sessionOf(attorney, password);
        String found = "";
        for (int attempt = 0; attempt < 300 && !found.contains(walledId); attempt++) {
            Thread.sleep(200);
            found = mvc.perform(get("/api/v1/search?q=muller").cookie(attorneySession))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
        }
        assertThat(found).contains(walledId, "Memo on the tender challenge", "<mark>");
        assertThat(getAs(paralegal, password, "/api/v1/search?q=muller"))
                .doesNotContain(walledId)
                .doesNotContain("Memo on the tender challenge");
        String check = mvc.perform(post("/api/v1/conflicts")
                        .cookie(sessionOf(paralegal, password))
                        .with(csrf())
                        .contentType("application/json")
                        .content("{\"name\":\"muller gmbh\"}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(check)
                .contains("\"restricted\":[{\"term\":1,\"searched\":\"muller gmbh\"}]")
                .contains(DemoFirm.emailFor(BuiltInRole.INTAKE_COORDINATOR))
                .doesNotContain(DemoFirm.WALLED_MATTER_NUMBER, "opposing_party")
                .doesNotContain("Bridge tender", "Competing bidder", "Harbor");
        String intake = DemoFirm.emailFor(BuiltInRole.INTAKE_COORDINATOR);
        assertThat(mvc.perform(post("/api/v1/conflicts")
                                .cookie(sessionOf(intake, password))
                                .with(csrf())
                                .contentType("application/json")
                                .content("{\"name\":\"muller gmbh\"}"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("\"matterNumber\":\"" + DemoFirm.WALLED_MATTER_NUMBER + "\"", "opposing_party")
                .doesNotContain("Bridge tender", "Competing bidder");
    }

    private String getAs(String email, String password, String path) throws Exception {
        var response = mvc.perform(get(path).cookie(sessionOf(email, password)))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private int statusAs(String email, String password, String path) throws Exception {
        return mvc.perform(get(path).cookie(sessionOf(email, password)))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    private jakarta.servlet.http.Cookie sessionOf(String email, String password) throws Exception {
        var signIn = MockSignIn.signIn(mvc, email, password);
        assertThat(signIn.getRedirectedUrl()).isEqualTo("/");
        return signIn.getCookie("__Host-lexvault");
    }

    @Test
    void passwordFromStandardInputKeepsEverythingButTheFinalLineBreak() throws Exception {
        assertThat(CreateFirmCommand.readPassword(stdin("  spaced passphrase here  \n")))
                .isEqualTo("  spaced passphrase here  ");
        assertThat(CreateFirmCommand.readPassword(stdin("windows line end\r\n")))
                .isEqualTo("windows line end");
        assertThatThrownBy(() -> CreateFirmCommand.readPassword(stdin("\n")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slugIsMadeFromTheName() {
        assertThat(io.lexvault.tenancy.Tenants.slugFor("Smith & Partners LLP")).isEqualTo("smith-partners-llp");
        assertThat(io.lexvault.tenancy.Tenants.slugFor("  --Ünïcode Law--  ")).isEqualTo("unicode-law");
    }

    private String meAs(String email, String password) throws Exception {
        var me = mvc.perform(get("/api/v1/me").cookie(sessionOf(email, password)))
                .andReturn()
                .getResponse();
        assertThat(me.getStatus()).isEqualTo(200);
        return me.getContentAsString();
    }

    private static ByteArrayInputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
