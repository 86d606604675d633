package io.lexvault.home;

import io.lexvault.documents.Documents;
import io.lexvault.identity.AccountTasks;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.SignedInEndpoint;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home dashboard at {@code /}, where sign-in lands. */
@Controller
class HomePage {

    /** How many of each list the home shows; the full lists are one link away. */
    static final int SHOWN = 10;

    private final Matters matters;
    private final Documents documents;
    private final AccountTasks tasks;
    private final Accounts accounts;
    private final Tenants tenants;

    HomePage(Matters matters, Documents documents, AccountTasks tasks, Accounts accounts, Tenants tenants) {
        this.matters = matters;
        this.documents = documents;
        this.tasks = tasks;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/")
    @SignedInEndpoint("every signed-in user has a home; its matters and documents come from the modules as"
            + " the caller and only with matters.read and documents.read, so it shows nothing their pages"
            + " would not")
    String home(@AuthenticationPrincipal SignedInUser user, Model model) {
        var account = accounts.find(user.userId()).orElseThrow();
        boolean readsMatters = CallerPermissions.holds("matters.read");
        boolean readsDocuments = readsMatters && CallerPermissions.holds("documents.read");
        model.addAttribute("firm", tenants.current());
        model.addAttribute("user", account);
        model.addAttribute("readsMatters", readsMatters);
        model.addAttribute("readsDocuments", readsDocuments);
        model.addAttribute("myMatters", readsMatters ? matters.mine(SHOWN) : List.of());
        model.addAttribute("recentDocuments", readsDocuments ? documents.recentlyChanged(SHOWN) : List.of());
        model.addAttribute("tasks", tasks.openFor(user.userId()));
        return "home/home";
    }
}
