package io.lexvault.access;

import java.util.Arrays;
import java.util.List;
import java.util.SequencedMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The permissions pages offer (role matrix, role form, API key scopes): the catalogue less those whose
 * feature is not built yet. Ticking one of those would grant nothing and promise something LexVault
 * does not do; they stay in the catalogue (the built-in roles and stored roles keep them) and come on
 * offer when their feature arrives, by leaving this list. A permission added to the catalogue is
 * offered unless it is listed here.
 */
public final class OfferedPermissions {

    /** Catalogued for features to come: no handler, command or service checks them yet. */
    static final Set<String> FEATURES_TO_COME = Set.of(
            "firm.sso.manage", // single sign-on is configured with `lexvault admin configure-sso` only
            "users.sessions.revoke",
            "clients.delete",
            "matters.delete",
            "documents.share",
            "api_keys.manage",
            "exports.create",
            "exports.firm",
            "privacy_requests.read",
            "privacy_requests.manage",
            "retention.manage",
            "legal_holds.manage",
            "keys.manage", // key rotation is a command (`lexvault keys rotate`), not a permission check
            "backups.read",
            "webhooks.manage",
            "integrations.manage",
            "reports.read");

    private OfferedPermissions() {}

    public static boolean offered(Permission permission) {
        return !FEATURES_TO_COME.contains(permission.key());
    }

    public static boolean offered(String key) {
        return !FEATURES_TO_COME.contains(key);
    }

    /** The offered part of the catalogue by group, in catalogue order (groups left with none dropped). */
    public static SequencedMap<String, List<Permission>> byGroup() {
        var groups = Permission.byGroup();
        groups.replaceAll((group, permissions) ->
                permissions.stream().filter(OfferedPermissions::offered).toList());
        groups.values().removeIf(List::isEmpty);
        return groups;
    }

    /** How many catalogued permissions are held back for features to come. */
    public static int heldBack() {
        return (int) Arrays.stream(Permission.values())
                .filter(permission -> !offered(permission))
                .count();
    }

    static Set<String> keys() {
        return Arrays.stream(Permission.values())
                .filter(OfferedPermissions::offered)
                .map(Permission::key)
                .collect(Collectors.toUnmodifiableSet());
    }
}
