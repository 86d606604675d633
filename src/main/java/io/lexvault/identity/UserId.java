package io.lexvault.identity;

import java.util.UUID;

/** A user account's id; unique across all firms. */
public record UserId(UUID value) {

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
