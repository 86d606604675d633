package io.lexvault.access;

import io.lexvault.identity.Account;
import io.lexvault.identity.UserId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user or group offered by a form that puts members on a team or behind a wall: {@code value} is
 * {@code user:<id>} or {@code group:<id>}, as the forms send it back. Public because the matters
 * module's team page offers the same choices as the walls page.
 */
public record MemberChoice(String value, String label) {

    /** Everyone and every group of the firm, people by name then groups by name. */
    public static List<MemberChoice> all(Map<UUID, Account> people, Map<UUID, String> groupNames) {
        var choices = new ArrayList<MemberChoice>();
        people.values().stream()
                .sorted(Comparator.comparing(Account::displayName, String.CASE_INSENSITIVE_ORDER))
                .forEach(a -> choices.add(
                        new MemberChoice("user:" + a.id().value(), a.displayName() + " (" + a.email() + ")")));
        groupNames.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(String.CASE_INSENSITIVE_ORDER))
                .forEach(g -> choices.add(new MemberChoice("group:" + g.getKey(), "Group: " + g.getValue())));
        return choices;
    }

    /** The form value that names {@code member}. */
    public static String valueOf(Member member) {
        return member.kind() + ":" + member.id();
    }

    /**
     * The member a form value names.
     *
     * @throws IllegalArgumentException with a sentence for the page when the value names no user or group
     */
    public static Member parse(String value) {
        int colon = value.indexOf(':');
        try {
            if (colon > 0) {
                var id = UUID.fromString(value.substring(colon + 1));
                switch (value.substring(0, colon)) {
                    case "user" -> {
                        return Member.user(new UserId(id));
                    }
                    case "group" -> {
                        return Member.group(new GroupId(id));
                    }
                    default -> {}
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the page's own message
        }
        throw new IllegalArgumentException("Choose people and groups from the list.");
    }
}
