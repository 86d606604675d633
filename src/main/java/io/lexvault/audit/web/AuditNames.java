package io.lexvault.audit.web;

import io.lexvault.identity.Account;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.ApiKey;
import io.lexvault.web.Labels;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Names for the ids in audit events, looked up when the log is shown rather than frozen in it: a
 * renamed person shows under their new name, a deleted one as a deleted user; a matter by its number
 * and a document by its title, as their modules answer for this reader (never behind a wall).
 */
final class AuditNames {

    private final Map<UUID, Account> people;
    private final Map<UUID, ApiKey> keys;
    private final Function<Set<UUID>, Map<UUID, String>> subjects;
    private final Labels labels;
    /** Subject names looked up so far, with the ids that have none (absent, or walled from the reader). */
    private final Map<UUID, String> known = new HashMap<>();

    private final Set<UUID> unknown = new HashSet<>();

    AuditNames(
            List<Account> people, List<ApiKey> keys, Function<Set<UUID>, Map<UUID, String>> subjects, Labels labels) {
        this.people =
                people.stream().collect(Collectors.toMap(account -> account.id().value(), Function.identity()));
        this.keys = keys.stream().collect(Collectors.toMap(ApiKey::id, Function.identity()));
        this.subjects = subjects;
        this.labels = labels;
    }

    /** Looks these ids up at once (a page's worth), rather than one by one as rows are shown. */
    void prefetch(Collection<@Nullable UUID> ids) {
        var wanted = new HashSet<UUID>();
        for (UUID id : ids) {
            if (id != null && !people.containsKey(id) && !keys.containsKey(id) && !known.containsKey(id)) {
                wanted.add(id);
            }
        }
        wanted.removeAll(unknown);
        if (wanted.isEmpty()) {
            return;
        }
        var found = subjects.apply(wanted);
        known.putAll(found);
        wanted.removeAll(found.keySet());
        unknown.addAll(wanted);
    }

    /** The matter's number, or its short id when the reader may not know it (walled) or it is gone. */
    String matter(@Nullable UUID id) {
        if (id == null) {
            return "";
        }
        var name = subject(id);
        return name == null ? "Matter " + shortId(id) : name;
    }

    private @Nullable String subject(UUID id) {
        if (!known.containsKey(id) && !unknown.contains(id)) {
            prefetch(Set.of(id));
        }
        return known.get(id);
    }

    String action(String key) {
        return labels.of("audit.action", key);
    }

    String outcome(String key) {
        return labels.of("audit.outcome", key);
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
            default -> {
                String kind = labels.of("audit.target", type);
                if (id == null) {
                    yield kind;
                }
                var name = subject(id);
                yield name == null
                        ? kind + " " + shortId(id)
                        : type.equals("matter") ? kind + " " + name : kind + " \u201c" + name + "\u201d";
            }
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

    /**
     * An event's details as a reader sees them: "key: value" pairs, with every id in a value (alone or
     * in a comma-separated list) shown as what it names (a person, an API key, a matter's number, a
     * document's title; a short id when the reader may not know it). The export keeps the raw values.
     */
    String details(Map<String, String> details) {
        return details.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey().replace('_', ' ') + ": " + detailValue(entry.getValue()))
                .collect(Collectors.joining("; "));
    }

    /** The ids in these events' details, to look up with {@link #prefetch} at once. */
    static List<UUID> idsIn(Map<String, String> details) {
        var ids = new java.util.ArrayList<UUID>();
        details.values().forEach(value -> {
            for (String part : value.split(",", -1)) {
                var id = uuid(part.strip());
                if (id != null) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }

    private String detailValue(String value) {
        if (!value.contains("-")) {
            return value; // no id in it: the common case, left as it is
        }
        return java.util.Arrays.stream(value.split(",", -1))
                .map(part -> {
                    var id = uuid(part.strip());
                    return id == null ? part : named(id);
                })
                .collect(Collectors.joining(","));
    }

    private String named(UUID id) {
        if (people.containsKey(id)) {
            return person(id);
        }
        if (keys.containsKey(id)) {
            return apiKey(id);
        }
        var name = subject(id);
        return name == null ? shortId(id) : name;
    }

    private static @Nullable UUID uuid(String text) {
        if (text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Enough of an id to tell objects apart on screen; the full id is in the export. */
    static String shortId(UUID id) {
        return id.toString().substring(0, 8);
    }
}
