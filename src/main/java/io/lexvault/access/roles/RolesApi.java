package io.lexvault.access.roles;

import io.lexvault.access.Role;
import io.lexvault.identity.UserId;
import io.lexvault.web.RequiresPermission;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Roles and who holds them, for API clients (docs/api.md). Another firm's role or user is 404. */
@RestController
class RolesApi {

    /**
     * @param permissions permission keys, alphabetical
     * @param copiedFrom for a custom role made as a copy, the key of the role it copied
     */
    record RoleBody(
            String key,
            String title,
            String description,
            boolean builtIn,
            List<String> permissions,
            @Nullable String copiedFrom) {

        static RoleBody of(Role role) {
            return new RoleBody(
                    role.key(),
                    role.title(),
                    role.description(),
                    role.builtIn(),
                    List.copyOf(role.permissionKeys()),
                    role.copiedFrom());
        }
    }

    /**
     * A new role: with {@code copyOf} and no {@code permissions}, it starts with the copied role's
     * permissions (and description, when none is sent).
     */
    record NewRole(
            @Nullable String title,
            @Nullable String description,
            @Nullable List<String> permissions,
            @Nullable String copyOf) {}

    /** A custom role's new state, every field required: what is not sent would otherwise be guessed. */
    record RoleChange(
            @Nullable String title,
            @Nullable String description,
            @Nullable List<String> permissions) {}

    record UserRoles(UUID user, List<String> roles) {}

    record RolesOfUser(@Nullable List<String> roles) {}

    private final Roles roles;
    private final RoleAssignments assignments;

    RolesApi(Roles roles, RoleAssignments assignments) {
        this.roles = roles;
        this.assignments = assignments;
    }

    @GetMapping("/api/v1/roles")
    @RequiresPermission("roles.read")
    List<RoleBody> list() {
        return roles.all().stream().map(RoleBody::of).toList();
    }

    @GetMapping("/api/v1/roles/{key}")
    @RequiresPermission("roles.read")
    RoleBody get(@PathVariable String key) {
        return RoleBody.of(roles.find(key).orElseThrow(UnknownRoleException::new));
    }

    @PostMapping("/api/v1/roles")
    @RequiresPermission("roles.manage")
    ResponseEntity<RoleBody> create(@RequestBody NewRole request) {
        if (request.title() == null) {
            throw invalid("title is required.");
        }
        Role created;
        if (request.copyOf() != null) {
            var source = roles.find(request.copyOf()).orElseThrow(UnknownRoleException::new);
            var draft = new RoleDraft(
                    request.title(),
                    request.description() == null ? source.description() : request.description(),
                    request.permissions() == null ? source.permissionKeys() : request.permissions());
            created = roles.create(Caller.ofCurrentRequest(), draft, source.key());
        } else {
            var draft = new RoleDraft(
                    request.title(),
                    request.description() == null ? "" : request.description(),
                    request.permissions() == null ? List.of() : request.permissions());
            created = roles.create(Caller.ofCurrentRequest(), draft, null);
        }
        return ResponseEntity.created(URI.create("/api/v1/roles/" + created.key()))
                .body(RoleBody.of(created));
    }

    @PutMapping("/api/v1/roles/{key}")
    @RequiresPermission("roles.manage")
    RoleBody change(@PathVariable String key, @RequestBody RoleChange request) {
        if (request.title() == null || request.description() == null || request.permissions() == null) {
            throw invalid("title, description and permissions are required.");
        }
        return RoleBody.of(roles.change(
                Caller.ofCurrentRequest(),
                key,
                new RoleDraft(request.title(), request.description(), request.permissions())));
    }

    @DeleteMapping("/api/v1/roles/{key}")
    @RequiresPermission("roles.manage")
    ResponseEntity<Void> delete(@PathVariable String key) {
        roles.delete(Caller.ofCurrentRequest(), key);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/users/{id}/roles")
    @RequiresPermission("users.read")
    UserRoles rolesOf(@PathVariable UUID id) {
        return new UserRoles(id, assignments.rolesOf(new UserId(id)));
    }

    /** Makes the user's roles exactly those sent; each role given or taken is audited on its own. */
    @PutMapping("/api/v1/users/{id}/roles")
    @RequiresPermission("roles.assign")
    UserRoles replace(@PathVariable UUID id, @RequestBody RolesOfUser request) {
        if (request.roles() == null) {
            throw invalid("roles is required (an empty list takes every role away).");
        }
        var change = assignments.replace(Caller.ofCurrentRequest(), new UserId(id), request.roles());
        return new UserRoles(id, change.roles());
    }

    private static RoleRefusedException invalid(String message) {
        return new RoleRefusedException(RoleRefusedException.Reason.INVALID, message);
    }
}
