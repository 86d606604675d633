package io.lexvault.matters.clients;

import io.lexvault.matters.ClientId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A client of the firm with its contact details. */
public record Client(
        ClientId id,
        ClientKind kind,
        String name,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String postalAddress,
        @Nullable String registrationNumber,
        @Nullable String notes,
        Instant createdAt,
        @Nullable Instant updatedAt) {}
