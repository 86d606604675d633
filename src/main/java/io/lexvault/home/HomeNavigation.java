package io.lexvault.home;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's first link: home, for every signed-in user. */
@Component
class HomeNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(new NavigationLink(Menu.MAIN, 10, "Home", "/", null));
    }
}
