package io.lexvault.identity;

import io.lexvault.tenancy.TenantId;
import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who a request acts for, as kept in the server-side session. Its name, {@code <firm id>/<user id>},
 * is what Spring Session indexes (so "this user's sessions" is one lookup that never crosses firms)
 * and what a passkey is registered under (so a passkey sign-in finds its firm without a lookup).
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
        return principalName(tenantId(), userId());
    }

    public static String principalName(TenantId tenant, UserId user) {
        return tenant + "/" + user;
    }

    /** The firm and user a principal name stands for, if it is one. */
    public static java.util.Optional<SignedInUser.Ids> parse(String principalName) {
        int slash = principalName.indexOf('/');
        if (slash < 0) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new Ids(
                    new TenantId(UUID.fromString(principalName.substring(0, slash))),
                    new UserId(UUID.fromString(principalName.substring(slash + 1)))));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    public record Ids(TenantId tenant, UserId user) {}
}
