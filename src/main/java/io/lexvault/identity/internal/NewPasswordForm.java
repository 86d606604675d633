package io.lexvault.identity.internal;

import io.lexvault.identity.PasswordPolicy;
import java.util.List;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The form where someone chooses a password — their account page, a firm's sign-up, an invitation, a
 * password reset: one description of the policy for the page and one confirmation check, so the four
 * forms cannot drift apart.
 */
public final class NewPasswordForm {

    private NewPasswordForm() {}

    /** What the page says (and the field enforces) of the length a password must have. */
    public static void describePolicy(Model model) {
        model.addAttribute("minLength", PasswordPolicy.MIN_LENGTH);
        model.addAttribute("maxLength", PasswordPolicy.MAX_LENGTH);
    }

    /**
     * Whether the confirmation differs from the password; if it does, the problem is handed to the next
     * page under {@code problemsAttribute}, and the caller sends the person back to the form.
     */
    public static boolean confirmationDiffers(
            String password, String confirmation, RedirectAttributes redirect, String problemsAttribute) {
        if (password.equals(confirmation)) {
            return false;
        }
        redirect.addFlashAttribute(problemsAttribute, List.of("The password and its confirmation differ."));
        return true;
    }
}
