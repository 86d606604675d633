package io.lexvault.identity.onboarding;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invitation as the firm's administrators see it. */
record Invitation(
        UUID id,
        String email,
        List<String> roles,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant acceptedAt,
        @Nullable Instant revokedAt) {

    public Invitation {
        roles = List.copyOf(roles);
    }

    public boolean pendingAt(Instant now) {
        return acceptedAt == null && revokedAt == null && expiresAt.isAfter(now);
    }
}
