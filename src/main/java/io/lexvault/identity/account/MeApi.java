package io.lexvault.identity.account;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.ApiKeyAuthentication;
import io.lexvault.identity.Authorities;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.SignedInEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/me}: who the caller is, in which firm, with which roles and permissions. */
@RestController
class MeApi {

    record Firm(UUID id, String slug, String name) {}

    /**
     * @param authenticatedBy {@code session} or {@code api_key}
     * @param apiKeyId the key used, when there is one
     * @param permissions what this request may do (for a key: its scopes the owner still holds)
     */
    record Me(
            UUID id,
            String email,
            String displayName,
            Firm firm,
            List<String> roles,
            List<String> permissions,
            String authenticatedBy,
            @Nullable UUID apiKeyId,
            @Nullable Instant emailVerifiedAt) {}

    private final Accounts accounts;
    private final Tenants tenants;
    private final AccessGrants grants;

    MeApi(Accounts accounts, Tenants tenants, AccessGrants grants) {
        this.accounts = accounts;
        this.tenants = tenants;
        this.grants = grants;
    }

    @GetMapping("/api/v1/me")
    @SignedInEndpoint("describes only the caller's own account")
    Me me(Authentication authentication) {
        var user = (SignedInUser) authentication.getPrincipal();
        var account = accounts.find(user.userId()).orElseThrow();
        var firm = tenants.current();
        var permissions = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> !authority.startsWith(Authorities.ROLE_PREFIX))
                .sorted()
                .toList();
        var key = authentication instanceof ApiKeyAuthentication byKey ? byKey : null;
        return new Me(
                account.id().value(),
                account.email(),
                account.displayName(),
                new Firm(firm.id().value(), firm.slug(), firm.name()),
                grants.of(firm.id(), user.userId()).roles().stream().sorted().toList(),
                permissions,
                key == null ? "session" : "api_key",
                key == null ? null : key.keyId(),
                account.emailVerifiedAt());
    }
}
