package io.lexvault.identity.sso;

import io.lexvault.identity.SingleSignOn;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * One OpenID Connect client registration per firm, named by the firm's slug, read from the firm's
 * own configuration (under its row-level security) and the provider's discovery document. The
 * redirect address comes from {@code lexvault.public-url}, never from the request's Host header.
 */
class FirmClientRegistrations implements ClientRegistrationRepository {

    private record Cached(Instant updatedAt, ClientRegistration registration) {}

    private final Tenants tenants;
    private final SingleSignOn singleSignOn;
    private final String publicUrl;
    private final Map<TenantId, Cached> cache = new ConcurrentHashMap<>();

    FirmClientRegistrations(Tenants tenants, SingleSignOn singleSignOn, String publicUrl) {
        this.tenants = tenants;
        this.singleSignOn = singleSignOn;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @Override
    public @Nullable ClientRegistration findByRegistrationId(String firmSlug) {
        var tenant = tenants.findIdBySlug(firmSlug);
        if (tenant.isEmpty()) {
            return null;
        }
        var provider = TenantContext.callAs(tenant.get(), null, singleSignOn::provider);
        if (provider.isEmpty()) {
            return null;
        }
        var cached = cache.get(tenant.get());
        if (cached != null && cached.updatedAt().equals(provider.get().updatedAt())) {
            return cached.registration();
        }
        // The discovery document gives the endpoints and the JWKS address; its issuer must equal the
        // configured one (Spring checks), and ID tokens must carry that issuer (checked at sign-in).
        var registration = ClientRegistrations.fromIssuerLocation(provider.get().issuer())
                .registrationId(firmSlug)
                .clientId(provider.get().clientId())
                .clientSecret(provider.get().clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(publicUrl + "/login/oauth2/code/" + firmSlug)
                .scope("openid", "email", "profile")
                .clientName(firmSlug)
                .build();
        cache.put(tenant.get(), new Cached(provider.get().updatedAt(), registration));
        return registration;
    }
}
