package io.lexvault.search.web;

import io.lexvault.access.MatterDirectory;
import io.lexvault.identity.SignedInUser;
import io.lexvault.search.IndexingMonitor;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.RequiresPermission;
import java.util.HashMap;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The firm's indexing for administrators ({@code /admin/indexing}): how many uploads wait for the
 * indexer, the versions by state, those being indexed, failed or without text with the reason, and a
 * retry for one or all of them. Read as the administrator: a matter a wall screens them from shows
 * nothing here (its versions' rows are not returned), only in the firm-wide number waiting.
 */
@Controller
class IndexingAdminPage {

    private final IndexingMonitor monitor;
    private final MatterDirectory matters;
    private final Tenants tenants;

    IndexingAdminPage(IndexingMonitor monitor, MatterDirectory matters, Tenants tenants) {
        this.monitor = monitor;
        this.matters = matters;
        this.tenants = tenants;
    }

    @GetMapping("/admin/indexing")
    @RequiresPermission("firm.settings.manage")
    String show(@AuthenticationPrincipal SignedInUser user, Model model) {
        var overview = monitor.overview();
        var matterLabels = new HashMap<UUID, String>();
        for (var problem : overview.problems()) {
            matterLabels.computeIfAbsent(
                    problem.matterId(),
                    id -> matters.visibleListing(id)
                            .map(m -> m.number() + " " + m.title())
                            .orElse(""));
        }
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("overview", overview);
        model.addAttribute("matterLabels", matterLabels);
        model.addAttribute(
                "retryable",
                overview.problems().stream()
                        .filter(p -> !p.state().equals("extracting"))
                        .count());
        return "search/admin-indexing";
    }

    @PostMapping("/admin/indexing/retry")
    @RequiresPermission("firm.settings.manage")
    String retry(
            @RequestParam(defaultValue = "") String document,
            @RequestParam(defaultValue = "0") int version,
            RedirectAttributes redirect) {
        UUID id;
        try {
            id = UUID.fromString(document);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        if (id != null && monitor.retry(id, version)) {
            redirect.addFlashAttribute("notice", "Indexing again; the status below follows.");
        } else {
            redirect.addFlashAttribute("problem", "That version is not one that failed (or no longer exists).");
        }
        return "redirect:/admin/indexing";
    }

    @PostMapping("/admin/indexing/retry-all")
    @RequiresPermission("firm.settings.manage")
    String retryAll(RedirectAttributes redirect) {
        int count = monitor.retryAll();
        redirect.addFlashAttribute(
                "notice",
                count == 0
                        ? "Nothing to retry."
                        : "Indexing " + count + (count == 1 ? " version" : " versions") + " again.");
        return "redirect:/admin/indexing";
    }
}
