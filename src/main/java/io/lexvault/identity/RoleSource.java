package io.lexvault.identity;

import io.lexvault.tenancy.TenantId;
import java.util.Set;

/**
 * Where a signed-in user's roles come from. The access module implements it; identity only turns
 * the answer into the session's authorities, so identity never reads access's tables.
 */
public interface RoleSource {

    /** The user's role names in their firm; called with that firm bound. */
    Set<String> rolesOf(TenantId tenant, UserId user);
}
