package io.lexvault.web;

import java.util.List;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * A module's part of the one filter chain (sign-in, API keys, throttling). The web module owns the
 * chain and its deny-by-default rule; modules add what they own without weakening it.
 */
public interface HttpSecurityContribution {

    /** Paths anyone may reach, signed in or not (sign-in form, password reset). Keep it short. */
    default List<String> publicPaths() {
        return List.of();
    }

    /**
     * @param problems answers API clients with problem details, as the rest of the chain does
     */
    void contribute(HttpSecurity http, ProblemWriter problems) throws Exception;
}
