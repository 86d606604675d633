package io.lexvault.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Signing in through the real sign-in form with MockMvc, as the integration tests do. */
public final class MockSignIn {

    public static final String SESSION_COOKIE = "__Host-lexvault";

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private MockSignIn() {}

    /** Posts the password form from an address of its own; the response carries the session cookie. */
    public static MockHttpServletResponse signIn(MockMvc mvc, String email, String password) throws Exception {
        return mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", password)
                        .with(csrf())
                        .with(fromNewAddress()))
                .andReturn()
                .getResponse();
    }

    /** Signs the person in with their password and returns the session cookie of the signed-in session. */
    public static Cookie session(MockMvc mvc, People.Person person) throws Exception {
        var response = signIn(mvc, person.email(), person.password());
        assertThat(response.getRedirectedUrl())
                .as("sign-in of %s", person.email())
                .isEqualTo("/");
        return sessionOf(response);
    }

    public static Cookie sessionOf(MockHttpServletResponse response) {
        Cookie cookie = response.getCookie(SESSION_COOKIE);
        assertThat(cookie)
                .as(
                        "session cookie after sign-in (status %s, location %s, cookies %s)",
                        response.getStatus(), response.getRedirectedUrl(), response.getHeaders("Set-Cookie"))
                .isNotNull();
        return cookie;
    }

    /** Every attempt from its own address, so the per-address throttle never interferes. */
    public static RequestPostProcessor fromNewAddress() {
        int n = ADDRESSES.incrementAndGet();
        return request -> {
            request.setRemoteAddr("10.%d.%d.%d".formatted((n >> 16) & 255, (n >> 8) & 255, n & 255));
            return request;
        };
    }
}
