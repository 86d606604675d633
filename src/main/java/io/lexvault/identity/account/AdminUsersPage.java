package io.lexvault.identity.account;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.identity.onboarding.Invitations;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The firm's people, for administrators: their roles, lift a lockout, reset two-factor
 * authentication, deactivate or reactivate. Every action is also checked against the firm (row-level security: a
 * user id from another firm matches nothing).
 */
@Controller
class AdminUsersPage {

    /** Also the answer for another firm's user: their existence is not confirmed. */
    private static final String NO_SUCH_PERSON = "There is no such person in your firm.";

    private final Accounts accounts;
    private final SecondFactors factors;
    private final Tenants tenants;
    private final AccessGrants grants;

    AdminUsersPage(Accounts accounts, SecondFactors factors, Tenants tenants, AccessGrants grants) {
        this.accounts = accounts;
        this.factors = factors;
        this.tenants = tenants;
        this.grants = grants;
    }

    @GetMapping("/admin/users")
    @RequiresPermission("users.read")
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("accounts", accounts.all());
        model.addAttribute("now", Instant.now());
        model.addAttribute("mfaRequired", factors.requiredByFirm());
        // Roles are the access module's; the forms to give and take them post to its handlers.
        model.addAttribute("rolesByUser", grants.rolesByUser());
        model.addAttribute("roleTitles", grants.assignableRoles());
        model.addAttribute("mayAssign", CallerPermissions.holds(Invitations.ASSIGN_PERMISSION));
        return "identity/admin-users";
    }

    @PostMapping("/admin/users/mfa-policy")
    @RequiresPermission("firm.settings.manage")
    String mfaPolicy(@RequestParam boolean required, RedirectAttributes redirect) {
        factors.requireForFirm(required);
        redirect.addFlashAttribute(
                "notice",
                required
                        ? "Everyone must now use two-factor authentication; those without it set it up at their next sign-in."
                        : "Two-factor authentication is now each person's choice.");
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/unlock")
    @RequiresPermission("users.unlock")
    String unlock(@RequestParam UUID id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", accounts.unlock(new UserId(id)) ? "The lock is lifted." : NO_SUCH_PERSON);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/reset-two-factor")
    @RequiresPermission("users.mfa.reset")
    String resetTwoFactor(@RequestParam UUID id, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "notice",
                factors.reset(new UserId(id))
                        ? "Two-factor authentication is reset; the user is signed out everywhere and told by e-mail."
                        : NO_SUCH_PERSON);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/deactivate")
    @RequiresPermission("users.manage")
    String deactivate(@AuthenticationPrincipal SignedInUser user, @RequestParam UUID id, RedirectAttributes redirect) {
        if (user.user().equals(id)) {
            redirect.addFlashAttribute("notice", "You cannot deactivate your own account.");
            return "redirect:/admin/users";
        }
        redirect.addFlashAttribute(
                "notice",
                accounts.deactivate(new UserId(id))
                        ? "The account is deactivated and signed out everywhere."
                        : NO_SUCH_PERSON);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/reactivate")
    @RequiresPermission("users.manage")
    String reactivate(@RequestParam UUID id, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "notice", accounts.reactivate(new UserId(id)) ? "The account is active again." : NO_SUCH_PERSON);
        return "redirect:/admin/users";
    }
}
