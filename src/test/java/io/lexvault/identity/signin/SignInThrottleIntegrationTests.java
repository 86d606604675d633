package io.lexvault.identity.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.lexvault.testsupport.FirmWebTest;
import io.lexvault.testsupport.People;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;

/** Per-address throttling of sign-in attempts, counted in PostgreSQL (Bucket4j). */
@SpringBootTest(
        properties = {"lexvault.identity.sign-in-throttle.attempts=3", "lexvault.identity.sign-in-throttle.period=1h"})
@AutoConfigureMockMvc
class SignInThrottleIntegrationTests extends FirmWebTest {

    @Test
    void attemptsBeyondTheLimitGet429WithRetryAfterEvenWithTheRightPassword() throws Exception {
        var person = People.aPerson(accounts, aFirm("Throttle"));
        String address = "192.0.2." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 3; i++) {
            assertThat(attempt(address, person.email(), "wrong " + i).getStatus())
                    .isEqualTo(302);
        }
        var throttled = attempt(address, person.email(), person.password());
        assertThat(throttled.getStatus()).isEqualTo(429);
        long retryAfter = Long.parseLong(throttled.getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(throttled.getCookies()).isEmpty();

        assertThat(attempt("198.51.100.7", person.email(), person.password()).getRedirectedUrl())
                .as("another address has its own allowance")
                .isEqualTo("/");
    }

    @Test
    void successfulSignInsGiveTheirAttemptBack() throws Exception {
        var person = People.aPerson(accounts, aFirm("Throttle"));
        String address = "198.18.0." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 6; i++) {
            assertThat(attempt(address, person.email(), person.password()).getRedirectedUrl())
                    .as("sign-in %d of colleagues behind one address", i)
                    .isEqualTo("/");
        }
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        assertThat(SignInThrottle.sourceKey("2001:db8:1:2:aaaa::1"))
                .isEqualTo(SignInThrottle.sourceKey("2001:db8:1:2:bbbb:cccc:dddd:eeee"))
                .isEqualTo("20010db800010002::/64");
        assertThat(SignInThrottle.sourceKey("2001:db8:1:3::1"))
                .isNotEqualTo(SignInThrottle.sourceKey("2001:db8:1:2::1"));
        assertThat(SignInThrottle.sourceKey("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void theLimitIsSharedThroughTheDatabaseNotKeptInMemory(
            @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) throws Exception {
        String address = "203.0.113." + (1 + (int) (Math.random() * 250));
        attempt(address, "someone@firm.example", "whatever it is");
        long buckets = jdbc.sql("SELECT count(*) FROM lexvault.rate_limit_buckets WHERE id = :id")
                .param("id", "sign-in:" + address)
                .query(Long.class)
                .single();
        assertThat(buckets).isEqualTo(1);
    }

    private MockHttpServletResponse attempt(String address, String email, String password) throws Exception {
        return mvc.perform(post("/login")
                        .param("email", email)
                        .param("password", password)
                        .with(csrf())
                        .with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        }))
                .andReturn()
                .getResponse();
    }
}
