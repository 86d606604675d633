package io.lexvault.search.web;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's link to the search page, for those who may search. */
@Component
class SearchNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(new NavigationLink(Menu.MAIN, 50, "Search", "/search", "search.use"));
    }
}
