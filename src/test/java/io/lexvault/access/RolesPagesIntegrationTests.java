package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.roles.Roles;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.CustomRoleFixtures;
import io.lexvault.testsupport.FirmWebTest;
import jakarta.servlet.http.Cookie;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The roles page and the role column of the people page, as administrators and others use them. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class RolesPagesIntegrationTests extends FirmWebTest {

    @Autowired
    Roles customRoles;

    @Test
    void theRolesPageShowsEveryRoleWithItsPermissionsGroupedAndDescribed() throws Exception {
        var firm = aFirm();
        var admin = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        CustomRoleFixtures.customRole(customRoles, firm, "Conflicts clerk", "conflicts.check", "clients.read");
        String page = http.page(admin, "/admin/roles");
        assertThat(page)
                .contains("Administrator", "Intake coordinator", "Auditor", "Conflicts clerk", "(custom)")
                .contains(Permission.AUDIT_READ.description(), Permission.CONFLICTS_CHECK.description())
                .contains("Audit log", "Read the audit log", "Matters", "Run conflict checks")
                .doesNotContain("<code>audit.read</code>")
                .contains("Create a role", "Copy Auditor", "Edit Conflicts clerk", "Delete Conflicts clerk")
                .doesNotContain("Edit Auditor", "Delete Auditor")
                .doesNotContain("<script");
        assertThat(http.page(admin, "/account")).contains("id=\"roles-link\"");
    }

    @Test
    void theMatrixEditsACustomRoleAndOffersNoFeatureToCome() throws Exception {
        var firm = aFirm();
        var admin = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        CustomRoleFixtures.customRole(customRoles, firm, "Archivist", "clients.read", "reports.read");
        String page = http.page(admin, "/admin/roles");
        var role = only(firm);
        // A matrix: one checkbox per offered permission for the custom role, in that role's form.
        assertThat(page)
                .contains("id=\"role-matrix\"", "form=\"matrix-" + role.key() + "\"", "Save Archivist")
                .containsPattern("value=\"clients\\.read\"\\s+form=\"matrix-" + role.key() + "\"[^>]*checked");
        // Features to come are neither shown nor offered, but a role holding one keeps it.
        assertThat(page).doesNotContain("See reports", "value=\"reports.read\" form=", "Rotate encryption keys");
        assertThat(page).contains("value=\"reports.read\"").contains("Ask the assistant");
        assertThat(http.page(admin, "/admin/roles/new")).doesNotContain("reports.read", "webhooks.manage");

        send(
                admin,
                post("/admin/roles/" + role.key())
                        .param("title", "Archivist")
                        .param("description", "")
                        .param("permission", "clients.read")
                        .param("permission", "matters.read")
                        .param("permission", "reports.read"));
        assertThat(only(firm).permissionKeys()).containsExactly("clients.read", "matters.read", "reports.read");
    }

    @Test
    void anAdministratorCreatesCopiesEditsAndDeletesRolesThroughTheForms() throws Exception {
        var firm = aFirm();
        var admin = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));

        assertThat(http.page(admin, "/admin/roles/new?copyOf=auditor"))
                .contains("value=\"Copy of Auditor\"")
                .containsPattern("value=\"audit\\.read\"\\s+checked")
                .containsPattern("name=\"_csrf\"");
        var created = send(
                admin,
                post("/admin/roles")
                        .param("title", "Junior auditor")
                        .param("description", "Reads the log.")
                        .param("permission", "audit.read")
                        .param("copyOf", "auditor"));
        assertThat(created.getResponse().getRedirectedUrl()).isEqualTo("/admin/roles");
        var role = only(firm);
        assertThat(role.title()).isEqualTo("Junior auditor");
        assertThat(role.copiedFrom()).isEqualTo("auditor");
        assertThat(role.permissionKeys()).containsExactly("audit.read");

        assertThat(http.page(admin, "/admin/roles/" + role.key() + "/edit")).contains("value=\"Junior auditor\"");
        var refused = send(
                admin, post("/admin/roles/" + role.key()).param("title", " ").param("permission", "audit.read"));
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/admin/roles/" + role.key() + "/edit");
        assertThat(refused.getFlashMap().get("problem")).isEqualTo("A role's title is required (1 to 100 characters).");
        send(
                admin,
                post("/admin/roles/" + role.key())
                        .param("title", "Log reader")
                        .param("description", "")
                        .param("permission", "audit.read")
                        .param("permission", "audit.export"));
        assertThat(only(firm).permissionKeys()).containsExactly("audit.export", "audit.read");
        assertThat(only(firm).title()).isEqualTo("Log reader");

        // Asked first (nothing deleted), then deleted once confirmed.
        var asked = send(admin, post("/admin/roles/" + role.key() + "/delete"));
        assertThat(asked.getResponse().getContentAsString())
                .contains("Delete the role Log reader?")
                .contains("Nobody holds it now.")
                .contains("name=\"confirmed\" value=\"yes\"");
        assertThat(customRoles(firm)).hasSize(1);
        var deleted = send(admin, post("/admin/roles/" + role.key() + "/delete").param("confirmed", "yes"));
        assertThat(deleted.getFlashMap().get("notice")).isEqualTo("The role is deleted.");
        assertThat(customRoles(firm)).isEmpty();
    }

    @Test
    void builtInRolesHaveNoEditFormAndRefuseChanges() throws Exception {
        var firm = aFirm();
        var admin = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        assertThat(mvc.perform(get("/admin/roles/attorney/edit").cookie(admin))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        var change = send(admin, post("/admin/roles/attorney").param("title", "Lawyer"));
        assertThat(change.getFlashMap().get("problem").toString()).contains("Built-in roles cannot be changed");
        var delete = send(admin, post("/admin/roles/attorney/delete"));
        assertThat(delete.getFlashMap().get("problem").toString()).contains("Built-in roles cannot be deleted");
        assertThat(TenantContext.callAs(firm, null, () -> customRoles.find("attorney"))
                        .orElseThrow()
                        .title())
                .isEqualTo("Attorney");
    }

    @Test
    void formsNeedTheirPermissionAndACsrfToken() throws Exception {
        var firm = aFirm();
        var attorney = http.signIn(withRole(firm, BuiltInRole.ATTORNEY));
        assertThat(http.page(attorney, "/admin/roles")).contains("Attorney").doesNotContain("Create a role", "Copy ");
        assertThat(send(attorney, post("/admin/roles").param("title", "Mine"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/admin/roles/new").cookie(attorney))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        var admin = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        assertThat(mvc.perform(post("/admin/roles").cookie(admin).param("title", "Forged"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("no CSRF token")
                .isEqualTo(403);
        var staff = http.signIn(withRole(firm, BuiltInRole.STAFF));
        assertThat(mvc.perform(get("/admin/roles").cookie(staff))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("staff do not hold roles.read")
                .isEqualTo(403);
        assertThat(http.page(staff, "/account")).doesNotContain("roles-link");
        assertThat(customRoles(firm)).isEmpty();
    }

    @Test
    void thePeoplePageShowsRolesAndGivesAndTakesThem() throws Exception {
        var firm = aFirm();
        var admin = http.signIn(withRole(firm, BuiltInRole.ADMINISTRATOR));
        var person = withRole(firm, BuiltInRole.STAFF);
        String clerk = CustomRoleFixtures.customRole(customRoles, firm, "Filing clerk", "documents.upload");
        var other = withRole(aFirm(), BuiltInRole.STAFF);

        String page = http.page(admin, "/admin/users");
        assertThat(page)
                .contains("<th scope=\"col\">Roles</th>", "Staff", "Give role", "take away")
                .contains("value=\"" + clerk + "\">Filing clerk</option>");

        // The picker starts on no role, never on Administrator.
        assertThat(page)
                .contains("<option value=\"\" selected>Choose a role</option>")
                .doesNotContain("value=\"administrator\" selected");
        // Giving a role asks first, naming the role and the person; nothing changes until confirmed.
        var asked = send(
                admin,
                post("/admin/users/roles/give")
                        .param("id", person.id().toString())
                        .param("role", clerk));
        assertThat(asked.getResponse().getStatus()).isEqualTo(200);
        assertThat(asked.getResponse().getContentAsString())
                .contains("Give " + "Test Person" + " the role Filing clerk?", "name=\"confirmed\" value=\"yes\"");
        assertThat(TenantContext.callAs(firm, null, () -> roles.rolesOf(person.id())))
                .containsExactly("staff");
        var nothingChosen = send(
                admin,
                post("/admin/users/roles/give")
                        .param("id", person.id().toString())
                        .param("role", ""));
        assertThat(nothingChosen.getFlashMap().get("problem")).isEqualTo("Choose a role to give.");
        var given = send(
                admin,
                post("/admin/users/roles/give")
                        .param("id", person.id().toString())
                        .param("role", clerk)
                        .param("confirmed", "yes"));
        assertThat(given.getResponse().getRedirectedUrl()).isEqualTo("/admin/users");
        assertThat(given.getFlashMap().get("notice"))
                .isEqualTo("Gave " + "Test Person" + " the role Filing clerk; it applies from their next step.");
        send(
                admin,
                post("/admin/users/roles/take")
                        .param("id", person.id().toString())
                        .param("role", "staff"));
        assertThat(TenantContext.callAs(firm, null, () -> roles.rolesOf(person.id())))
                .containsExactly(clerk);

        var stranger = send(
                admin,
                post("/admin/users/roles/give")
                        .param("id", other.id().toString())
                        .param("role", "staff")
                        .param("confirmed", "yes"));
        assertThat(stranger.getFlashMap().get("problem")).isEqualTo("There is no such person in your firm.");
        assertThat(TenantContext.callAs(other.firm(), null, () -> roles.rolesOf(other.id())))
                .containsExactly("staff");

        var attorney = http.signIn(withRole(firm, BuiltInRole.ATTORNEY));
        assertThat(http.page(attorney, "/admin/users"))
                .contains("Filing clerk")
                .doesNotContain("Give role", "take away");
        assertThat(send(
                                attorney,
                                post("/admin/users/roles/give")
                                        .param("id", person.id().toString())
                                        .param("role", "staff"))
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    private TenantId aFirm() {
        return aFirm("Pages");
    }

    private List<Role> customRoles(TenantId firm) {
        return TenantContext.callAs(firm, null, () -> customRoles.all()).stream()
                .filter(role -> !role.builtIn())
                .toList();
    }

    private Role only(TenantId firm) {
        var all = customRoles(firm);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private MvcResult send(Cookie session, MockHttpServletRequestBuilder form) throws Exception {
        return mvc.perform(form.cookie(session).with(csrf())).andReturn();
    }
}
