package io.lexvault.identity.apikeys;

import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lexvault.identity.ApiKeys;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.web.HttpSecurityContribution;
import io.lexvault.web.ProblemWriter;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.stereotype.Component;

/** Signing API calls in with a bearer API key, as the filter chain's part. */
@Component
class ApiKeySecurity implements HttpSecurityContribution, Ordered {

    /** After the password form: the order identity's single bean had. */
    static final int ORDER = 400;

    private final ApiKeys apiKeys;
    private final ProxyManager<String> buckets;
    private final SecurityEvents events;

    ApiKeySecurity(ApiKeys apiKeys, ProxyManager<String> buckets, SecurityEvents events) {
        this.apiKeys = apiKeys;
        this.buckets = buckets;
        this.events = events;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void contribute(HttpSecurity http, ProblemWriter problems) {
        // A browser cannot attach an Authorization header to a cross-site request without
        // CORS consent, which LexVault never gives: bearer requests need no CSRF token.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(ApiKeyFilter::carriesBearer))
                .addFilterAfter(
                        new ApiKeyFilter(apiKeys, buckets, problems, events), SecurityContextHolderFilter.class);
    }
}
