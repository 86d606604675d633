package io.lexvault.documents;

import io.lexvault.access.MatterAccess;
import io.lexvault.audit.AuditSubjectNames;
import io.lexvault.tenancy.TenantContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Document titles for the audit log, on the log's own terms: a reader sees the events of every matter
 * no wall screens them from, and so the titles of its documents; a title behind a wall stays unknown
 * to those it screens (the matter wall's row policy hides the row, and the viewer check is made again).
 */
@Component
class DocumentAuditNames implements AuditSubjectNames {

    private final DocumentRepository repository;
    private final MatterAccess access;

    DocumentAuditNames(DocumentRepository repository, MatterAccess access) {
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
            var document = repository.document(tenant, new DocumentId(id));
            if (document.isEmpty()) {
                continue;
            }
            var scope = repository.scopeInBoundFirm(new DocumentId(id));
            if (scope.isPresent()
                    && !viewer.screenedFrom(
                            scope.get().matter().value(), scope.get().client().value())) {
                names.put(id, document.get().title());
            }
        }
        return names;
    }
}
