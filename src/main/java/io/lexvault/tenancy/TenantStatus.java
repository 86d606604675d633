package io.lexvault.tenancy;

/** Whether a firm may be used. A locked firm keeps its data but serves no requests. */
public enum TenantStatus {
    ACTIVE,
    LOCKED;

    static TenantStatus fromDatabase(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
