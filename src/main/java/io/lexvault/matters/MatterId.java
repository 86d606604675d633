package io.lexvault.matters;

import java.util.UUID;

/** A matter's id, unique within its firm. */
public record MatterId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
