package io.lexvault.access.roles;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's link to the firm's roles, for those who may see them. */
@Component
class RolesNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(new NavigationLink(Menu.ADMIN, 30, "Roles", "/admin/roles", "roles.read"));
    }
}
