package io.lexvault.matters.conflicts;

import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The conflict check page ({@code /conflicts}, {@code conflicts.check}): names one per line, the
 * results (matter numbers, roles and scores only, as the API), and a form that saves the check as a
 * report on a matter the caller may see. Names travel in POST bodies only, never in a URL, so they
 * stay out of access logs and browser history.
 */
@Controller
class ConflictPages {

    private final ConflictChecks conflicts;
    private final Matters matters;
    private final Tenants tenants;

    ConflictPages(ConflictChecks conflicts, Matters matters, Tenants tenants) {
        this.conflicts = conflicts;
        this.matters = matters;
        this.tenants = tenants;
    }

    @GetMapping("/conflicts")
    @RequiresPermission("conflicts.check")
    String form(@AuthenticationPrincipal SignedInUser user, Model model) {
        return page(user, model, "", null);
    }

    @PostMapping("/conflicts")
    @RequiresPermission("conflicts.check")
    String check(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "") String names,
            @RequestParam(defaultValue = "") String threshold,
            Model model,
            HttpServletResponse response) {
        try {
            var check = conflicts.check(lines(names), threshold(threshold), null);
            model.addAttribute("check", check);
        } catch (IllegalArgumentException e) {
            model.addAttribute("problem", e.getMessage());
        } catch (ConflictChecksThrottledException e) {
            // The page again with what was typed and why nothing was searched.
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
            model.addAttribute("problem", e.getMessage());
        }
        return page(user, model, names, threshold);
    }

    @PostMapping("/conflicts/report")
    @RequiresPermission("conflicts.check")
    String save(
            @RequestParam(defaultValue = "") String names,
            @RequestParam(defaultValue = "") String threshold,
            @RequestParam(defaultValue = "") String matter,
            RedirectAttributes redirect) {
        UUID matterId;
        try {
            matterId = UUID.fromString(matter);
        } catch (IllegalArgumentException e) {
            throw new MatterNotVisibleException();
        }
        try {
            conflicts.saveReport(new MatterId(matterId), lines(names), threshold(threshold));
            redirect.addFlashAttribute("notice", "The conflict check is saved on the matter.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/matters/" + matterId + "/parties";
    }

    private String page(SignedInUser user, Model model, String names, @Nullable String threshold) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("names", names);
        model.addAttribute(
                "threshold",
                threshold == null || threshold.isBlank()
                        ? String.valueOf(ConflictChecks.DEFAULT_THRESHOLD)
                        : threshold);
        // The matters a report can go on: those the caller may see (first page, by number).
        model.addAttribute("matters", matters.list(0, Matters.MAX_PAGE_SIZE).items());
        return "matters/conflicts";
    }

    private static List<String> lines(String names) {
        return Arrays.stream(names.split("\\R"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static @Nullable Double threshold(String threshold) {
        if (threshold.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(threshold.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The threshold is a number between 0.2 and 1.");
        }
    }
}
