package io.lexvault.access.walls;

import io.lexvault.access.GroupId;
import io.lexvault.access.Groups;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.identity.Account;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.FormOutcome;
import io.lexvault.web.RequiresPermission;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin/groups}: the firm's user groups and their members, with the same permissions as the
 * groups API ({@code users.read} to see, {@code users.manage} to change). Joining a group a wall
 * screens screens the person from their next step, so changing such a group also needs {@code
 * walls.manage} and is refused to anyone that wall screens (the form says so, one sentence for both).
 */
@Controller
class GroupsPage {

    private final Groups groups;
    private final Accounts accounts;
    private final Tenants tenants;

    GroupsPage(Groups groups, Accounts accounts, Tenants tenants) {
        this.groups = groups;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/admin/groups")
    @RequiresPermission("users.read")
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        Map<UUID, Account> people =
                accounts.all().stream().collect(Collectors.toMap(a -> a.id().value(), Function.identity()));
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute(
                "groups",
                groups.all().stream()
                        .sorted(Comparator.comparing(Groups.Group::name, String.CASE_INSENSITIVE_ORDER))
                        .toList());
        model.addAttribute("people", people);
        model.addAttribute(
                "everyone",
                people.values().stream()
                        .sorted(Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER))
                        .toList());
        model.addAttribute("mayManage", CallerPermissions.holds("users.manage"));
        return "access/groups";
    }

    @PostMapping("/admin/groups")
    @RequiresPermission("users.manage")
    String create(@RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        // Refused: the facade's own sentence about the name.
        return FormOutcome.redirect(
                redirect,
                "/admin/groups",
                () -> {
                    groups.create(name);
                    return "The group is created.";
                },
                IllegalArgumentException.class);
    }

    @PostMapping("/admin/groups/{id}/add")
    @RequiresPermission("users.manage")
    String add(@PathVariable UUID id, @RequestParam UUID userId, RedirectAttributes redirect) {
        return FormOutcome.redirect(
                redirect,
                "/admin/groups",
                () -> groups.addMember(new GroupId(id), new UserId(userId))
                        ? "Added to the group; walls and teams that name the group apply to them from their next step."
                        : "They are in the group already.",
                IllegalArgumentException.class,
                WallChangeRefusedException.class);
    }

    @PostMapping("/admin/groups/{id}/remove")
    @RequiresPermission("users.manage")
    String remove(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam UUID userId,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        if (!Confirmation.given(confirmed)) {
            // Leaving a group changes what its teams and walls do for that person: never on one click.
            var group = named(id);
            String who = accounts.all().stream()
                    .filter(a -> a.id().value().equals(userId))
                    .map(Account::displayName)
                    .findFirst()
                    .orElse("a former user");
            return confirm(
                    user,
                    model,
                    new Confirmation(
                            "Take " + who + " out of the group " + group.name() + "?",
                            List.of(
                                    "Matter teams the group is on no longer include them through it, from their"
                                            + " next step.",
                                    "A wall that screens the group no longer screens them through it (taking"
                                            + " them out of such a group needs the right to change that wall).",
                                    "The audit log keeps the change."),
                            "/admin/groups/" + id + "/remove",
                            Map.of("userId", userId.toString()),
                            "Take " + who + " out",
                            "/admin/groups"));
        }
        return FormOutcome.redirect(
                redirect,
                "/admin/groups",
                () -> groups.removeMember(new GroupId(id), new UserId(userId))
                        ? "Taken out of the group."
                        : "They were not in the group.",
                IllegalArgumentException.class,
                WallChangeRefusedException.class);
    }

    @PostMapping("/admin/groups/{id}/delete")
    @RequiresPermission("users.manage")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        if (!Confirmation.given(confirmed)) {
            var group = named(id);
            int members = group.members().size();
            return confirm(
                    user,
                    model,
                    new Confirmation(
                            "Delete the group " + group.name() + "?",
                            List.of(
                                    "It leaves every matter team it is on: its " + members
                                            + (members == 1 ? " member no longer reaches" : " members no longer reach")
                                            + " those matters through it, from their next step.",
                                    "Nobody's account is changed, and the audit log keeps the group and its deletion."),
                            "/admin/groups/" + id + "/delete",
                            Map.of(),
                            "Delete " + group.name(),
                            "/admin/groups"));
        }
        try {
            groups.delete(new GroupId(id));
            redirect.addFlashAttribute("notice", "The group is deleted.");
        } catch (WallChangeRefusedException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (MatterNotVisibleException e) {
            redirect.addFlashAttribute("problem", "There is no such group.");
        }
        return "redirect:/admin/groups";
    }

    /** The group, or 404 for one that is not the firm's. */
    private Groups.Group named(UUID id) {
        return groups.all().stream()
                .filter(g -> g.id().value().equals(id))
                .findFirst()
                .orElseThrow(MatterNotVisibleException::new);
    }

    private String confirm(SignedInUser user, Model model, Confirmation confirmation) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        return confirmation.show(model);
    }
}
