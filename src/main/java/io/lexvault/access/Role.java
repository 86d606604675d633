package io.lexvault.access;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A role as people and API clients see it: built in (fixed, the same in every firm) or one of the
 * bound firm's custom roles.
 *
 * @param key the stored key: a built-in key such as {@code attorney}, or {@code custom_...}
 * @param copiedFrom the key of the role a custom role started as a copy of, if any
 */
public record Role(
        String key,
        String title,
        String description,
        boolean builtIn,
        Set<Permission> permissions,
        @Nullable String copiedFrom) {

    public Role {
        permissions = Set.copyOf(permissions);
    }

    /** Permission keys in alphabetical order, as the API and the audit log give them. */
    public SortedSet<String> permissionKeys() {
        var keys = new TreeSet<String>();
        permissions.forEach(permission -> keys.add(permission.key()));
        return keys;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }
}
