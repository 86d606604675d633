package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.FreePorts;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.TestDatabase;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * OpenID Connect single sign-on against a real OIDC server (NAV's mock-oauth2-server, in this JVM
 * on its own port), driven over real HTTP like a browser: LexVault -> provider -> LexVault.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SingleSignOnIntegrationTests {

    private static final int PORT = FreePorts.any();
    private static final String SITE = "http://localhost:" + PORT;
    private static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    @DynamicPropertySource
    static void site(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("lexvault.public-url", () -> SITE);
        properties.add("lexvault.http.secure-cookies", () -> false);
    }

    @BeforeAll
    static void startProvider() {
        PROVIDER.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @Autowired
    Tenants tenants;

    @Autowired
    Accounts accounts;

    @Autowired
    SingleSignOn singleSignOn;

    /** A firm with SSO at its own issuer, and one of its people. */
    private record Setup(String slug, String issuerId, String clientId, Person person) {}

    private Setup firmWithSso() {
        String slug = "firm-" + TestDatabase.randomName();
        TenantId firm = tenants.register("SSO " + slug, slug);
        var person = People.aPerson(accounts, firm);
        String issuerId = "issuer-" + slug;
        String clientId = "lexvault-" + slug;
        TenantContext.runAs(
                firm,
                null,
                () -> singleSignOn.configure(
                        PROVIDER.issuerUrl(issuerId).toString(), clientId, "client-secret-" + slug));
        return new Setup(slug, issuerId, clientId, person);
    }

    private void providerVouchesFor(Setup setup, String subject, String email, boolean verified) {
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                setup.issuerId(),
                subject,
                JOSEObjectType.JWT.getType(),
                List.of(setup.clientId()),
                Map.of("email", email, "email_verified", verified),
                3600));
    }

    @Test
    void providerSignsInTheUserWithThatVerifiedAddressInTheFirm() throws Exception {
        var setup = firmWithSso();
        providerVouchesFor(setup, "subject-1", setup.person().email(), true);
        var browser = new Browser();
        assertThat(browser.signInThroughProvider(setup.slug())).isEqualTo("/");
        var me = browser.get("/api/v1/me");
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(me.body()).contains("\"email\":\"" + setup.person().email() + "\"");
    }

    @Test
    void authorizationRequestCarriesStateNonceAndPkce() throws Exception {
        var setup = firmWithSso();
        var browser = new Browser();
        browser.get("/sso?firm=" + setup.slug());
        String authorize = browser.location(browser.get("/oauth2/authorization/" + setup.slug()));
        assertThat(authorize)
                .startsWith(PROVIDER.authorizationEndpointUrl(setup.issuerId()).toString())
                .contains("state=", "nonce=", "code_challenge=", "code_challenge_method=S256")
                .contains("redirect_uri=" + SITE + "/login/oauth2/code/" + setup.slug());
    }

    @Test
    void anotherFirmsUserIsNeverMatched() throws Exception {
        var setup = firmWithSso();
        var elsewhere = People.aPerson(accounts, Firms.aFirm(tenants, "Elsewhere " + TestDatabase.randomName()));
        providerVouchesFor(setup, "subject-2", elsewhere.email(), true);
        var browser = new Browser();
        assertThat(browser.signInThroughProvider(setup.slug())).isEqualTo("/login?sso-error");
        assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void anUnverifiedAddressIsNotEnough() throws Exception {
        var setup = firmWithSso();
        providerVouchesFor(setup, "subject-3", setup.person().email(), false);
        var browser = new Browser();
        assertThat(browser.signInThroughProvider(setup.slug())).isEqualTo("/login?sso-error");
        assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void onceLinkedOnlyThatProviderAccountSignsInAsTheUser() throws Exception {
        var setup = firmWithSso();
        providerVouchesFor(setup, "subject-original", setup.person().email(), true);
        assertThat(new Browser().signInThroughProvider(setup.slug())).isEqualTo("/");
        // The provider later hands the same address to another of its accounts.
        providerVouchesFor(setup, "subject-newcomer", setup.person().email(), true);
        assertThat(new Browser().signInThroughProvider(setup.slug())).isEqualTo("/login?sso-error");
        providerVouchesFor(
                setup, "subject-original", "changed-" + setup.person().email(), true);
        assertThat(new Browser().signInThroughProvider(setup.slug()))
                .as("the link, not the address")
                .isEqualTo("/");
    }

    @Test
    void aTokenFromAnotherFirmsIssuerIsRefused() throws Exception {
        var setup = firmWithSso();
        var other = firmWithSso();
        var browser = new Browser();
        browser.get("/sso?firm=" + setup.slug());
        String authorize = browser.location(browser.get("/oauth2/authorization/" + setup.slug()));
        String nonce = parameter(authorize, "nonce");
        String callback = browser.location(browser.getAbsolute(authorize));
        // The provider answers with an ID token naming the other firm's issuer, otherwise well formed:
        // right audience, right nonce, verified address of our user.
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                setup.issuerId(),
                "subject-foreign",
                JOSEObjectType.JWT.getType(),
                List.of(setup.clientId()),
                Map.of(
                        "iss",
                        PROVIDER.issuerUrl(other.issuerId()).toString(),
                        "email",
                        setup.person().email(),
                        "email_verified",
                        true,
                        "nonce",
                        nonce),
                3600));
        assertThat(browser.location(browser.get(callback))).isEqualTo("/login?sso-error");
        assertThat(browser.get("/api/v1/me").statusCode()).isEqualTo(401);
    }

    @Test
    void firmWithoutSsoAndUnknownFirmGetTheSameAnswer() throws Exception {
        var firm = Firms.aFirm(tenants, "No SSO " + TestDatabase.randomName());
        String slug = TenantContext.callAs(firm, null, () -> tenants.current().slug());
        var browser = new Browser();
        assertThat(browser.location(browser.get("/sso?firm=" + slug)))
                .isEqualTo(browser.location(browser.get("/sso?firm=no-such-firm-" + TestDatabase.randomName())))
                .isEqualTo("/login?sso-unavailable");
    }

    private static String parameter(String url, String name) {
        var matcher = Pattern.compile("[?&]" + name + "=([^&]+)").matcher(url);
        assertThat(matcher.find()).as(url).isTrue();
        return URLDecoder.decode(matcher.group(1), StandardCharsets.UTF_8);
    }

    /** Cookies and redirects handled by hand, as a browser would, across LexVault and the provider. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return getAbsolute(SITE + path);
        }

        HttpResponse<String> getAbsolute(String url) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String location(HttpResponse<String> response) {
            String location = response.headers()
                    .firstValue("Location")
                    .orElse("(status " + response.statusCode() + ": " + response.body() + ")");
            return location.startsWith(SITE) ? location.substring(SITE.length()) : location;
        }

        /** From "Continue with single sign-on" to where LexVault sends the browser at the end. */
        String signInThroughProvider(String slug) throws IOException, InterruptedException {
            assertThat(location(get("/sso?firm=" + slug))).isEqualTo("/oauth2/authorization/" + slug);
            String authorize = location(get("/oauth2/authorization/" + slug));
            String callback = location(getAbsolute(authorize));
            assertThat(callback).startsWith("/login/oauth2/code/" + slug + "?");
            return location(get(callback));
        }
    }
}
