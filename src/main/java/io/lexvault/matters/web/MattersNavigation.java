package io.lexvault.matters.web;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's links to the firm's matters, clients and conflict checks, and to matter numbering. */
@Component
class MattersNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(
                new NavigationLink(Menu.MAIN, 20, "Matters", "/matters", "matters.read"),
                new NavigationLink(Menu.MAIN, 30, "Clients", "/clients", "clients.read"),
                new NavigationLink(Menu.MAIN, 40, "Conflicts", "/conflicts", "conflicts.check"),
                new NavigationLink(Menu.ADMIN, 70, "Matter numbers", "/admin/matter-numbers", "firm.settings.manage"));
    }
}
