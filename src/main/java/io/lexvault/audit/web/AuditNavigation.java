package io.lexvault.audit.web;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's link to the audit log, for those who may read it. */
@Component
class AuditNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(new NavigationLink(Menu.ADMIN, 60, "Audit log", "/admin/audit", "audit.read"));
    }
}
