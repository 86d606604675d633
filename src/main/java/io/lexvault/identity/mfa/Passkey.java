package io.lexvault.identity.mfa;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One of a user's passkeys, as their account page lists it. */
record Passkey(
        String credentialId,
        String label,
        @Nullable Instant createdAt,
        @Nullable Instant lastUsedAt) {}
