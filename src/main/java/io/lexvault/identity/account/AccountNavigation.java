package io.lexvault.identity.account;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's links to the user's own account pages, and to the firm's people for those who manage them. */
@Component
class AccountNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(
                new NavigationLink(Menu.ACCOUNT, 10, "Your account", "/account", null),
                new NavigationLink(Menu.ACCOUNT, 20, "Two-factor authentication", "/account/two-factor", null),
                new NavigationLink(Menu.ACCOUNT, 30, "API keys", "/account/api-keys", null),
                new NavigationLink(Menu.ADMIN, 10, "People", "/admin/users", "users.manage"),
                new NavigationLink(Menu.ADMIN, 20, "Invitations", "/admin/invitations", "users.invite"));
    }
}
