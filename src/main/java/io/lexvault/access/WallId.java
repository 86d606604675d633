package io.lexvault.access;

import java.util.UUID;

/** An ethical wall's id, unique within its firm. */
public record WallId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
