package io.lexvault.audit.web;

import io.lexvault.identity.Account;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.ApiKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Names for the ids in audit events, looked up when the log is shown rather than frozen in it: a
 * renamed person shows under their new name, a deleted one as a deleted user.
 */
final class AuditNames {

    private final Map<UUID, Account> people;
    private final Map<UUID, ApiKey> keys;

    AuditNames(List<Account> people, List<ApiKey> keys) {
        this.people =
                people.stream().collect(Collectors.toMap(account -> account.id().value(), Function.identity()));
        this.keys = keys.stream().collect(Collectors.toMap(ApiKey::id, Function.identity()));
    }

    String actor(String type, @Nullable UUID id) {
        return switch (type) {
            case "user" -> person(id);
            case "api_key" -> apiKey(id);
            case "system" -> "LexVault (system)";
            default -> "Someone not signed in";
        };
    }

    String target(@Nullable String type, @Nullable UUID id) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case "user" -> person(id);
            case "api_key" -> apiKey(id);
            default -> type.replace('_', ' ') + (id == null ? "" : " " + shortId(id));
        };
    }

    private String person(@Nullable UUID id) {
        var account = id == null ? null : people.get(id);
        if (account == null) {
            return "Deleted user" + (id == null ? "" : " " + shortId(id));
        }
        String name = account.displayName() + " <" + account.email() + ">";
        return account.status() == AccountStatus.DEACTIVATED ? name + " (deactivated)" : name;
    }

    private String apiKey(@Nullable UUID id) {
        var key = id == null ? null : keys.get(id);
        if (key == null) {
            return "Deleted API key" + (id == null ? "" : " " + shortId(id));
        }
        var owner = people.get(key.owner().value());
        return "API key “" + key.name() + "” (" + key.displayPrefix() + "…) of "
                + (owner == null ? "a deleted user" : owner.displayName());
    }

    /** Enough of an id to tell objects apart on screen; the full id is in the export. */
    static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
