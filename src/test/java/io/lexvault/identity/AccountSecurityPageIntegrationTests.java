package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.access.BuiltInRole;
import io.lexvault.identity.internal.AccountTimeZones;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.MockSignIn;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The account page as a security page: two-factor status with a nudge while it is off, this session
 * first among the sessions, and the time zone every page's times are shown in (taken from the browser
 * at the first sign-in, changed here, never set to something that is not a zone).
 */
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class AccountSecurityPageIntegrationTests extends FirmWebTest {

    @Autowired
    AccountTimeZones timeZones;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void apiKeyScopesAreGroupedDescribedAndOfferedAsPresets() throws Exception {
        var person = withRole(aFirm("Scopes"), BuiltInRole.ATTORNEY);
        var session = http.signIn(person);
        String page = http.page(session, "/account/api-keys");
        assertThat(page)
                .contains("<legend>Documents</legend>", "Upload documents", "Upload documents and new versions.")
                .contains("value=\"read-only\"", "value=\"documents\"", "value=\"full\"")
                // Attorneys hold reports.read and exports.create, features to come: not offered as scopes.
                .doesNotContain("value=\"reports.read\"", "value=\"exports.create\"")
                .doesNotContain(">documents.upload<");

        mvc.perform(post("/account/api-keys")
                .param("name", "Reader")
                .param("days", "30")
                .param("preset", "read-only")
                .cookie(session)
                .with(csrf()));
        var key = as(person, () -> apiKeys.ownedBy(person.id())).getFirst();
        assertThat(key.scopes())
                .contains("matters.read", "documents.read", "documents.download", "search.use")
                .doesNotContain("documents.upload", "documents.delete", "matters.update")
                // reports.read ends in .read, but is a feature to come: no preset carries it.
                .doesNotContain("reports.read");

        var unknown = mvc.perform(post("/account/api-keys")
                        .param("name", "Odd")
                        .param("preset", "everything-and-more")
                        .cookie(session)
                        .with(csrf()))
                .andReturn();
        assertThat(unknown.getFlashMap().get("problem")).isEqualTo("Choose one of the offered sets of permissions.");
    }

    @Test
    void aNewKeyComesWithACopyButtonThatNeedsNoInlineScript() throws Exception {
        var person = withRole(aFirm("Copy"), BuiltInRole.ATTORNEY);
        var session = http.signIn(person);
        var made = mvc.perform(post("/account/api-keys")
                        .param("name", "Build server")
                        .param("scope", "matters.read")
                        .cookie(session)
                        .with(csrf()))
                .andReturn();
        String page = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/account/api-keys")
                                .cookie(session)
                                .flashAttrs(made.getFlashMap()))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page)
                .contains("id=\"created-key\"", "data-copy=\"created-key\"", "/js/copy-text.js")
                .doesNotContainPattern("<script>|onclick=");
    }

    @Test
    void twoFactorOffIsShownWithANudge() throws Exception {
        var person = withRole(aFirm("Nudge"), BuiltInRole.ATTORNEY);
        String page = http.page(http.signIn(person), "/account");
        assertThat(page).contains("id=\"two-factor-nudge\"", "Turn on two-factor authentication");
    }

    @Test
    void theCurrentSessionComesFirst() throws Exception {
        var person = withRole(aFirm("Sessions"), BuiltInRole.ATTORNEY);
        var first = http.signIn(person);
        var second = http.signIn(person);
        // The first session is used again later, so it is the most recently seen: still the second is first for itself.
        http.page(first, "/");
        String page = http.page(second, "/account");
        int rows = page.indexOf("<tbody>");
        assertThat(page.indexOf("This session", rows))
                .as("this session in the first row")
                .isLessThan(page.indexOf("<tr", page.indexOf("</tr>", rows)));
    }

    @Test
    void theBrowsersZoneAtSignInBecomesTheAccountsAndTimesFollowIt() throws Exception {
        var person = withRole(aFirm("Zones"), BuiltInRole.ATTORNEY);
        var response = mvc.perform(post("/login")
                        .param("email", person.email())
                        .param("password", person.password())
                        .param("timeZone", "Asia/Tokyo")
                        .with(csrf())
                        .with(MockSignIn.fromNewAddress()))
                .andReturn()
                .getResponse();
        var session = MockSignIn.sessionOf(response);
        assertThat(as(person, () -> timeZones.chosen(person.id()))).contains(ZoneId.of("Asia/Tokyo"));
        assertThat(http.page(session, "/account"))
                .contains(" JST</time>", "<option value=\"Asia/Tokyo\" selected=\"selected\"");

        // A later sign-in from another browser does not overwrite it; the account page does.
        mvc.perform(post("/login")
                .param("email", person.email())
                .param("password", person.password())
                .param("timeZone", "Europe/Berlin")
                .with(csrf())
                .with(MockSignIn.fromNewAddress()));
        assertThat(as(person, () -> timeZones.chosen(person.id()))).contains(ZoneId.of("Asia/Tokyo"));
        mvc.perform(post("/account/time-zone")
                .param("zone", "Europe/Berlin")
                .cookie(session)
                .with(csrf()));
        assertThat(as(person, () -> timeZones.chosen(person.id()))).contains(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void somethingThatIsNotAZoneIsRefused() throws Exception {
        var person = withRole(aFirm("Bad zone"), BuiltInRole.ATTORNEY);
        var session = http.signIn(person);
        for (String zone : new String[] {"Mars/Olympus", "'; DROP TABLE users; --", "GMT+5", ""}) {
            mvc.perform(post("/account/time-zone")
                    .param("zone", zone)
                    .cookie(session)
                    .with(csrf()));
        }
        assertThat(as(person, () -> timeZones.chosen(person.id()))).isEmpty();
        TenantContext.runAs(
                person.firm(), person.id().value(), () -> timeZones.adoptFromBrowser(person.id(), "x/../y"));
        assertThat(as(person, () -> timeZones.chosen(person.id()))).isEmpty();
        assertThat(http.page(session, "/account")).contains(" UTC</time>");
    }
}
