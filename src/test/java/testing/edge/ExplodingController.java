package testing.edge;

import io.lexvault.web.PublicEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A handler that fails, for tests of what an unexpected exception shows. Lives outside
 * {@code io.lexvault} so component scanning never registers it; tests import it explicitly.
 */
@RestController
public class ExplodingController {

    @GetMapping("/api/test/explode")
    @PublicEndpoint("test only")
    String explode() {
        throw new IllegalStateException("secret-internal-detail from jdbc:postgresql://db/secret");
    }

    /** Opens only the test path, ahead of the application's chain. */
    @Bean
    @Order(0)
    SecurityFilterChain explodingChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/test/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
