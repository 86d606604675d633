package io.lexvault.matters.clients;

import org.jspecify.annotations.Nullable;

/**
 * A client as someone typed it, before {@link Clients} checks it: every field may be missing or
 * malformed here. {@code kind} is {@code person} or {@code organisation}; blank optional fields are
 * stored as none.
 */
public record ClientDetails(
        @Nullable String kind,
        @Nullable String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String postalAddress,
        @Nullable String registrationNumber,
        @Nullable String notes) {

    /** An organisation known only by its name. */
    public static ClientDetails organisation(String name) {
        return new ClientDetails("organisation", name, null, null, null, null, null);
    }
}
