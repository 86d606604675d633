package io.lexvault.identity.onboarding;

import io.lexvault.identity.EmailTakenException;
import io.lexvault.identity.PasswordRejectedException;
import io.lexvault.identity.internal.NewPasswordForm;
import io.lexvault.web.PublicEndpoint;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Self-service sign-up of a new firm; not found at all when the operator has switched it off. */
@Controller
class SignupPages {

    private final Signups signups;

    SignupPages(Signups signups) {
        this.signups = signups;
    }

    @GetMapping("/signup")
    @PublicEndpoint("a new firm signs up before it has any account")
    String form() {
        requireEnabled();
        return "identity/signup";
    }

    @PostMapping("/signup")
    @PublicEndpoint("queues a sign-up; the answer never says whether the address is known")
    String submit(@RequestParam String firm, @RequestParam String name, @RequestParam String email, Model model) {
        requireEnabled();
        var problems = signups.request(firm, name, email);
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            model.addAttribute("firm", firm);
            model.addAttribute("name", name);
            model.addAttribute("email", email);
            return "identity/signup";
        }
        return "redirect:/signup?sent";
    }

    @GetMapping("/signup/confirm/{token}")
    @PublicEndpoint("the link from the confirmation e-mail; it proves itself")
    String confirmForm(@PathVariable String token, Model model) {
        requireEnabled();
        var pending = signups.pending(token);
        if (pending.isEmpty()) {
            return "identity/signup-expired";
        }
        // A button, not an automatic action: mail scanners that open links must not create firms.
        model.addAttribute("pending", pending.get());
        NewPasswordForm.describePolicy(model);
        return "identity/signup-confirm";
    }

    @PostMapping("/signup/confirm/{token}")
    @PublicEndpoint("creates the firm and its administrator through a single-use link")
    String confirm(
            @PathVariable String token,
            @RequestParam String password,
            @RequestParam String confirmation,
            RedirectAttributes redirect) {
        requireEnabled();
        String back = "redirect:/signup/confirm/" + token;
        if (NewPasswordForm.confirmationDiffers(password, confirmation, redirect, "problems")) {
            return back;
        }
        try {
            signups.confirm(token, password);
        } catch (PasswordRejectedException e) {
            redirect.addFlashAttribute("problems", e.problems());
            return back;
        } catch (InvalidSignupLinkException | EmailTakenException e) {
            return "identity/signup-expired";
        }
        return "redirect:/login?welcome";
    }

    private void requireEnabled() {
        if (!signups.enabled()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
