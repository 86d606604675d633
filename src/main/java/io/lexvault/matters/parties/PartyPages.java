package io.lexvault.matters.parties;

import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.matters.conflicts.ConflictChecks;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.RequiresPermission;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A matter's parties ({@code /matters/{id}/parties}, {@code matters.read}; the forms {@code
 * matters.update}) and, for holders of {@code conflicts.check}, the conflict reports saved on it. The
 * same facades as the API, so the same 404 for a matter the caller may not see.
 */
@Controller
class PartyPages {

    static final int PAGE_SIZE = 100;

    private final Matters matters;
    private final Parties parties;
    private final ConflictChecks conflicts;
    private final Tenants tenants;

    PartyPages(Matters matters, Parties parties, ConflictChecks conflicts, Tenants tenants) {
        this.matters = matters;
        this.parties = parties;
        this.conflicts = conflicts;
        this.tenants = tenants;
    }

    @GetMapping("/matters/{id}/parties")
    @RequiresPermission("matters.read")
    String parties(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "name") String sort,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        var matterId = new MatterId(id);
        var matter = matters.requested(matterId);
        String order = sort.equals("role") ? "role" : "name";
        var result = parties.list(matterId, order, Math.max(0, page), PAGE_SIZE);
        boolean mayCheck = CallerPermissions.holds("conflicts.check");
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("parties", result.items());
        model.addAttribute("sort", order);
        model.addAttribute("page", result.page());
        model.addAttribute("total", result.total());
        model.addAttribute("hasNext", (long) (result.page() + 1) * PAGE_SIZE < result.total());
        model.addAttribute("mayUpdate", CallerPermissions.holds("matters.update"));
        model.addAttribute("mayCheck", mayCheck);
        model.addAttribute("kinds", PartyKind.values());
        model.addAttribute("roles", PartyRole.values());
        model.addAttribute("reports", mayCheck ? conflicts.reports(matterId) : List.of());
        return "matters/parties";
    }

    @PostMapping("/matters/{id}/parties/add")
    @RequiresPermission("matters.update")
    String add(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String role,
            @RequestParam(defaultValue = "") String notes,
            RedirectAttributes redirect) {
        try {
            var party = parties.add(
                    new MatterId(id),
                    name,
                    PartyKind.byKey(kind).orElseThrow(() -> new IllegalArgumentException("Choose a kind.")),
                    PartyRole.byKey(role).orElseThrow(() -> new IllegalArgumentException("Choose a role.")),
                    notes);
            redirect.addFlashAttribute("notice", "Added " + party.name() + ".");
            // The page then offers to check the new name for conflicts across the firm.
            redirect.addFlashAttribute("addedName", party.name());
        } catch (IllegalArgumentException e) {
            // Our own messages; what was typed comes back on the form.
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("typedName", name);
            redirect.addFlashAttribute("typedNotes", notes);
        }
        return "redirect:/matters/" + id + "/parties";
    }

    @PostMapping("/matters/{id}/parties/{partyId}/remove")
    @RequiresPermission("matters.update")
    String remove(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @PathVariable UUID partyId,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        var matterId = new MatterId(id);
        var party = parties.find(matterId, new PartyId(partyId));
        String partiesPage = "/matters/" + id + "/parties";
        if (!Confirmation.given(confirmed)) {
            // Conflict checks read the parties: removing one is asked about first, like other removals.
            var matter = matters.requested(matterId);
            model.addAttribute("user", user);
            model.addAttribute("firm", tenants.current());
            return new Confirmation(
                            "Remove " + party.name() + " from " + matter.number() + " " + matter.title() + "?",
                            List.of(
                                    "They are no longer a party of this matter, and conflict checks stop finding"
                                            + " this matter under their name.",
                                    "The audit log keeps the removal; you can add them again."),
                            partiesPage + "/" + partyId + "/remove",
                            Map.of(),
                            "Remove " + party.name(),
                            partiesPage)
                    .show(model);
        }
        parties.remove(matterId, party.id());
        redirect.addFlashAttribute("notice", "Removed " + party.name() + ".");
        return "redirect:" + partiesPage;
    }
}
