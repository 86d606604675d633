package io.lexvault.identity.passwordreset;

import io.lexvault.identity.PasswordRejectedException;
import io.lexvault.identity.internal.NewPasswordForm;
import io.lexvault.web.PublicEndpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Forgot your password?": ask for a link, then choose a new password through it. */
@Controller
class PasswordResetPages {

    private final PasswordResets resets;

    PasswordResetPages(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping("/password-reset")
    @PublicEndpoint("someone who forgot their password is signed out")
    String askForm() {
        return "identity/password-reset-request";
    }

    @PostMapping("/password-reset")
    @PublicEndpoint("queues a reset; the answer is the same whether or not the address has an account")
    String ask(@RequestParam String email) {
        resets.request(email);
        return "redirect:/password-reset?sent";
    }

    @GetMapping("/password-reset/{firm}/{token}")
    @PublicEndpoint("the link from the e-mail; it proves itself")
    String chooseForm(@PathVariable String firm, @PathVariable String token, Model model) {
        if (!resets.isUsable(firm, token)) {
            return "identity/password-reset-expired";
        }
        NewPasswordForm.describePolicy(model);
        return "identity/password-reset-choose";
    }

    @PostMapping("/password-reset/{firm}/{token}")
    @PublicEndpoint("sets a new password through a single-use link")
    String choose(
            @PathVariable String firm,
            @PathVariable String token,
            @RequestParam String password,
            @RequestParam String confirmation,
            RedirectAttributes redirect) {
        String back = "redirect:/password-reset/" + firm + "/" + token;
        if (NewPasswordForm.confirmationDiffers(password, confirmation, redirect, "problems")) {
            return back;
        }
        try {
            resets.complete(firm, token, password);
        } catch (InvalidResetLinkException e) {
            return "redirect:/password-reset?expired";
        } catch (PasswordRejectedException e) {
            redirect.addFlashAttribute("problems", e.problems());
            return back;
        }
        return "redirect:/login?reset";
    }
}
