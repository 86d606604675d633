package io.lexvault.identity;

public enum AccountStatus {
    ACTIVE,
    DEACTIVATED;

    static AccountStatus fromDatabase(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }

    String toDatabase() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
