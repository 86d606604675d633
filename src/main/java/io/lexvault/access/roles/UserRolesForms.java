package io.lexvault.access.roles;

import io.lexvault.identity.Account;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.Confirmation;
import io.lexvault.web.FormOutcome;
import io.lexvault.web.RequiresPermission;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The give and take forms of the people page ({@code /admin/users}, identity's), one role at a time.
 * Giving a role grants power, so it is asked first (a confirmation page naming the role, the person and
 * what the role may do); the notices name the role and the person.
 */
@Controller
class UserRolesForms {

    /** What the page shows as a sentence rather than an error. */
    @SuppressWarnings("unchecked")
    private static final Class<? extends RuntimeException>[] REFUSALS =
            new Class[] {RoleRefusedException.class, UnknownRoleException.class, UnknownUserException.class};

    private final RoleAssignments assignments;
    private final Accounts accounts;
    private final Tenants tenants;

    UserRolesForms(RoleAssignments assignments, Accounts accounts, Tenants tenants) {
        this.assignments = assignments;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @PostMapping("/admin/users/roles/give")
    @RequiresPermission("roles.assign")
    String give(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam UUID id,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        if (role.isBlank()) {
            // The picker starts empty: nothing chosen is nothing given.
            redirect.addFlashAttribute("problem", "Choose a role to give.");
            return "redirect:/admin/users";
        }
        String title = assignments.assignableRoles().getOrDefault(role, role);
        var person = accounts.find(new UserId(id));
        String name = person.map(Account::displayName).orElse("them");
        // Someone of another firm or an unknown role is refused below, without a question first.
        if (!Confirmation.given(confirmed)
                && person.isPresent()
                && assignments.assignableRoles().containsKey(role)) {
            int permissions = assignments.permissionsOfRole(role).size();
            model.addAttribute("user", user);
            model.addAttribute("firm", tenants.current());
            return new Confirmation(
                            "Give " + name + " the role " + title + "?",
                            List.of(
                                    "The role " + title + " holds " + permissions
                                            + (permissions == 1 ? " permission" : " permissions")
                                            + "; " + name + " may use them from their next step.",
                                    "You can take the role away again on the people page."),
                            "/admin/users/roles/give",
                            Map.of("id", id.toString(), "role", role),
                            "Give " + name + " the role " + title,
                            "/admin/users")
                    .show(model);
        }
        return FormOutcome.redirect(
                redirect,
                "/admin/users",
                () -> assignments.give(Caller.ofCurrentRequest(), new UserId(id), role)
                        ? "Gave " + name + " the role " + title + "; it applies from their next step."
                        : name + " holds the role " + title + " already.",
                REFUSALS);
    }

    @PostMapping("/admin/users/roles/take")
    @RequiresPermission("roles.assign")
    String take(@RequestParam UUID id, @RequestParam String role, RedirectAttributes redirect) {
        String title = assignments.assignableRoles().getOrDefault(role, role);
        String name = accounts.find(new UserId(id)).map(Account::displayName).orElse("them");
        return FormOutcome.redirect(
                redirect,
                "/admin/users",
                () -> assignments.take(Caller.ofCurrentRequest(), new UserId(id), role)
                        ? "Took the role " + title + " away from " + name + ", in open sessions and API keys too."
                        : name + " did not hold the role " + title + ".",
                REFUSALS);
    }
}
