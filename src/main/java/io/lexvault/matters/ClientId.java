package io.lexvault.matters;

import java.util.UUID;

/** A client's id, unique within its firm. */
public record ClientId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
