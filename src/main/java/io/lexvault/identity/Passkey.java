package io.lexvault.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One of a user's passkeys, as their account page lists it. */
public record Passkey(
        String credentialId,
        String label,
        @Nullable Instant createdAt,
        @Nullable Instant lastUsedAt) {}
