package io.lexvault.tenancy;

import java.util.Objects;
import java.util.UUID;

/** Identifies a firm. Every row of firm data carries one in its {@code tenant_id} column. */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    public static TenantId of(String value) {
        return new TenantId(UUID.fromString(value));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
