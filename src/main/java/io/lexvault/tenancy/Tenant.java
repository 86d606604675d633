package io.lexvault.tenancy;

import java.time.Instant;

/** A firm as its own members see it. */
public record Tenant(TenantId id, String name, String slug, TenantStatus status, Instant createdAt) {}
