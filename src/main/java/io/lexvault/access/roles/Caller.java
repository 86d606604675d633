package io.lexvault.access.roles;

import io.lexvault.access.Permission;
import io.lexvault.audit.AuditRecord;
import io.lexvault.identity.ApiKeyAuthentication;
import io.lexvault.identity.Authorities;
import io.lexvault.identity.SignedInUser;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who changes roles, for the audit log, and what they may do at this request, for the rule that
 * nobody hands out (or takes away) more than they hold. For an API key that is the key's effective
 * permissions, not its owner's: a key scoped to {@code roles.assign} alone cannot give away anything.
 */
public record Caller(AuditRecord.Actor actor, Set<String> permissions) {

    public Caller {
        permissions = Set.copyOf(permissions);
    }

    /**
     * The signed-in caller of the current request (user or API key).
     *
     * @throws IllegalStateException outside a signed-in request
     */
    public static Caller ofCurrentRequest() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
            throw new IllegalStateException("No signed-in caller to change roles for");
        }
        var actor = authentication instanceof ApiKeyAuthentication byKey
                ? AuditRecord.Actor.apiKey(byKey.keyId())
                : AuditRecord.Actor.user(user.user());
        var held = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> !authority.startsWith(Authorities.ROLE_PREFIX))
                .collect(Collectors.toSet());
        return new Caller(actor, held);
    }

    /**
     * The operator of the installation (command line, demo set-up): recorded as the system and bound
     * by no permission, since they own the server and its database anyway. Never used for a request.
     */
    public static Caller operator() {
        return new Caller(
                AuditRecord.Actor.SYSTEM,
                Arrays.stream(Permission.values()).map(Permission::key).collect(Collectors.toSet()));
    }

    boolean holdsAll(Set<Permission> wanted) {
        return wanted.stream().allMatch(permission -> permissions.contains(permission.key()));
    }
}
