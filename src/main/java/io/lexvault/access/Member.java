package io.lexvault.access;

import io.lexvault.identity.UserId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A user or a group, as put on a matter's team or screened by a wall: exactly one of the two. */
public record Member(@Nullable UserId user, @Nullable GroupId group) {

    public Member {
        if ((user == null) == (group == null)) {
            throw new IllegalArgumentException("A member is a user or a group");
        }
    }

    public static Member user(UserId user) {
        return new Member(user, null);
    }

    public static Member group(GroupId group) {
        return new Member(null, group);
    }

    /** "user" or "group", as the API and the audit log name it. */
    public String kind() {
        return user != null ? "user" : "group";
    }

    public UUID id() {
        return user != null ? user.value() : group.value();
    }
}
