package io.lexvault.access;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.FirmSignedUp;
import io.lexvault.identity.InvitationAccepted;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which roles users hold in the bound firm; also tells identity what a signed-in user may do. */
@Service
public class RoleAssignments implements AccessGrants {

    private final RoleAssignmentRepository repository;

    RoleAssignments(RoleAssignmentRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public void assign(UserId user, BuiltInRole role) {
        repository.assign(TenantContext.requireTenant(), user, role.key());
    }

    /**
     * Gives a newly invited person the built-in roles their invitation named, in the transaction
     * that made their account (so the account never exists without them). Unknown names are ignored.
     */
    @EventListener
    void onInvitationAccepted(InvitationAccepted accepted) {
        var tenant = new TenantId(accepted.tenant());
        var user = new UserId(accepted.user());
        for (String role : accepted.roles()) {
            Arrays.stream(BuiltInRole.values())
                    .filter(builtIn -> builtIn.key().equals(role))
                    .forEach(builtIn -> repository.assign(tenant, user, builtIn.key()));
        }
    }

    @Override
    public java.util.SequencedMap<String, String> assignableRoles() {
        var roles = new java.util.LinkedHashMap<String, String>();
        for (var role : BuiltInRole.values()) {
            roles.put(role.key(), role.title());
        }
        return roles;
    }

    /** The person who signs a new firm up is its first administrator. */
    @EventListener
    void onFirmSignedUp(FirmSignedUp signedUp) {
        repository.assign(
                new TenantId(signedUp.tenant()), new UserId(signedUp.founder()), BuiltInRole.ADMINISTRATOR.key());
    }

    /** Takes a role away; the user's API keys lose its permissions with it, on their next request. */
    @Transactional
    public boolean remove(UserId user, BuiltInRole role) {
        return repository.remove(TenantContext.requireTenant(), user, role.key());
    }

    @Override
    @Transactional(readOnly = true)
    public Grants of(TenantId tenant, UserId user) {
        if (!tenant.equals(TenantContext.requireTenant())) {
            throw new IllegalStateException("Grants are read inside the user's own firm");
        }
        Set<String> roles = repository.rolesOf(tenant, user);
        var permissions = new TreeSet<String>();
        for (String role : roles) {
            Arrays.stream(BuiltInRole.values())
                    .filter(builtIn -> builtIn.key().equals(role))
                    .forEach(builtIn -> builtIn.permissions().forEach(p -> permissions.add(p.key())));
        }
        return new Grants(roles, permissions);
    }
}
