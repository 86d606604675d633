package io.lexvault.identity;

import io.lexvault.tenancy.TenantId;
import java.util.Set;

/**
 * What a user may do: their roles and the permissions those roles give. The access module
 * implements it; identity only turns the answer into authorities, so it never reads access's tables.
 */
public interface AccessGrants {

    record Grants(Set<String> roles, Set<String> permissions) {
        public Grants {
            roles = Set.copyOf(roles);
            permissions = Set.copyOf(permissions);
        }

        public static final Grants NONE = new Grants(Set.of(), Set.of());
    }

    /** The user's grants in their firm; called with that firm bound. */
    Grants of(TenantId tenant, UserId user);

    /**
     * The roles of the bound firm (built-in and its own), key to title, in the order to offer them:
     * what an invitation may name and an administrator may give.
     */
    java.util.SequencedMap<String, String> assignableRoles();

    /** The permissions a role of the bound firm gives; empty when there is no such role. */
    Set<String> permissionsOfRole(String role);

    /** Every user of the bound firm who holds a role, with their role keys (for the people page). */
    java.util.Map<UserId, java.util.List<String>> rolesByUser();
}
