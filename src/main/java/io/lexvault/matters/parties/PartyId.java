package io.lexvault.matters.parties;

import java.util.UUID;

/** A party's id, unique within its firm. */
public record PartyId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
