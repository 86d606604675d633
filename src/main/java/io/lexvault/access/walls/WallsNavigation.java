package io.lexvault.access.walls;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's links to the firm's groups and ethical walls, for those who may see them. */
@Component
class WallsNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(
                new NavigationLink(Menu.ADMIN, 40, "Groups", "/admin/groups", "users.manage"),
                new NavigationLink(Menu.ADMIN, 50, "Ethical walls", "/admin/walls", "walls.read"));
    }
}
