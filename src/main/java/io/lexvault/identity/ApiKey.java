package io.lexvault.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An API key as its owner sees it: never the key itself, which exists only in the one response
 * that created it.
 *
 * @param displayPrefix the key's first characters ({@code lvk_AbC123}), to recognise it
 */
public record ApiKey(
        UUID id,
        UserId owner,
        String name,
        String displayPrefix,
        List<String> scopes,
        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public ApiKey {
        scopes = List.copyOf(scopes);
    }

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
