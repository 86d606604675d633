package io.lexvault.assistant.providers;

import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import io.lexvault.web.NavigationLink.Menu;
import java.util.List;
import org.springframework.stereotype.Component;

/** The header's link to the assistant's settings, for those who configure it. */
@Component
class AssistantNavigation implements NavigationContribution {

    @Override
    public List<NavigationLink> links() {
        return List.of(new NavigationLink(Menu.ADMIN, 80, "AI assistant", "/admin/assistant", "assistant.configure"));
    }
}
