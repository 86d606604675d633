package io.lexvault.identity.onboarding;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.EmailTakenException;
import io.lexvault.identity.PasswordRejectedException;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.NewPasswordForm;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.PublicEndpoint;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators invite people by e-mail; the invited accept through the link. */
@Controller
class InvitationPages {

    private final Invitations invitations;
    private final AccessGrants grants;
    private final Tenants tenants;

    InvitationPages(Invitations invitations, AccessGrants grants, Tenants tenants) {
        this.invitations = invitations;
        this.grants = grants;
        this.tenants = tenants;
    }

    @GetMapping("/admin/invitations")
    @RequiresPermission(Invitations.INVITE_PERMISSION)
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("invitations", invitations.all());
        model.addAttribute("roles", grants.assignableRoles());
        model.addAttribute("now", Instant.now());
        return "identity/invitations";
    }

    @PostMapping("/admin/invitations")
    @RequiresPermission(Invitations.INVITE_PERMISSION)
    String invite(
            @RequestParam String email, @RequestParam(defaultValue = "") String role, RedirectAttributes redirect) {
        if (role.isBlank()) {
            // The role picker starts empty (never on Administrator): nothing chosen is nothing sent.
            redirect.addFlashAttribute("problem", "Choose the role the invited person gets.");
            return "redirect:/admin/invitations";
        }
        try {
            invitations.invite(email, List.of(role));
            redirect.addFlashAttribute(
                    "notice",
                    "Invitation sent to " + email.strip() + " with the role "
                            + grants.assignableRoles().getOrDefault(role, role) + ".");
        } catch (IllegalArgumentException | AccessDeniedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/invitations";
    }

    @GetMapping("/invitations/{firm}/{token}")
    @PublicEndpoint("the link from the invitation e-mail; it proves itself")
    String acceptForm(@PathVariable String firm, @PathVariable String token, Model model) {
        var address = invitations.invitedAddress(firm, token);
        if (address.isEmpty()) {
            return "identity/invitation-expired";
        }
        model.addAttribute("email", address.get());
        NewPasswordForm.describePolicy(model);
        return "identity/invitation-accept";
    }

    @PostMapping("/invitations/{firm}/{token}")
    @PublicEndpoint("creates the invited person's account through a single-use link")
    String accept(
            @PathVariable String firm,
            @PathVariable String token,
            @RequestParam String name,
            @RequestParam String password,
            @RequestParam String confirmation,
            RedirectAttributes redirect) {
        String back = "redirect:/invitations/" + firm + "/" + token;
        if (NewPasswordForm.confirmationDiffers(password, confirmation, redirect, "problems")) {
            return back;
        }
        try {
            invitations.accept(firm, token, name, password);
        } catch (InvalidInvitationException e) {
            return "identity/invitation-expired";
        } catch (PasswordRejectedException e) {
            redirect.addFlashAttribute("problems", e.problems());
            return back;
        } catch (EmailTakenException e) {
            redirect.addFlashAttribute(
                    "problems", List.of("This address already has a LexVault account: sign in with it instead."));
            return back;
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problems", List.of(e.getMessage()));
            return back;
        }
        return "redirect:/login?welcome";
    }
}
