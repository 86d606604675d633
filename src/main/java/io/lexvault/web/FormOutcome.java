package io.lexvault.web;

import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * How a page's form handler answers a change: back to the page (post, redirect, get), with the
 * change's own sentence as the notice, or, where the change is refused for one of the reasons the
 * handler names, the refusal's sentence as the problem. Any other exception is an error, as before.
 */
public final class FormOutcome {

    private FormOutcome() {}

    /** Makes the change and redirects to {@code page}; {@code refusals} are the exceptions shown as problems. */
    @SafeVarargs
    public static String redirect(
            RedirectAttributes redirect,
            String page,
            Supplier<String> change,
            Class<? extends RuntimeException>... refusals) {
        try {
            redirect.addFlashAttribute("notice", change.get());
        } catch (RuntimeException e) {
            if (!isOneOf(e, refusals)) {
                throw e;
            }
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:" + page;
    }

    private static boolean isOneOf(RuntimeException e, Class<? extends RuntimeException>[] refusals) {
        for (var refusal : refusals) {
            if (refusal.isInstance(e)) {
                return true;
            }
        }
        return false;
    }
}
