package io.lexvault.access.roles;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.Permission;
import io.lexvault.access.Role;
import io.lexvault.audit.AuditAction;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.text.HumanText;
import io.lexvault.text.InvalidTextException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bound firm's roles: the built-in ones (fixed, copied but never changed) and its custom ones,
 * which people with {@code roles.manage} create, copy, change and delete. What a custom role allows
 * is stored where PostgreSQL sees it ({@code lexvault.acting_user_holds}), and every change is in the
 * audit log in the same transaction.
 *
 * <p>Nobody hands out more than they hold: creating, changing or deleting a custom role needs every
 * permission the role gives before and after the change. Otherwise {@code roles.manage} alone would
 * be a way to every other permission.
 */
@Service
@NamedInterface("roles")
public class Roles {

    public static final int MAX_TITLE = 100;
    public static final int MAX_DESCRIPTION = 500;

    /** Role keys as stored (V1_003); anything else is not a role of any firm. */
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final CustomRoleRepository custom;
    private final RoleAssignmentRepository assignments;
    private final RoleAudit audit;

    Roles(CustomRoleRepository custom, RoleAssignmentRepository assignments, RoleAudit audit) {
        this.custom = custom;
        this.assignments = assignments;
        this.audit = audit;
    }

    /** Built-in roles first, in their fixed order, then the firm's custom roles by title. */
    @Transactional(readOnly = true)
    public List<Role> all() {
        var roles = new ArrayList<Role>();
        Arrays.stream(BuiltInRole.values()).map(Roles::roleOf).forEach(roles::add);
        roles.addAll(custom.all(TenantContext.requireTenant()));
        return roles;
    }

    /** A built-in role, or a live custom role of the bound firm. */
    @Transactional(readOnly = true)
    public Optional<Role> find(String key) {
        if (!KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        var builtIn = builtIn(key);
        if (builtIn.isPresent()) {
            return builtIn.map(Roles::roleOf);
        }
        return custom.find(TenantContext.requireTenant(), key, false);
    }

    /** How many people of the firm hold each role (roles nobody holds are missing). */
    @Transactional(readOnly = true)
    public Map<String, Integer> holderCounts() {
        var counts = new LinkedHashMap<String, Integer>();
        assignments
                .rolesByUser(TenantContext.requireTenant())
                .values()
                .forEach(roles -> roles.forEach(role -> counts.merge(role, 1, Integer::sum)));
        return counts;
    }

    /**
     * Creates a custom role.
     *
     * @param copiedFrom the key of the role this one starts as a copy of (recorded with it), or null
     * @throws RoleRefusedException when the draft is invalid or gives permissions the caller lacks
     * @throws UnknownRoleException when {@code copiedFrom} names no role of the firm
     */
    @Transactional
    public Role create(Caller caller, RoleDraft draft, @Nullable String copiedFrom) {
        TenantId tenant = TenantContext.requireTenant();
        if (copiedFrom != null && find(copiedFrom).isEmpty()) {
            throw new UnknownRoleException();
        }
        var checked = check(tenant, draft, null);
        requireHeld(caller, checked.permissions(), "give a role");
        custom.lockKeysOf(tenant);
        String key = freeKey(tenant, checked.title());
        try {
            custom.insert(tenant, key, checked.title(), checked.description(), copiedFrom);
        } catch (DuplicateKeyException e) {
            throw titleTaken(checked.title());
        }
        custom.grant(tenant, key, checked.permissions());
        var details = new LinkedHashMap<String, String>();
        details.put("permissions", keys(checked.permissions()));
        if (copiedFrom != null) {
            details.put("copied_from", copiedFrom);
        }
        audit.roleEvent(AuditAction.ROLE_CREATED, caller.actor(), key, details);
        return new Role(key, checked.title(), checked.description(), false, checked.permissions(), copiedFrom);
    }

    /**
     * A new custom role with the title given and everything else (description, permissions) of an
     * existing role, built-in or custom.
     */
    @Transactional
    public Role copy(Caller caller, String sourceKey, String title) {
        var source = find(sourceKey).orElseThrow(UnknownRoleException::new);
        return create(caller, new RoleDraft(title, source.description(), source.permissionKeys()), source.key());
    }

    /**
     * Replaces a custom role's title, description and permissions. Holders act with the new
     * permissions from their next request on (sessions and API keys read them per request).
     *
     * @throws RoleRefusedException for a built-in role, an invalid draft, or a change involving
     *     permissions the caller lacks
     * @throws UnknownRoleException when the firm has no such role
     */
    @Transactional
    public Role change(Caller caller, String key, RoleDraft draft) {
        TenantId tenant = TenantContext.requireTenant();
        var current = lockedCustom(tenant, key, "changed");
        var checked = check(tenant, draft, key);
        var involved = EnumSet.noneOf(Permission.class);
        involved.addAll(current.permissions());
        involved.addAll(checked.permissions());
        requireHeld(caller, involved, "change a role");
        var added = EnumSet.noneOf(Permission.class);
        added.addAll(checked.permissions());
        added.removeAll(current.permissions());
        var removed = EnumSet.noneOf(Permission.class);
        removed.addAll(current.permissions());
        removed.removeAll(checked.permissions());
        boolean retitled = !current.title().equals(checked.title());
        boolean redescribed = !current.description().equals(checked.description());
        if (retitled || redescribed) {
            try {
                custom.describe(tenant, key, checked.title(), checked.description());
            } catch (DuplicateKeyException e) {
                throw titleTaken(checked.title());
            }
        }
        custom.revoke(tenant, key, removed);
        custom.grant(tenant, key, added);
        if (retitled || redescribed || !added.isEmpty() || !removed.isEmpty()) {
            var details = new LinkedHashMap<String, String>();
            details.put("added", keys(added));
            details.put("removed", keys(removed));
            details.put("title_changed", String.valueOf(retitled));
            details.put("description_changed", String.valueOf(redescribed));
            audit.roleEvent(AuditAction.ROLE_CHANGED, caller.actor(), key, details);
        }
        return new Role(
                key, checked.title(), checked.description(), false, checked.permissions(), current.copiedFrom());
    }

    /**
     * Deletes a custom role and takes it from everyone who holds it, at once: a security officer
     * deleting a role means its access to end, not to linger on people until someone notices. Each
     * holder's loss is recorded as {@code role.removed}, then the deletion as {@code role.deleted}.
     * The key is never used again in the firm.
     *
     * @return the people who held it
     * @throws RoleRefusedException for a built-in role, or one giving permissions the caller lacks
     * @throws UnknownRoleException when the firm has no such role
     */
    @Transactional
    public List<UserId> delete(Caller caller, String key) {
        TenantId tenant = TenantContext.requireTenant();
        var current = lockedCustom(tenant, key, "deleted");
        requireHeld(caller, current.permissions(), "delete a role");
        custom.markDeleted(tenant, key);
        var holders = assignments.removeFromEveryone(tenant, key);
        for (var holder : holders) {
            audit.assignmentEvent(
                    AuditAction.ROLE_REMOVED, caller.actor(), holder, key, Map.of("reason", "role_deleted"));
        }
        audit.roleEvent(
                AuditAction.ROLE_DELETED,
                caller.actor(),
                key,
                Map.of("permissions", keys(current.permissions()), "holders", String.valueOf(holders.size())));
        return holders;
    }

    static Optional<BuiltInRole> builtIn(String key) {
        return Arrays.stream(BuiltInRole.values())
                .filter(role -> role.key().equals(key))
                .findFirst();
    }

    private Role lockedCustom(TenantId tenant, String key, String verb) {
        if (KEY.matcher(key).matches() && builtIn(key).isPresent()) {
            throw new RoleRefusedException(
                    RoleRefusedException.Reason.BUILT_IN,
                    "Built-in roles cannot be " + verb + "; copy one to make a role of your own.");
        }
        if (!KEY.matcher(key).matches()) {
            throw new UnknownRoleException();
        }
        return custom.find(tenant, key, true).orElseThrow(UnknownRoleException::new);
    }

    private record Checked(String title, String description, Set<Permission> permissions) {}

    private Checked check(TenantId tenant, RoleDraft draft, @Nullable String exceptKey) {
        String title;
        String description;
        try {
            title = HumanText.line("A role's title", draft.title(), MAX_TITLE);
            description = Objects.requireNonNullElse(
                    HumanText.optionalLine("A role's description", draft.description(), MAX_DESCRIPTION), "");
        } catch (InvalidTextException e) {
            // The roles edges show a refusal's sentence; the checker's names only the field and the limit.
            throw invalid(e.getMessage());
        }
        var permissions = EnumSet.noneOf(Permission.class);
        var unknown = new TreeSet<String>();
        for (String key : draft.permissions()) {
            Permission.fromKey(key.strip()).ifPresentOrElse(permissions::add, () -> unknown.add(key.strip()));
        }
        if (!unknown.isEmpty()) {
            throw invalid("Unknown permission: " + String.join(", ", unknown) + ".");
        }
        boolean builtInTitle = Arrays.stream(BuiltInRole.values())
                .anyMatch(role -> role.title().equalsIgnoreCase(title));
        boolean customTitle = custom.all(tenant).stream()
                .anyMatch(role -> !role.key().equals(exceptKey) && role.title().equalsIgnoreCase(title));
        if (builtInTitle || customTitle) {
            throw titleTaken(title);
        }
        return new Checked(title, description, permissions);
    }

    private static void requireHeld(Caller caller, Set<Permission> permissions, String what) {
        if (!caller.holdsAll(permissions)) {
            var missing = permissions.stream()
                    .map(Permission::key)
                    .filter(permission -> !caller.permissions().contains(permission))
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new RoleRefusedException(
                    RoleRefusedException.Reason.BEYOND_CALLER,
                    "You can only " + what + " whose permissions you hold yourself; you do not hold: " + missing + ".");
        }
    }

    /** {@code custom_} and the title in lower-case ASCII, numbered when the firm ever used that key. */
    private String freeKey(TenantId tenant, String title) {
        String slug = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("_+$", "");
        }
        String base = "custom_" + (slug.isEmpty() ? "role" : slug);
        for (int n = 1; ; n++) {
            String candidate = n == 1 ? base : base + "_" + n;
            if (!custom.keyTaken(tenant, candidate)) {
                return candidate;
            }
        }
    }

    private static RoleRefusedException titleTaken(String title) {
        return invalid("A role titled \u201c" + title + "\u201d already exists; choose another title.");
    }

    private static RoleRefusedException invalid(String message) {
        return new RoleRefusedException(RoleRefusedException.Reason.INVALID, message);
    }

    static String keys(Set<Permission> permissions) {
        return permissions.stream().map(Permission::key).sorted().collect(Collectors.joining(" "));
    }

    private static Role roleOf(BuiltInRole role) {
        return new Role(role.key(), role.title(), role.description(), true, role.permissions(), null);
    }
}
