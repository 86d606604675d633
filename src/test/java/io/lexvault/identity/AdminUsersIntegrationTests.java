package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.MutableClockConfiguration;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.SecurityEventRecorder;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;

/** What administrators do to people's accounts, and that it stays inside their own firm. */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
@Import({MutableClockConfiguration.class, SecurityEventRecorder.class})
class AdminUsersIntegrationTests extends FirmWebTest {

    @Test
    void anAdministratorLiftsALock() throws Exception {
        var firm = aFirm("Admin");
        var admin = MockSignIn.sessionOf(signIn(withRole(firm, BuiltInRole.ADMINISTRATOR)));
        var locked = withRole(firm, BuiltInRole.STAFF);
        for (int i = 0; i < 5; i++) {
            signIn(locked.email(), "wrong " + i);
        }
        assertThat(signIn(locked).getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(mvc.perform(get("/admin/users").cookie(admin))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(locked.email(), "Unlock");
        act(admin, "/admin/users/unlock", locked);
        assertThat(signIn(locked).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void deactivationEndsSessionsAndSignInUntilReactivated() throws Exception {
        var firm = aFirm("Admin");
        var admin = MockSignIn.sessionOf(signIn(withRole(firm, BuiltInRole.ADMINISTRATOR)));
        var leaver = withRole(firm, BuiltInRole.ATTORNEY);
        Cookie session = MockSignIn.sessionOf(signIn(leaver));
        act(admin, "/admin/users/deactivate", leaver);
        assertThat(mvc.perform(get("/api/v1/me").cookie(session))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
        assertThat(signIn(leaver).getRedirectedUrl()).isEqualTo("/login?error");
        act(admin, "/admin/users/reactivate", leaver);
        assertThat(signIn(leaver).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void anAdministratorRequiresTwoFactorForTheWholeFirm() throws Exception {
        var firm = aFirm("Policy");
        var admin = MockSignIn.sessionOf(signIn(withRole(firm, BuiltInRole.ADMINISTRATOR)));
        var colleague = withRole(firm, BuiltInRole.PARALEGAL);
        var attorney = MockSignIn.sessionOf(signIn(withRole(firm, BuiltInRole.ATTORNEY)));
        mvc.perform(post("/admin/users/mfa-policy")
                .cookie(admin)
                .param("required", "true")
                .param("confirmed", "yes")
                .with(csrf()));
        assertThat(signIn(colleague).getRedirectedUrl()).isEqualTo("/account/two-factor");
        assertThat(http.statusOf(attorney, post("/admin/users/mfa-policy").param("required", "false"), null))
                .isEqualTo(403);
    }

    @Test
    void takingTheRoleAwayTakesThePermissionAwayAtTheNextRequest() throws Exception {
        var firm = aFirm("Demoted");
        var demoted = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var session = MockSignIn.sessionOf(signIn(demoted));
        var colleague = withRole(firm, BuiltInRole.STAFF);
        TenantContext.runAs(firm, null, () -> roles.remove(demoted.id(), BuiltInRole.ADMINISTRATOR));
        assertThat(act(session, "/admin/users/deactivate", colleague).getStatus())
                .isEqualTo(403);
        assertThat(signIn(colleague).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void administrativeChangesNeedAFreshProofOfIdentity(@Autowired io.lexvault.testsupport.MutableClock clock)
            throws Exception {
        var firm = aFirm("Step-up");
        var admin = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var session = MockSignIn.sessionOf(signIn(admin));
        var colleague = withRole(firm, BuiltInRole.STAFF);
        try {
            clock.advance(java.time.Duration.ofMinutes(6));
            assertThat(act(session, "/admin/users/deactivate", colleague).getRedirectedUrl())
                    .isEqualTo("/account/confirm?next=/admin/users");
            assertThat(signIn(colleague).getRedirectedUrl())
                    .as("nothing happened")
                    .isEqualTo("/");
            var confirmed = mvc.perform(post("/account/confirm")
                            .cookie(session)
                            .param("secret", admin.password())
                            .param("next", "/admin/users")
                            .with(csrf()))
                    .andReturn()
                    .getResponse();
            assertThat(confirmed.getRedirectedUrl()).isEqualTo("/admin/users");
            act(session, "/admin/users/deactivate", colleague);
            assertThat(signIn(colleague).getRedirectedUrl()).isEqualTo("/login?error");
        } finally {
            clock.reset();
        }
    }

    @Test
    void withoutThePermissionTheActionsAreForbidden() throws Exception {
        var firm = aFirm("Admin");
        var attorney = MockSignIn.sessionOf(signIn(withRole(firm, BuiltInRole.ATTORNEY)));
        var colleague = withRole(firm, BuiltInRole.STAFF);
        for (String action :
                new String[] {"/admin/users/unlock", "/admin/users/reset-two-factor", "/admin/users/deactivate"}) {
            assertThat(act(attorney, action, colleague).getStatus()).as(action).isEqualTo(403);
        }
        assertThat(signIn(colleague).getRedirectedUrl()).isEqualTo("/");
    }

    @Test
    void anAdministratorCannotReachAnotherFirmsPeople() throws Exception {
        var firmA = aFirm("A");
        var firmB = aFirm("B");
        var adminA = MockSignIn.sessionOf(signIn(withRole(firmA, BuiltInRole.ADMINISTRATOR)));
        var outsider = withRole(firmB, BuiltInRole.ATTORNEY);
        Cookie outsiderSession = MockSignIn.sessionOf(signIn(outsider));
        act(adminA, "/admin/users/deactivate", outsider);
        act(adminA, "/admin/users/reset-two-factor", outsider);
        assertThat(mvc.perform(get("/admin/users").cookie(adminA))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(outsider.email());
        assertThat(mvc.perform(get("/api/v1/me").cookie(outsiderSession))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("the other firm's user is untouched")
                .isEqualTo(200);
        assertThat(signIn(outsider).getRedirectedUrl()).isEqualTo("/");
    }

    /** The action, confirmed (the page's confirmation form posts {@code confirmed=yes}). */
    private MockHttpServletResponse act(Cookie session, String path, Person target) throws Exception {
        return mvc.perform(post(path)
                        .cookie(session)
                        .param("id", target.id().toString())
                        .param("confirmed", "yes")
                        .with(csrf()))
                .andReturn()
                .getResponse();
    }

    @Test
    void deactivatingResettingTwoFactorAndRequiringItAskForConfirmationFirst() throws Exception {
        var firm = aFirm("Confirm");
        var admin = MockSignIn.sessionOf(signIn(withRole(firm, BuiltInRole.ADMINISTRATOR)));
        var colleague = withRole(firm, BuiltInRole.STAFF);
        var colleagueSession = MockSignIn.sessionOf(signIn(colleague));
        String page = mvc.perform(get("/admin/users").cookie(admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("class=\"danger\">Deactivate", "class=\"danger\">Reset two-factor");
        for (String action : new String[] {"/admin/users/deactivate", "/admin/users/reset-two-factor"}) {
            var asked = mvc.perform(post(action)
                            .cookie(admin)
                            .param("id", colleague.id().toString())
                            .with(csrf()))
                    .andReturn()
                    .getResponse();
            assertThat(asked.getStatus()).as(action).isEqualTo(200);
            assertThat(asked.getContentAsString())
                    .contains("Test Person", "id=\"confirm-form\"", "name=\"confirmed\" value=\"yes\"")
                    .contains("action=\"" + action + "\"", "href=\"/admin/users\"");
        }
        assertThat(mvc.perform(get("/api/v1/me").cookie(colleagueSession))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("nothing happened before the confirmation")
                .isEqualTo(200);
        var asked = mvc.perform(post("/admin/users/mfa-policy")
                        .cookie(admin)
                        .param("required", "true")
                        .with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(asked.getContentAsString()).contains("Require two-factor authentication for everyone?");
        assertThat(signIn(colleague).getRedirectedUrl()).as("not required yet").isEqualTo("/");
        var done = act(admin, "/admin/users/deactivate", colleague);
        assertThat(done.getRedirectedUrl()).isEqualTo("/admin/users");
        assertThat(mvc.perform(get("/api/v1/me").cookie(colleagueSession))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    private MockHttpServletResponse signIn(Person person) throws Exception {
        return signIn(person.email(), person.password());
    }

    private MockHttpServletResponse signIn(String email, String password) throws Exception {
        return MockSignIn.signIn(mvc, email, password);
    }
}
