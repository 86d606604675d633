package io.lexvault.documents;

import java.util.UUID;

/** A document's id, unique within its firm; its versions share it. */
public record DocumentId(UUID value) {

    @Override
    public String toString() {
        return value.toString();
    }
}
