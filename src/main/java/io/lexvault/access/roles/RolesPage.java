package io.lexvault.access.roles;

import io.lexvault.access.OfferedPermissions;
import io.lexvault.access.Role;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Confirmation;
import io.lexvault.web.RequiresPermission;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * {@code /admin/roles}: every role of the firm with what it allows, grouped as the catalogue groups
 * permissions; custom roles are created (from scratch or as a copy), changed and deleted here.
 */
@Controller
class RolesPage {

    private final Roles roles;
    private final Tenants tenants;

    RolesPage(Roles roles, Tenants tenants) {
        this.roles = roles;
        this.tenants = tenants;
    }

    @GetMapping("/admin/roles")
    @RequiresPermission("roles.read")
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        var all = roles.all();
        model.addAttribute("roles", all);
        model.addAttribute("holders", roles.holderCounts());
        model.addAttribute("groups", OfferedPermissions.byGroup());
        model.addAttribute("offered", offeredKeys());
        model.addAttribute("heldBack", OfferedPermissions.heldBack());
        model.addAttribute("titles", titles(all));
        model.addAttribute("hasCustom", all.stream().anyMatch(role -> !role.builtIn()));
        model.addAttribute("mayManage", CallerPermissions.holds("roles.manage"));
        return "access/roles";
    }

    /** The form for a new role; with {@code copyOf}, filled in from that role. */
    @GetMapping("/admin/roles/new")
    @RequiresPermission("roles.manage")
    String newRole(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(required = false) @Nullable String copyOf,
            Model model) {
        if (copyOf != null) {
            var source = roles.find(copyOf).orElseThrow(UnknownRoleException::new);
            if (!model.containsAttribute("title")) {
                model.addAttribute("title", "Copy of " + source.title());
                model.addAttribute("description", source.description());
                model.addAttribute("chosen", source.permissionKeys());
            }
            model.addAttribute("copyOf", source);
        }
        return form(user, model, null);
    }

    @PostMapping("/admin/roles")
    @RequiresPermission("roles.manage")
    String create(
            @RequestParam String title,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(name = "permission", required = false) @Nullable List<String> permissions,
            @RequestParam(required = false) @Nullable String copyOf,
            RedirectAttributes redirect) {
        var draft = new RoleDraft(title, description, permissions == null ? List.of() : permissions);
        try {
            var role =
                    roles.create(Caller.ofCurrentRequest(), draft, copyOf == null || copyOf.isBlank() ? null : copyOf);
            redirect.addFlashAttribute("notice", "The role \u201c" + role.title() + "\u201d is created.");
            return "redirect:/admin/roles";
        } catch (RoleRefusedException e) {
            keepInput(redirect, draft, e);
            if (copyOf != null && !copyOf.isBlank()) {
                redirect.addAttribute("copyOf", copyOf);
            }
            return "redirect:/admin/roles/new";
        } catch (UnknownRoleException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/admin/roles";
        }
    }

    @GetMapping("/admin/roles/{key}/edit")
    @RequiresPermission("roles.manage")
    String edit(@AuthenticationPrincipal SignedInUser user, @PathVariable String key, Model model) {
        var role = roles.find(key).filter(found -> !found.builtIn()).orElseThrow(UnknownRoleException::new);
        if (!model.containsAttribute("title")) {
            model.addAttribute("title", role.title());
            model.addAttribute("description", role.description());
            model.addAttribute("chosen", role.permissionKeys());
        }
        return form(user, model, role.key());
    }

    @PostMapping("/admin/roles/{key}")
    @RequiresPermission("roles.manage")
    String change(
            @PathVariable String key,
            @RequestParam String title,
            @RequestParam(defaultValue = "") String description,
            @RequestParam(name = "permission", required = false) @Nullable List<String> permissions,
            RedirectAttributes redirect) {
        var draft = new RoleDraft(title, description, permissions == null ? List.of() : permissions);
        try {
            var role = roles.change(Caller.ofCurrentRequest(), key, draft);
            redirect.addFlashAttribute(
                    "notice",
                    "The role \u201c" + role.title() + "\u201d is saved; its holders have it from their next step.");
            return "redirect:/admin/roles";
        } catch (RoleRefusedException e) {
            if (e.reason() == RoleRefusedException.Reason.BUILT_IN) {
                redirect.addFlashAttribute("problem", e.getMessage());
                return "redirect:/admin/roles";
            }
            keepInput(redirect, draft, e);
            return "redirect:/admin/roles/" + key + "/edit";
        } catch (UnknownRoleException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/admin/roles";
        }
    }

    @PostMapping("/admin/roles/{key}/delete")
    @RequiresPermission("roles.manage")
    String delete(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable String key,
            @RequestParam(defaultValue = "") String confirmed,
            Model model,
            RedirectAttributes redirect) {
        var role = roles.find(key);
        // Deleting a role takes it from everyone who holds it: never on one click. (No such role, or a
        // built-in one: the facade below refuses, in its own words.)
        if (role.isPresent() && !role.get().builtIn() && !Confirmation.given(confirmed)) {
            int holders = roles.holderCounts().getOrDefault(key, 0);
            model.addAttribute("user", user);
            model.addAttribute("firm", tenants.current());
            return new Confirmation(
                            "Delete the role " + role.get().title() + "?",
                            List.of(
                                    holders == 0
                                            ? "Nobody holds it now."
                                            : "It is taken from the " + holders + (holders == 1 ? " person" : " people")
                                                    + " who hold it, from their next step: what only this role"
                                                    + " allowed them, they can no longer do.",
                                    "The audit log keeps the role and its deletion; a new role can be made at any time."),
                            "/admin/roles/" + key + "/delete",
                            Map.of(),
                            "Delete " + role.get().title(),
                            "/admin/roles")
                    .show(model);
        }
        try {
            int holders = roles.delete(Caller.ofCurrentRequest(), key).size();
            redirect.addFlashAttribute(
                    "notice",
                    holders == 0
                            ? "The role is deleted."
                            : "The role is deleted and taken from the " + holders
                                    + (holders == 1 ? " person" : " people") + " who held it.");
        } catch (RoleRefusedException | UnknownRoleException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/admin/roles";
    }

    private static Set<String> offeredKeys() {
        var keys = new HashSet<String>();
        OfferedPermissions.byGroup().values().forEach(permissions -> permissions.forEach(p -> keys.add(p.key())));
        return keys;
    }

    private static Map<String, String> titles(List<Role> all) {
        var titles = new HashMap<String, String>();
        all.forEach(role -> titles.put(role.key(), role.title()));
        return titles;
    }

    private String form(SignedInUser user, Model model, @Nullable String editing) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("groups", OfferedPermissions.byGroup());
        model.addAttribute("offered", offeredKeys());
        model.addAttribute("editing", editing);
        if (!model.containsAttribute("chosen")) {
            model.addAttribute("chosen", java.util.Set.of());
        }
        if (!model.containsAttribute("title")) {
            model.addAttribute("title", "");
            model.addAttribute("description", "");
        }
        return "access/role-form";
    }

    /** A refused form comes back as it was sent, with the reason above it. */
    private static void keepInput(RedirectAttributes redirect, RoleDraft draft, RoleRefusedException e) {
        redirect.addFlashAttribute("problem", e.getMessage());
        redirect.addFlashAttribute("title", draft.title());
        redirect.addFlashAttribute("description", draft.description());
        redirect.addFlashAttribute("chosen", java.util.Set.copyOf(draft.permissions()));
    }
}
