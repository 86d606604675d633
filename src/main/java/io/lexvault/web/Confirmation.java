package io.lexvault.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ui.Model;

/**
 * The question a destructive or powerful form asks before it acts. Its handler takes the request once
 * without {@code confirmed=yes} and answers with this page (no change made), whose form posts the same
 * fields again with {@code confirmed=yes}: a confirmation that needs no script, and a forged or
 * accidental single post (a double click, a form resent from history) changes nothing.
 *
 * @param title the page's heading, e.g. "Delete the document?"
 * @param consequences what happens, one sentence each, in words the user knows
 * @param action the address the confirmed form posts to (the handler that asked)
 * @param fields the form's fields to post again (besides {@code confirmed} and the CSRF token)
 * @param confirmLabel the button that acts, e.g. "Delete Engagement letter"
 * @param cancelPath where "Keep it" leads: the page the user came from
 */
public record Confirmation(
        String title,
        List<String> consequences,
        String action,
        Map<String, String> fields,
        String confirmLabel,
        String cancelPath) {

    /** The parameter and value the confirmed form adds. */
    public static final String PARAMETER = "confirmed";

    public static final String YES = "yes";

    public Confirmation {
        consequences = List.copyOf(consequences);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** Whether the request carries the confirmation ({@code confirmed=yes}). */
    public static boolean given(String confirmed) {
        return YES.equals(confirmed);
    }

    /** The confirmation page's view, with this question in the model. */
    public String show(Model model) {
        model.addAttribute("confirmation", this);
        return "confirm-action";
    }
}
