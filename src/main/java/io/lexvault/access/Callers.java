package io.lexvault.access;

import io.lexvault.audit.AuditRecord;
import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.ApiKeyAuthentication;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who acts in the current unit of work, and what they may do: the user bound in {@link
 * TenantContext}, with the permissions of the current request when there is one (an API key's are
 * narrower than its owner's), else those their roles give now (the command line, the demo seeding).
 */
@Component
public class Callers {

    private final AccessGrants grants;

    Callers(AccessGrants grants) {
        this.grants = grants;
    }

    /** The acting user of the bound firm; empty when nobody acts (a job), which sees no matter. */
    public Optional<UserId> actingUser() {
        return TenantContext.current().map(TenantContext.Binding::actingUser).map(UserId::new);
    }

    /** Whether the acting user holds {@code permission} in this unit of work; false when nobody acts. */
    public boolean holds(Permission permission) {
        var user = actingUser();
        if (user.isEmpty()) {
            return false;
        }
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof SignedInUser signedIn) {
            // The request's own authorities: for an API key only its scopes. A request whose binding
            // names someone else (it never should) gets nothing rather than the wrong person's rights.
            return signedIn.user().equals(user.get().value())
                    && authentication.getAuthorities().stream()
                            .anyMatch(a -> permission.key().equals(a.getAuthority()));
        }
        return grants.of(TenantContext.requireTenant(), user.get())
                .permissions()
                .contains(permission.key());
    }

    /** Who to name in the audit log: the API key used, the user, or LexVault itself. */
    public AuditRecord.Actor actor() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication byKey) {
            return AuditRecord.Actor.apiKey(byKey.keyId());
        }
        return actingUser().map(user -> AuditRecord.Actor.user(user.value())).orElse(AuditRecord.Actor.SYSTEM);
    }
}
