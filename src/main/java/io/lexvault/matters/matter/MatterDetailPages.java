package io.lexvault.matters.matter;

import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.MatterRef;
import io.lexvault.access.Permission;
import io.lexvault.access.Teams;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.audit.RequestAudit;
import io.lexvault.identity.Account;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterDetails;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.MatterOverviewPanel;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.matters.MatterStatus;
import io.lexvault.matters.Matters;
import io.lexvault.matters.numbers.MatterNumberTakenException;
import io.lexvault.matters.numbers.MatterNumbers;
import io.lexvault.matters.parties.Parties;
import io.lexvault.matters.parties.Party;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** How many parties, team members and events the matter's home shows before "all ...". */
    static final int OVERVIEW_ROWS = 8;

    /** One event of the matter's recent activity, names already resolved. */
    record Activity(Instant at, String who, String what, String outcome) {}

    private final Matters matters;
    private final MatterNumbers numbers;
    private final Accounts accounts;
    private final Tenants tenants;
    private final Parties parties;
    private final Teams teams;
    private final RoleAssignments roles;
    private final AuditTrail trail;
    private final RequestAudit audit;
    private final List<MatterOverviewPanel> panels;

    MatterDetailPages(
            Matters matters,
            MatterNumbers numbers,
            Accounts accounts,
            Tenants tenants,
            Parties parties,
            Teams teams,
            RoleAssignments roles,
            AuditTrail trail,
            RequestAudit audit,
            List<MatterOverviewPanel> panels) {
        this.matters = matters;
        this.numbers = numbers;
        this.accounts = accounts;
        this.tenants = tenants;
        this.parties = parties;
        this.teams = teams;
        this.roles = roles;
        this.trail = trail;
        this.audit = audit;
        this.panels = panels;
    }

    @GetMapping("/matters/new")
    @RequiresPermission("matters.create")
    String newMatter(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) @Nullable String clientId,
            Model model) {
        // The opener is proposed as the responsible attorney only when they may be one.
        boolean mayBeAttorney =
                possibleAttorneys(null).stream().anyMatch(a -> a.id().value().equals(user.user()));
        var form = new MatterForm(
                clientId, "", "", "", "", mayBeAttorney ? user.user().toString() : "", "");
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
            // Its home then offers the conflict check of its client's name (and of parties added later).
            redirect.addFlashAttribute("offerConflictCheck", true);
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

    /** The matter's home: its summary, documents, parties, team, recent activity and search. */
    @GetMapping("/matters/{id}")
    @RequiresPermission("matters.read")
    String detail(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var matter = matters.requested(new MatterId(id));
        return overviewPage(user, matter, model);
    }

    /** The details form, behind the home page's "Edit" action. */
    @GetMapping("/matters/{id}/edit")
    @RequiresPermission("matters.update")
    String edit(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var matter = matters.requested(new MatterId(id));
        return editPage(user, matter, MatterForm.of(matter), model);
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
            return editPage(user, matter, form, model);
        }
    }

    @PostMapping("/matters/{id}/close")
    @RequiresPermission("matters.close")
    String close(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        return changeStatusOnceConfirmed(
                user,
                id,
                confirmed,
                model,
                redirect,
                MatterStatus.CLOSED,
                "close",
                List.of(
                        "It is marked closed as of today; its documents, parties and team stay as they are.",
                        "You can reopen it from its page."),
                "The matter was closed.");
    }

    @PostMapping("/matters/{id}/reopen")
    @RequiresPermission("matters.close")
    String reopen(@PathVariable UUID id, RedirectAttributes redirect) {
        return changeStatus(id, MatterStatus.OPEN, "The matter was reopened.", redirect);
    }

    @PostMapping("/matters/{id}/archive")
    @RequiresPermission("matters.close")
    String archive(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        return changeStatusOnceConfirmed(
                user,
                id,
                confirmed,
                model,
                redirect,
                MatterStatus.ARCHIVED,
                "archive",
                List.of(
                        "An archived matter leaves the list of open work; nothing of it is deleted.",
                        "You can reopen it from its page."),
                "The matter was archived.");
    }

    /**
     * Closing or archiving: first a confirmation page ("Close the matter N-1 Title?" with what follows),
     * then, confirmed, the change.
     */
    private String changeStatusOnceConfirmed(
            SignedInUser user,
            UUID id,
            String confirmed,
            Model model,
            RedirectAttributes redirect,
            MatterStatus target,
            String action,
            List<String> consequences,
            String done) {
        if (Confirmation.given(confirmed)) {
            return changeStatus(id, target, done, redirect);
        }
        var matter = matters.requested(new MatterId(id));
        String verb = Character.toUpperCase(action.charAt(0)) + action.substring(1);
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        String home = "/matters/" + matter.id().value();
        return new Confirmation(
                        verb + " the matter " + matter.number() + " " + matter.title() + "?",
                        consequences,
                        home + "/" + action,
                        Map.of(),
                        verb + " the matter",
                        home)
                .show(model);
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
        model.addAttribute("attorneys", possibleAttorneys(null));
        model.addAttribute("mayCheckConflicts", CallerPermissions.holds("conflicts.check"));
        var settings = numbers.settings();
        model.addAttribute("format", settings.format().pattern());
        model.addAttribute("enforced", settings.enforced());
        model.addAttribute("suggestion", numbers.suggestion());
        return "matters/matter-new";
    }

    private String overviewPage(SignedInUser user, Matter matter, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("attorneyName", attorneyName(matter));
        model.addAttribute("mayUpdate", CallerPermissions.holds("matters.update"));
        model.addAttribute("mayClose", CallerPermissions.holds("matters.close"));
        boolean mayReadTeams = CallerPermissions.holds("teams.read");
        model.addAttribute("mayReadTeams", mayReadTeams);
        model.addAttribute("mayReadWalls", CallerPermissions.holds("walls.read"));
        model.addAttribute("mayReadClients", CallerPermissions.holds("clients.read"));
        model.addAttribute("mayReadDocuments", CallerPermissions.holds("documents.read"));
        model.addAttribute("mayAsk", CallerPermissions.holds("assistant.use"));
        model.addAttribute("mayCheckConflicts", CallerPermissions.holds("conflicts.check"));
        var partyPage = parties.list(matter.id(), "name", 0, OVERVIEW_ROWS);
        model.addAttribute("parties", partyPage.items());
        model.addAttribute("partyTotal", partyPage.total());
        // The conflict check offered here covers the client and every party (the check takes 20 names).
        var names = new ArrayList<String>();
        names.add(matter.clientName());
        parties.list(matter.id(), "name", 0, Parties.MAX_PAGE_SIZE).items().stream()
                .map(Party::name)
                .filter(name -> !names.contains(name))
                .limit(19)
                .forEach(names::add);
        model.addAttribute("conflictNames", String.join("\n", names));
        if (mayReadTeams) {
            model.addAttribute(
                    "team",
                    teams.members(
                            new MatterRef(matter.id().value(), matter.client().value(), matter.number())));
        }
        model.addAttribute("activity", recentActivity(matter));
        model.addAttribute(
                "panels",
                panels.stream()
                        .map(contribution -> contribution.panel(matter))
                        .filter(java.util.Objects::nonNull)
                        .sorted(Comparator.comparingInt(MatterOverviewPanel.Panel::order))
                        .toList());
        return "matters/matter";
    }

    /**
     * The matter's latest events for those who read the audit log (the audit trail leaves out what a wall
     * screens them from); the look is recorded with the matter, like a timeline viewed on the audit page.
     * Null for everyone else: the activity is the audit log's, and only its readers see it.
     */
    private @Nullable List<Activity> recentActivity(Matter matter) {
        if (!CallerPermissions.holds("audit.read")) {
            return null;
        }
        var filter = new AuditTrail.Filter(null, null, null, matter.id().value(), null, null, null);
        var events = trail.page(filter, AuditTrail.Order.NEWEST_FIRST, 0, OVERVIEW_ROWS);
        audit.succeeded(
                AuditAction.AUDIT_VIEWED,
                null,
                null,
                matter.id().value(),
                matter.client().value(),
                Map.of("view", "matter overview", "matter", matter.id().value().toString()));
        Map<UUID, String> names = new HashMap<>();
        accounts.all().forEach(a -> names.put(a.id().value(), a.displayName()));
        return events.stream()
                .map(e -> new Activity(
                        e.occurredAt(),
                        e.actorId() == null ? e.actorType() : names.getOrDefault(e.actorId(), "a former user"),
                        e.action(),
                        e.outcome()))
                .toList();
    }

    private String editPage(SignedInUser user, Matter matter, MatterForm form, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("form", form);
        model.addAttribute("attorneys", possibleAttorneys(matter.responsibleAttorney()));
        return "matters/matter-edit";
    }

    private @Nullable String attorneyName(Matter matter) {
        return matter.responsibleAttorney() == null
                ? null
                : accounts.find(matter.responsibleAttorney())
                        .map(Account::displayName)
                        .orElse("a former user");
    }

    /**
     * Who may be a matter's responsible attorney: active people holding {@code matters.update} through a
     * role (attorneys and administrators in the built-in roles; never the auditor, a paralegal or staff),
     * and the current one, so that saving other details never silently drops them.
     */
    private List<Account> possibleAttorneys(@Nullable UserId current) {
        var holders = roles.holdersOf(Permission.MATTERS_UPDATE).keySet();
        return accounts.all().stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .filter(a -> holders.contains(a.id().value()) || a.id().equals(current))
                .sorted(Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }
}
