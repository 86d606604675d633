package io.lexvault.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.access.BuiltInRole;
import io.lexvault.testsupport.DemoLikeFirm;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import io.lexvault.testsupport.People;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;

/**
 * The home dashboard: where sign-in lands, the caller's own matters and recent documents inside the
 * walls, their account's tasks, and the header's navigation by permission.
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class HomePageIntegrationTests extends FirmWebTest {

    @Autowired
    ApplicationContext context;

    private DemoLikeFirm firm;

    @BeforeEach
    void firm() {
        firm = DemoLikeFirm.create(context);
    }

    @Test
    void signInLandsOnTheHomeDashboard() throws Exception {
        var response =
                MockSignIn.signIn(mvc, firm.attorney().email(), firm.attorney().password());
        assertThat(response.getRedirectedUrl()).isEqualTo("/");

        String home = http.page(MockSignIn.sessionOf(response), "/");
        assertThat(home)
                .contains("<title>Home · LexVault</title>", "id=\"my-matters\"", "Warehouse lease renewal")
                .contains(firm.walledNumber(), "id=\"recent-documents\"", "Engagement letter")
                .contains(firm.walledDocumentTitle())
                // Closed matters are not "my matters" any more.
                .doesNotContain("Supply agreement dispute");
    }

    @Test
    void aWalledMatterNeverAppearsOnTheParalegalsDashboard() throws Exception {
        String home = http.page(http.signIn(firm.paralegal()), "/");
        assertThat(home)
                .as("the paralegal is on the walled matter's team, and the wall wins")
                .contains("Warehouse lease renewal", "Engagement letter")
                .doesNotContain(firm.walledNumber(), "Bridge tender challenge", firm.walledDocumentTitle());
    }

    @Test
    void theHomeListsTheAccountsOpenTasks() throws Exception {
        String home = http.page(http.signIn(firm.attorney()), "/");
        assertThat(home).contains("id=\"task-verify_email\"", "id=\"task-turn_on_two_factor\"");
    }

    @Test
    void navigationShowsAdminOnlyToThoseWhoMay() throws Exception {
        String admin = http.page(http.signIn(firm.administrator()), "/");
        assertThat(admin)
                .contains(
                        "id=\"admin-menu\"", "href=\"/admin/users\"", "href=\"/admin/roles\"", "href=\"/admin/walls\"")
                .contains("href=\"/admin/audit\"", "href=\"/matters\"", "href=\"/clients\"", "href=\"/conflicts\"");

        // The attorney reads roles, nothing else of the admin pages; the paralegal and staff nothing.
        assertThat(http.page(http.signIn(firm.attorney()), "/"))
                .contains("id=\"admin-menu\"", "href=\"/admin/roles\"")
                .doesNotContain("href=\"/admin/users\"", "href=\"/admin/audit\"", "href=\"/admin/walls\"");
        var staff = People.withRoles(accounts, roles, firm.firm(), BuiltInRole.STAFF);
        for (var person : new People.Person[] {firm.paralegal(), staff}) {
            String page = http.page(http.signIn(person), "/matters");
            assertThat(page)
                    .contains("aria-label=\"Main\"", "href=\"/matters\"", "aria-current=\"page\"")
                    .doesNotContain("id=\"admin-menu\"", "href=\"/admin/users\"", "href=\"/admin/audit\"");
        }
    }

    @Test
    void signedOutPagesHaveOneHeaderWithoutAccountLinks() throws Exception {
        for (String path : new String[] {"/login", "/password-reset"}) {
            var page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path))
                    .andReturn()
                    .getResponse();
            assertThat(page.getStatus()).as(path).isEqualTo(200);
            String html = page.getContentAsString();
            assertThat(html.split("<header", -1)).as(path).hasSize(2);
            assertThat(html).as(path).doesNotContain("/logout", "href=\"/account\"", "Sign out");
        }
    }
}
