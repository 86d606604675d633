package io.lexvault.identity;

import io.lexvault.tenancy.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A user account as others may see it: never its password hash or lockout counters. */
public record Account(
        TenantId tenant,
        UserId id,
        String email,
        String displayName,
        AccountStatus status,
        boolean hasPassword,
        @Nullable Instant emailVerifiedAt,
        @Nullable Instant lockedUntil,
        @Nullable Instant lastSignInAt,
        Instant createdAt) {}
