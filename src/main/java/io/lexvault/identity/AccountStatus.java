package io.lexvault.identity;

public enum AccountStatus {
    ACTIVE,
    DEACTIVATED;

    public static AccountStatus fromDatabase(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    public String toDatabase() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
