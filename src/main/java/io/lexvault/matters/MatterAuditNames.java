package io.lexvault.matters;

import io.lexvault.access.MatterAccess;
import io.lexvault.audit.AuditSubjectNames;
import io.lexvault.tenancy.TenantContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Matter numbers for the audit log. A reader of the log sees the events of every matter no wall
 * screens them from, whether or not they work on it, so the number is shown on the same terms: only
 * a wall hides it (the row-level policy and the viewer check both apply).
 */
@Component
class MatterAuditNames implements AuditSubjectNames {

    private final MatterRepository repository;
    private final MatterAccess access;

    MatterAuditNames(MatterRepository repository, MatterAccess access) {
        this.repository = repository;
        this.access = access;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, String> namesOf(Set<UUID> ids) {
        var tenant = TenantContext.requireTenant();
        var viewer = access.viewer();
        var names = new HashMap<UUID, String>();
        for (UUID id : ids) {
            repository
                    .matter(tenant, new MatterId(id))
                    .filter(m -> !viewer.screenedFrom(m.id().value(), m.client().value()))
                    .ifPresent(m -> names.put(id, m.number()));
        }
        return names;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<UUID> matterNumbered(String number) {
        var viewer = access.viewer();
        return repository
                .matterNumbered(TenantContext.requireTenant(), number)
                .filter(m -> !viewer.screenedFrom(m.id().value(), m.client().value()))
                .map(m -> m.id().value());
    }
}
