package io.lexvault.access;

import io.lexvault.identity.RoleSource;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which roles users hold in the bound firm; also tells identity a signed-in user's roles. */
@Service
public class RoleAssignments implements RoleSource {

    private final RoleAssignmentRepository repository;

    RoleAssignments(RoleAssignmentRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public void assign(UserId user, BuiltInRole role) {
        repository.assign(TenantContext.requireTenant(), user, role.key());
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> rolesOf(TenantId tenant, UserId user) {
        if (!tenant.equals(TenantContext.requireTenant())) {
            throw new IllegalStateException("Roles are read inside the user's own firm");
        }
        return repository.rolesOf(tenant, user);
    }
}
