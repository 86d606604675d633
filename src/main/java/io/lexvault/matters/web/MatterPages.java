package io.lexvault.matters.web;

import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Groups;
import io.lexvault.access.MatterAccess;
import io.lexvault.access.MatterRef;
import io.lexvault.access.Member;
import io.lexvault.access.MemberChoice;
import io.lexvault.access.Role;
import io.lexvault.access.Teams;
import io.lexvault.access.WallId;
import io.lexvault.access.roles.Roles;
import io.lexvault.identity.Account;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.Matter;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.matters.MatterSort;
import io.lexvault.matters.MatterStatus;
import io.lexvault.matters.Matters;
import io.lexvault.matters.SortOrder;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.RequiresPermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The matters the caller may see ({@code /matters}), a matter's team with the forms that change it
 * ({@code /admin/matters/{id}/team}) and who can access it and why ({@code /admin/matters/{id}/access}).
 * A matter the caller may not see (another firm's, behind a wall that screens them, outside their
 * teams) is the error page's 404 on every path, like one that does not exist; a missing permission is
 * 403 before anything is looked up.
 */
@Controller
class MatterPages {

    static final int PAGE_SIZE = 50;

    /** One person's access as the page shows it: reasons and walls already in words. */
    record AccessRow(String name, boolean active, boolean canAccess, List<String> reasons, List<String> screenedBy) {}

    private final Matters matters;
    private final Teams teams;
    private final MatterAccess access;
    private final EthicalWalls walls;
    private final Groups groups;
    private final Roles roles;
    private final Accounts accounts;
    private final Tenants tenants;

    MatterPages(
            Matters matters,
            Teams teams,
            MatterAccess access,
            EthicalWalls walls,
            Groups groups,
            Roles roles,
            Accounts accounts,
            Tenants tenants) {
        this.matters = matters;
        this.teams = teams;
        this.access = access;
        this.walls = walls;
        this.groups = groups;
        this.roles = roles;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/matters")
    @RequiresPermission("matters.read")
    String list(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable String sort,
            @RequestParam(required = false) @Nullable String status,
            Model model) {
        // A hand-edited address falls back to the plain list rather than an error page.
        SortOrder<MatterSort> order;
        MatterStatus filterStatus;
        try {
            order = MatterSort.parse(sort);
            filterStatus = status == null || status.isBlank() ? null : MatterStatus.fromKey(status);
        } catch (MatterRefusedException e) {
            order = MatterSort.DEFAULT;
            filterStatus = null;
        }
        var result = matters.list(Math.max(0, page), PAGE_SIZE, new Matters.Filter(order, filterStatus, null));
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matters", result.items());
        model.addAttribute("page", result.page());
        model.addAttribute("total", result.total());
        model.addAttribute("sort", order.text());
        model.addAttribute("status", filterStatus == null ? "" : filterStatus.key());
        model.addAttribute("statuses", MatterStatus.values());
        model.addAttribute("hasNext", (long) (result.page() + 1) * PAGE_SIZE < result.total());
        model.addAttribute("mayReadTeams", CallerPermissions.holds("teams.read"));
        model.addAttribute("mayReadWalls", CallerPermissions.holds("walls.read"));
        model.addAttribute("mayCreate", CallerPermissions.holds("matters.create"));
        model.addAttribute("mayReadClients", CallerPermissions.holds("clients.read"));
        model.addAttribute("mayCheckConflicts", CallerPermissions.holds("conflicts.check"));
        model.addAttribute("mayManageFirm", CallerPermissions.holds("firm.settings.read"));
        return "matters/matters";
    }

    @GetMapping("/admin/matters/{id}/team")
    @RequiresPermission("teams.read")
    String team(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var matter = visible(id);
        var members = teams.members(ref(matter));
        var onTeam = members.stream().map(m -> MemberChoice.valueOf(m.member())).collect(Collectors.toSet());
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("members", members);
        var people = people();
        model.addAttribute("people", people);
        boolean mayManage = CallerPermissions.holds("teams.manage");
        model.addAttribute("mayManage", mayManage);
        if (mayManage) {
            model.addAttribute(
                    "choices",
                    MemberChoice.all(people, groupNames()).stream()
                            .filter(choice -> !onTeam.contains(choice.value()))
                            .toList());
        }
        model.addAttribute("mayReadWalls", CallerPermissions.holds("walls.read"));
        return "matters/team";
    }

    @PostMapping("/admin/matters/{id}/team/add")
    @RequiresPermission("teams.manage")
    String addToTeam(
            @PathVariable UUID id, @RequestParam(defaultValue = "") String member, RedirectAttributes redirect) {
        return changeTeam(
                id,
                member,
                redirect,
                teams::add,
                "Added to the team; they see the matter from their next step unless a wall screens them.",
                "They are on the team already.");
    }

    @PostMapping("/admin/matters/{id}/team/remove")
    @RequiresPermission("teams.manage")
    String removeFromTeam(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String member,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        if (!Confirmation.given(confirmed)) {
            // Leaving a team takes the matter away from people in the middle of their work: never on one click.
            var matter = visible(id);
            String who;
            try {
                who = label(MemberChoice.parse(member));
            } catch (IllegalArgumentException e) {
                redirect.addFlashAttribute("problem", e.getMessage());
                return "redirect:/admin/matters/" + id + "/team";
            }
            boolean group = member.startsWith("group:");
            model.addAttribute("user", user);
            model.addAttribute("firm", tenants.current());
            String team = "/admin/matters/" + id + "/team";
            return new Confirmation(
                            "Take " + (who.isEmpty() ? "them" : who) + " off the team of " + matter.number() + " "
                                    + matter.title() + "?",
                            List.of(
                                    (group ? "Its members no longer see" : "They no longer see")
                                            + " the matter through this team from their next step, unless their"
                                            + " role lets them read every matter.",
                                    "Nothing of the matter is deleted; the audit log keeps the change."),
                            team + "/remove",
                            Map.of("member", member),
                            "Take off the team",
                            team)
                    .show(model);
        }
        return changeTeam(id, member, redirect, teams::remove, "Taken off the team.", "They were not on the team.");
    }

    /** Adds or removes a team member and says what happened; a choice that is no one of the firm is refused. */
    private String changeTeam(
            UUID id,
            String member,
            RedirectAttributes redirect,
            java.util.function.BiPredicate<MatterRef, Member> change,
            String done,
            String unchanged) {
        var matter = ref(visible(id));
        try {
            var chosen = MemberChoice.parse(member);
            // The notice names whom it was about (the choice's label: a person's name or a group's).
            String who = label(chosen);
            String notice = change.test(matter, chosen) ? done : unchanged;
            redirect.addFlashAttribute("notice", who.isEmpty() ? notice : who + ": " + notice);
        } catch (IllegalArgumentException e) {
            // Our own messages: the choice is not a person or group of the firm.
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/matters/" + id + "/team";
    }

    /** Who can reach the matter and why, and whom walls screen from it: for those who read walls. */
    @GetMapping("/admin/matters/{id}/access")
    @RequiresPermission("walls.read")
    String access(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var matter = visible(id);
        Map<String, String> roleTitles = roles.all().stream().collect(Collectors.toMap(Role::key, Role::title));
        var rows = new ArrayList<AccessRow>();
        for (var entry : access.whoCanAccess(ref(matter))) {
            var reasons = entry.reasons().stream()
                    .map(reason -> switch (reason.kind()) {
                        case "team" -> "on the team";
                        case "team_group" -> "on the team through the group " + reason.groupName();
                        case "role" ->
                            "the role " + roleTitles.getOrDefault(reason.role(), reason.role())
                                    + " gives matters.read.all";
                        default -> reason.kind();
                    })
                    .toList();
            var screenedBy = entry.screenedBy().stream().map(this::wallInWords).toList();
            rows.add(new AccessRow(entry.displayName(), entry.active(), entry.canAccess(), reasons, screenedBy));
        }
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("matter", matter);
        model.addAttribute("rows", rows);
        model.addAttribute("mayReadTeams", CallerPermissions.holds("teams.read"));
        return "matters/access";
    }

    private String wallInWords(WallId id) {
        // Every wall around a matter the caller sees is one they may see (it cannot screen them).
        return walls.find(id)
                .map(w -> (w.client() != null
                                ? "the wall around the client " + w.client().name()
                                : "the wall around this matter")
                        + ": " + w.reason())
                .orElse("a wall");
    }

    /** A person's name or a group's, as the team page shows them; empty for no one of the firm. */
    private String label(Member chosen) {
        return MemberChoice.all(people(), groupNames()).stream()
                .filter(choice -> choice.value().equals(MemberChoice.valueOf(chosen)))
                .map(MemberChoice::label)
                .findFirst()
                .orElse("");
    }

    private Matter visible(UUID id) {
        return matters.requested(new MatterId(id));
    }

    private static MatterRef ref(Matter matter) {
        return new MatterRef(matter.id().value(), matter.client().value(), matter.number());
    }

    private Map<UUID, Account> people() {
        return accounts.all().stream().collect(Collectors.toMap(a -> a.id().value(), Function.identity()));
    }

    private Map<UUID, String> groupNames() {
        return groups.all().stream().collect(Collectors.toMap(g -> g.id().value(), Groups.Group::name));
    }
}
