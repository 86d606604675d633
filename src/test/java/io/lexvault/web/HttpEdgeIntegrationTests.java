package io.lexvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import testing.edge.ExplodingController;

/** What every response carries, probed over real HTTP against the running server. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpEdgeIntegrationTests {

    @LocalServerPort
    int port;

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void healthIsOpenAndReportsTheDatabase() throws Exception {
        var response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"db\"");
        assertThat(get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
        assertThat(get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void healthShowsNoDetails() throws Exception {
        assertThat(get("/actuator/health").body()).doesNotContain("PostgreSQL", "validationQuery", "details");
    }

    @Test
    void otherActuatorEndpointsAreNotReachable() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump"}) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("spring.datasource");
        }
    }

    @Autowired
    PathMappedEndpoints exposedEndpoints;

    @Test
    void onlyHealthIsExposedAmongActuatorEndpoints() {
        // The HTTP probes above see only the sign-in redirect; this sees what is actually mapped.
        assertThat(exposedEndpoints.getAllPaths()).containsExactly("/actuator/health");
    }

    @Test
    void anonymousVisitsCreateNoSession() throws Exception {
        for (String path : new String[] {"/", "/login", "/api/v1/matters", "/actuator/health"}) {
            assertThat(get(path).headers().allValues("Set-Cookie"))
                    .as(path)
                    .noneMatch(cookie -> cookie.startsWith("__Host-lexvault=") || cookie.startsWith("lexvault="));
        }
    }

    @Test
    void signInFormCarriesItsCsrfTokenInAHostOnlyStrictCookie() throws Exception {
        var response = get("/login");
        assertThat(response.body()).contains("name=\"_csrf\"");
        assertThat(response.headers().allValues("Set-Cookie"))
                .singleElement()
                .satisfies(cookie -> assertThat(cookie)
                        .startsWith("__Host-lexvault-csrf=")
                        .contains("Path=/", "Secure", "HttpOnly", "SameSite=Strict")
                        .doesNotContain("Domain="));
    }

    @Test
    void everythingElseIsDeniedToAnonymousBrowsers() throws Exception {
        for (String path : new String[] {"/", "/matters", "/admin", "/anything/at/all"}) {
            var response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location"))
                    .as(path)
                    .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
        }
    }

    @Test
    void anonymousApiCallsGetProblemDetails() throws Exception {
        var response = get("/api/v1/matters");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":401").contains("\"title\":\"Unauthorized\"");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void signInPageCarriesEveryProtectiveHeader() throws Exception {
        var response = get("/login");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Sign in", "name=\"email\"", "name=\"password\"");
        var headers = response.headers();
        assertThat(headers.firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains(
                                "default-src 'self'",
                                "script-src 'self'",
                                "frame-ancestors 'none'",
                                "object-src 'none'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(headers.firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(headers.firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        assertThat(headers.firstValue("Permissions-Policy")).isPresent();
        assertThat(headers.firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(headers.firstValue("Server")).isEmpty();
        assertThat(headers.firstValue("X-Powered-By")).isEmpty();
    }

    @Test
    void pagesContainNoInlineScriptOrStyle() throws Exception {
        String body = get("/login").body();
        assertThat(body).doesNotContain("<script>", "style=\"", "<style", "onclick=", "javascript:");
    }

    @Test
    void unhandledExceptionRevealsNothingToApiClients() throws Exception {
        var response = get("/api/test/explode");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body())
                .contains("\"status\":500")
                .doesNotContain("secret-internal-detail", "jdbc:", "Exception", "at io.lexvault", "trace");
    }

    @Test
    void formPostWithoutCsrfTokenIsRefusedWithoutASession() throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("email=a%40b.example&password=whatever-long-enough"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().allValues("Set-Cookie"))
                .noneMatch(cookie -> cookie.startsWith("__Host-lexvault="));
    }

    @Test
    void theStrengthMeterRatesWhatTheVisitorTypedAndNothingElse() throws Exception {
        var weak = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/password-strength"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("password=password1234"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(weak.statusCode())
                .as("a POST needs the CSRF token like any form")
                .isEqualTo(403);
    }

    @Test
    void signUpDoesNotExistWhenSwitchedOff() throws Exception {
        assertThat(get("/signup").statusCode()).isEqualTo(404);
        assertThat(get("/login").body()).doesNotContain("/signup");
    }

    @Test
    void errorPageRevealsNothingToBrowsers() throws Exception {
        var response = get("/error");
        assertThat(response.body()).contains("LexVault").doesNotContain("Whitelabel", "Exception", "trace", "Tomcat");
    }

    @Test
    void malformedRequestIsRefusedWithoutServerDetails() throws Exception {
        String raw = rawRequest("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertThat(raw).doesNotContainIgnoringCase("tomcat").doesNotContain("Exception");
    }

    @Test
    void traceMethodIsRefused() throws Exception {
        String raw = rawRequest("TRACE /login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 405").doesNotContainIgnoringCase("tomcat");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String rawRequest(String request) throws IOException {
        try (var socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @TestConfiguration
    @Import(ExplodingController.class)
    static class WithExplodingHandler {}
}
