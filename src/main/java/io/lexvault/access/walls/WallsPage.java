package io.lexvault.access.walls;

import io.lexvault.access.EthicalWalls;
import io.lexvault.access.Groups;
import io.lexvault.access.MatterDirectory;
import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.Member;
import io.lexvault.access.MemberChoice;
import io.lexvault.access.WallId;
import io.lexvault.identity.Account;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@code /admin/walls}: the firm's ethical walls with what they are around and whom they screen, and
 * the forms that put them up, change and take them down. It lives with the walls API in the access
 * module; the matters and clients it names (number, title, client name) come through
 * {@link MatterDirectory}, which the matters module implements (docs/adr/0009-access-and-matters-seam.md).
 *
 * <p>The page shows exactly the walls {@link EthicalWalls#all()} returns: a wall that screens the
 * viewer, or around a matter they cannot see, is absent, not merely shortened, so a screened
 * administrator learns nothing of it here (not even the number) and cannot take it down, while they
 * still manage every other wall (docs/security.md §1, Wall 3).
 */
@Controller
class WallsPage {

    /** One wall as the page shows it; names resolved at the time of the request. */
    record WallRow(
            UUID id,
            String scope,
            @Nullable String matterNumber,
            @Nullable String matterTitle,
            @Nullable UUID matterId,
            @Nullable String clientName,
            String reason,
            List<String> screened,
            String createdBy,
            Instant createdAt,
            @Nullable String changedBy,
            @Nullable Instant changedAt) {}

    private final EthicalWalls walls;
    private final MatterDirectory matters;
    private final Groups groups;
    private final Accounts accounts;
    private final Tenants tenants;

    WallsPage(EthicalWalls walls, MatterDirectory matters, Groups groups, Accounts accounts, Tenants tenants) {
        this.walls = walls;
        this.matters = matters;
        this.groups = groups;
        this.accounts = accounts;
        this.tenants = tenants;
    }

    @GetMapping("/admin/walls")
    @RequiresPermission("walls.read")
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        var people = people();
        var groupNames = groupNames();
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute(
                "walls",
                walls.all().stream().map(w -> row(w, people, groupNames)).toList());
        boolean mayManage = CallerPermissions.holds("walls.manage");
        model.addAttribute("mayManage", mayManage);
        if (mayManage) {
            model.addAttribute("matterChoices", matters.visibleMatters());
            model.addAttribute("clientChoices", matters.visibleClients());
            model.addAttribute("memberChoices", MemberChoice.all(people, groupNames));
            if (!model.containsAttribute("chosen")) {
                model.addAttribute("chosen", Set.of());
                model.addAttribute("reason", "");
                model.addAttribute("target", "");
            }
        }
        return "access/walls";
    }

    @PostMapping("/admin/walls")
    @RequiresPermission("walls.manage")
    String create(
            @RequestParam(defaultValue = "") String target,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(name = "member", required = false) @Nullable List<String> chosen,
            RedirectAttributes redirect) {
        try {
            var scope = target(target);
            walls.create(scope.matter(), scope.client(), reason, members(chosen));
            redirect.addFlashAttribute(
                    "notice",
                    "The wall is up. The people it screens lose access from their next step and are told by e-mail.");
        } catch (IllegalArgumentException e) {
            // Messages of our own validation (target, reason, members): written for the page.
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("target", target);
            redirect.addFlashAttribute("reason", reason);
            redirect.addFlashAttribute("chosen", chosen == null ? Set.of() : Set.copyOf(chosen));
        } catch (MatterNotVisibleException e) {
            redirect.addFlashAttribute("problem", "There is no such matter or client.");
        }
        return "redirect:/admin/walls";
    }

    /** The form that changes whom a wall screens and why. */
    @GetMapping("/admin/walls/{id}")
    @RequiresPermission("walls.manage")
    String edit(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var wall = walls.find(new WallId(id)).orElseThrow(MatterNotVisibleException::new);
        var people = people();
        var groupNames = groupNames();
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("wall", row(wall, people, groupNames));
        model.addAttribute("memberChoices", MemberChoice.all(people, groupNames));
        if (!model.containsAttribute("chosen")) {
            model.addAttribute(
                    "chosen",
                    wall.screened().stream().map(MemberChoice::valueOf).collect(Collectors.toSet()));
            model.addAttribute("reason", wall.reason());
        }
        return "access/wall-form";
    }

    @PostMapping("/admin/walls/{id}")
    @RequiresPermission("walls.manage")
    String change(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(name = "member", required = false) @Nullable List<String> chosen,
            RedirectAttributes redirect) {
        try {
            boolean changed = walls.change(new WallId(id), reason, members(chosen));
            redirect.addFlashAttribute(
                    "notice",
                    changed
                            ? "The wall is changed; people newly screened or released are told by e-mail."
                            : "Nothing changed.");
            return "redirect:/admin/walls";
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            redirect.addFlashAttribute("reason", reason);
            redirect.addFlashAttribute("chosen", chosen == null ? Set.of() : Set.copyOf(chosen));
            return "redirect:/admin/walls/" + id;
        }
    }

    @PostMapping("/admin/walls/{id}/remove")
    @RequiresPermission("walls.manage")
    String remove(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        if (!Confirmation.given(confirmed)) {
            // Taking a wall down gives people back access to privileged work: never on one click.
            var wall = walls.find(new WallId(id)).orElseThrow(MatterNotVisibleException::new);
            var row = row(wall, people(), groupNames());
            String around = row.matterNumber() != null
                    ? "the matter " + row.matterNumber() + " " + row.matterTitle()
                    : "the client " + row.clientName();
            model.addAttribute("user", user);
            model.addAttribute("firm", tenants.current());
            return new Confirmation(
                            "Take down the wall around " + around + "?",
                            List.of(
                                    "It screens " + String.join(", ", row.screened()) + ".",
                                    "They see " + (row.matterNumber() != null ? "the matter" : "the client's matters")
                                            + " again from their next step if their team or roles allow it, and are"
                                            + " told by e-mail.",
                                    "The audit log keeps the wall and its removal; a new wall can be put up at any time."),
                            "/admin/walls/" + id + "/remove",
                            Map.of(),
                            "Take down the wall",
                            "/admin/walls")
                    .show(model);
        }
        walls.remove(new WallId(id));
        redirect.addFlashAttribute(
                "notice",
                "The wall is removed. The people it screened are told, and see the matter again if"
                        + " their team or roles allow it.");
        return "redirect:/admin/walls";
    }

    private record Target(@Nullable UUID matter, @Nullable UUID client) {}

    private static Target target(String value) {
        int colon = value.indexOf(':');
        if (colon > 0) {
            try {
                var id = UUID.fromString(value.substring(colon + 1));
                switch (value.substring(0, colon)) {
                    case "matter" -> {
                        return new Target(id, null);
                    }
                    case "client" -> {
                        return new Target(null, id);
                    }
                    default -> {}
                }
            } catch (IllegalArgumentException e) {
                // falls through to the page's own message
            }
        }
        throw new IllegalArgumentException("Choose the matter or the client the wall is around.");
    }

    private static Set<Member> members(@Nullable List<String> chosen) {
        var members = new LinkedHashSet<Member>();
        if (chosen != null) {
            for (String value : chosen) {
                members.add(MemberChoice.parse(value));
            }
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one person or group to screen.");
        }
        return members;
    }

    private Map<UUID, Account> people() {
        return accounts.all().stream().collect(Collectors.toMap(a -> a.id().value(), Function.identity()));
    }

    private Map<UUID, String> groupNames() {
        return groups.all().stream().collect(Collectors.toMap(g -> g.id().value(), Groups.Group::name));
    }

    private static String name(Member member, Map<UUID, Account> people, Map<UUID, String> groupNames) {
        if (member.user() != null) {
            var account = people.get(member.id());
            return account == null ? "a former user" : account.displayName();
        }
        return "group " + groupNames.getOrDefault(member.id(), "(deleted)");
    }

    private WallRow row(EthicalWalls.Wall wall, Map<UUID, Account> people, Map<UUID, String> groupNames) {
        var matterRef = wall.matter();
        // The facade shows only walls around matters the viewer may see, so the title is there; should
        // it ever not be, the number alone is shown (what a screening notice names), never more.
        var matter = matterRef == null
                ? null
                : matters.visibleListing(matterRef.id()).orElse(null);
        var client = wall.client();
        return new WallRow(
                wall.id().value(),
                matterRef != null ? "matter" : "client",
                matterRef == null ? null : matterRef.number(),
                matter == null ? null : matter.title(),
                matter == null ? null : matter.id(),
                client != null ? client.name() : (matter == null ? null : matter.clientName()),
                wall.reason(),
                wall.screened().stream().map(m -> name(m, people, groupNames)).toList(),
                personName(wall.createdBy(), people),
                wall.createdAt(),
                wall.changedBy() == null ? null : personName(wall.changedBy(), people),
                wall.changedAt());
    }

    private static String personName(UUID user, Map<UUID, Account> people) {
        var account = people.get(user);
        return account == null ? "a former user" : account.displayName();
    }
}
