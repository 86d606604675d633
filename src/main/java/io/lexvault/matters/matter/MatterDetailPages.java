package io.lexvault.matters.matter;

import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.identity.Account;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterDetails;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.matters.MatterStatus;
import io.lexvault.matters.Matters;
import io.lexvault.matters.numbers.MatterNumberTakenException;
import io.lexvault.matters.numbers.MatterNumbers;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Opening a matter ({@code /matters/new}), one matter with its details, status actions and links
 * ({@code /matters/{id}}). A matter the caller may not see is the 404 page, like none at all, and the
 * refused look is recorded; a refused form is shown again with what was typed and why.
 */
@Controller
class MatterDetailPages {

    /** The form's fields as typed. */
    record MatterForm(
            @Nullable String clientId,
            @Nullable String number,
            @Nullable String title,
            @Nullable String description,
            @Nullable String practiceArea,
            @Nullable String responsibleAttorneyId,
            @Nullable String openedOn) {

        static MatterForm of(Matter m) {
            return new MatterForm(
                    m.client().toString(),
                    m.number(),
                    m.title(),
                    m.description(),
                    m.practiceArea(),
                    m.responsibleAttorney() == null
                            ? ""
                            : m.responsibleAttorney().value().toString(),
                    m.openedOn().toString());
        }

        MatterDetails details() {
            return new MatterDetails(
                    number,
                    title,
                    description,
                    practiceArea,
                    uuid(responsibleAttorneyId, "responsibleAttorneyId"),
                    openedOn);
        }

        static @Nullable UUID uuid(@Nullable String text, String what) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return UUID.fromString(text.strip());
            } catch (IllegalArgumentException e) {
                throw new MatterRefusedException(
                        MatterRefusedException.Reason.INVALID, "Choose a " + what + " from the list.");
            }
        }
    }

    private final Matters matters;
    private final MatterNumbers numbers;
    private final Accounts accounts;
    private final Tenants tenants;

    MatterDetailPages(Matters matters, MatterNumbers numbers, Accounts accounts, Tenants tenants) {
        this.matters = matters;
        this.numbers = numbers;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/matters/new")
    @RequiresPermission("matters.create")
    String newMatter(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) @Nullable String clientId,
            Model model) {
        var form = new MatterForm(clientId, "", "", "", "", user.user().toString(), "");
        return newMatterPage(user, form, model);
    }

    @PostMapping("/matters")
    @RequiresPermission("matters.create")
    String open(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute MatterForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        String problem;
        try {
            UUID client = MatterForm.uuid(form.clientId(), "client");
            if (client == null) {
                throw new MatterRefusedException(MatterRefusedException.Reason.INVALID, "Choose a client.");
            }
            var id = matters.open(new ClientId(client), form.details());
            redirect.addFlashAttribute("notice", "The matter was opened.");
            return "redirect:/matters/" + id;
        } catch (MatterRefusedException e) {
            problem = e.getMessage();
        } catch (MatterNumberTakenException e) {
            problem = "The firm already has a matter with this number; leave it empty to get the next free one.";
        } catch (MatterNotVisibleException e) {
            problem = "Choose a client from the list.";
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("problem", problem);
        return newMatterPage(user, form, model);
    }

    @GetMapping("/matters/{id}")
    @RequiresPermission("matters.read")
    String detail(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var matter = matters.requested(new MatterId(id));
        return detailPage(user, matter, MatterForm.of(matter), model);
    }

    @PostMapping("/matters/{id}")
    @RequiresPermission("matters.update")
    String update(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @ModelAttribute MatterForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var matter = matters.requested(new MatterId(id));
        try {
            matters.update(matter.id(), form.details());
            redirect.addFlashAttribute("notice", "The matter's details were saved.");
            return "redirect:/matters/" + id;
        } catch (MatterRefusedException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problem", e.getMessage());
            return detailPage(user, matter, form, model);
        }
    }

    @PostMapping("/matters/{id}/close")
    @RequiresPermission("matters.close")
    String close(@PathVariable UUID id, RedirectAttributes redirect) {
        return changeStatus(id, MatterStatus.CLOSED, "The matter was closed.", redirect);
    }

    @PostMapping("/matters/{id}/reopen")
    @RequiresPermission("matters.close")
    String reopen(@PathVariable UUID id, RedirectAttributes redirect) {
        return changeStatus(id, MatterStatus.OPEN, "The matter was reopened.", redirect);
    }

    @PostMapping("/matters/{id}/archive")
    @RequiresPermission("matters.close")
    String archive(@PathVariable UUID id, RedirectAttributes redirect) {
        return changeStatus(id, MatterStatus.ARCHIVED, "The matter was archived.", redirect);
    }

    private String changeStatus(UUID id, MatterStatus target, String done, RedirectAttributes redirect) {
        try {
            matters.changeStatus(new MatterId(id), target);
            redirect.addFlashAttribute("notice", done);
        } catch (MatterRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/matters/" + id;
    }

    private String newMatterPage(SignedInUser user, MatterForm form, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("form", form);
        model.addAttribute("clients", matters.clients());
        model.addAttribute("attorneys", activePeople());
        var settings = numbers.settings();
        model.addAttribute("format", settings.format().pattern());
        model.addAttribute("enforced", settings.enforced());
        model.addAttribute("suggestion", numbers.suggestion());
        return "matters/matter-new";
    }

    private String detailPage(SignedInUser user, Matter matter, MatterForm form, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("form", form);
        model.addAttribute(
                "attorneyName",
                matter.responsibleAttorney() == null
                        ? null
                        : accounts.find(matter.responsibleAttorney())
                                .map(Account::displayName)
                                .orElse("a former user"));
        boolean mayUpdate = CallerPermissions.holds("matters.update");
        model.addAttribute("mayUpdate", mayUpdate);
        if (mayUpdate) {
            model.addAttribute("attorneys", activePeople());
        }
        model.addAttribute("mayClose", CallerPermissions.holds("matters.close"));
        model.addAttribute("mayReadTeams", CallerPermissions.holds("teams.read"));
        model.addAttribute("mayReadWalls", CallerPermissions.holds("walls.read"));
        model.addAttribute("mayReadClients", CallerPermissions.holds("clients.read"));
        model.addAttribute("mayReadDocuments", CallerPermissions.holds("documents.read"));
        model.addAttribute("mayAsk", CallerPermissions.holds("assistant.use"));
        return "matters/matter";
    }

    private List<Account> activePeople() {
        return accounts.all().stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .sorted(Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }
}
