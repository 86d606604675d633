package io.lexvault.identity.account;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.identity.onboarding.Invitations;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
    String mfaPolicy(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam boolean required,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        // Requiring it stops everyone without a second factor at their next sign-in: asked first.
        // Making it optional again weakens nobody's account, so it acts at once.
        if (required && !Confirmation.given(confirmed)) {
            return confirm(
                    user,
                    model,
                    "Require two-factor authentication for everyone?",
                    List.of(
                            "Everyone without a second factor must set one up at their next sign-in before they can work.",
                            "Signed-in sessions go on until they end."),
                    "/admin/users/mfa-policy",
                    Map.of("required", "true"),
                    "Require it for everyone");
        }
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
    String resetTwoFactor(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam UUID id,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        var person = accounts.find(new UserId(id));
        if (person.isPresent() && !Confirmation.given(confirmed)) {
            String name = person.get().displayName();
            return confirm(
                    user,
                    model,
                    "Reset two-factor authentication of " + name + "?",
                    List.of(
                            "Their authenticator app, passkeys used as a second factor and backup codes stop working.",
                            name + " is signed out everywhere and told by e-mail.",
                            "Do this only after you have made sure, outside LexVault, that the request is theirs."),
                    "/admin/users/reset-two-factor",
                    Map.of("id", id.toString()),
                    "Reset two-factor of " + name);
        }
        redirect.addFlashAttribute(
                "notice",
                factors.reset(new UserId(id))
                        ? "Two-factor authentication of " + person.get().displayName()
                                + " is reset; they are signed out everywhere and told by e-mail."
                        : NO_SUCH_PERSON);
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/deactivate")
    @RequiresPermission("users.manage")
    String deactivate(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam UUID id,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        if (user.user().equals(id)) {
            redirect.addFlashAttribute("notice", "You cannot deactivate your own account.");
            return "redirect:/admin/users";
        }
        var person = accounts.find(new UserId(id));
        if (person.isPresent() && !Confirmation.given(confirmed)) {
            String name = person.get().displayName();
            return confirm(
                    user,
                    model,
                    "Deactivate " + name + "?",
                    List.of(
                            name + " is signed out everywhere; their API keys stop working.",
                            "Their documents, matters and audit history stay. You can reactivate the account later."),
                    "/admin/users/deactivate",
                    Map.of("id", id.toString()),
                    "Deactivate " + name);
        }
        redirect.addFlashAttribute(
                "notice",
                accounts.deactivate(new UserId(id))
                        ? person.get().displayName() + " is deactivated and signed out everywhere."
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

    private String confirm(
            SignedInUser user,
            Model model,
            String title,
            List<String> consequences,
            String action,
            Map<String, String> fields,
            String label) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        return new Confirmation(title, consequences, action, fields, label, "/admin/users").show(model);
    }
}
