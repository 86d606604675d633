package io.lexvault.access;

import java.util.UUID;

/** A user group's id, unique within its firm. */
public record GroupId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
