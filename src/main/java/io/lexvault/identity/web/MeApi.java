package io.lexvault.identity.web;

import io.lexvault.identity.Accounts;
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

/** {@code GET /api/v1/me}: who the caller is, in which firm, with which roles. */
@RestController
class MeApi {

    record Firm(UUID id, String slug, String name) {}

    record Me(
            UUID id,
            String email,
            String displayName,
            Firm firm,
            List<String> roles,
            @Nullable Instant emailVerifiedAt) {}

    private final Accounts accounts;
    private final Tenants tenants;

    MeApi(Accounts accounts, Tenants tenants) {
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/api/v1/me")
    @SignedInEndpoint("describes only the caller's own account")
    Me me(Authentication authentication) {
        var user = (SignedInUser) authentication.getPrincipal();
        var account = accounts.find(user.userId()).orElseThrow();
        var firm = tenants.current();
        var roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .sorted()
                .toList();
        return new Me(
                account.id().value(),
                account.email(),
                account.displayName(),
                new Firm(firm.id().value(), firm.slug(), firm.name()),
                roles,
                account.emailVerifiedAt());
    }
}
