package io.lexvault.access.roles;

import io.lexvault.identity.UserId;
import io.lexvault.web.FormOutcome;
import io.lexvault.web.RequiresPermission;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The give and take forms of the people page ({@code /admin/users}, identity's), one role at a time. */
@Controller
class UserRolesForms {

    /** What the page shows as a sentence rather than an error. */
    @SuppressWarnings("unchecked")
    private static final Class<? extends RuntimeException>[] REFUSALS =
            new Class[] {RoleRefusedException.class, UnknownRoleException.class, UnknownUserException.class};

    private final RoleAssignments assignments;

    UserRolesForms(RoleAssignments assignments) {
        this.assignments = assignments;
    }

    @PostMapping("/admin/users/roles/give")
    @RequiresPermission("roles.assign")
    String give(@RequestParam UUID id, @RequestParam String role, RedirectAttributes redirect) {
        return FormOutcome.redirect(
                redirect,
                "/admin/users",
                () -> assignments.give(Caller.ofCurrentRequest(), new UserId(id), role)
                        ? "The role is given; it applies from their next step."
                        : "They hold that role already.",
                REFUSALS);
    }

    @PostMapping("/admin/users/roles/take")
    @RequiresPermission("roles.assign")
    String take(@RequestParam UUID id, @RequestParam String role, RedirectAttributes redirect) {
        return FormOutcome.redirect(
                redirect,
                "/admin/users",
                () -> assignments.take(Caller.ofCurrentRequest(), new UserId(id), role)
                        ? "The role is taken away, in open sessions and API keys too."
                        : "They did not hold that role.",
                REFUSALS);
    }
}
