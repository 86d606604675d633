package io.lexvault.identity;

import io.lexvault.tenancy.TenantId;
import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who a request acts for, as kept in the server-side session. Its name is the user id, which is what
 * Spring Session indexes, so "this user's sessions" is one lookup and never crosses firms.
 */
public record SignedInUser(UUID tenant, UUID user, String email, String displayName)
        implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public TenantId tenantId() {
        return new TenantId(tenant);
    }

    public UserId userId() {
        return new UserId(user);
    }

    @Override
    public String getName() {
        return user.toString();
    }
}
