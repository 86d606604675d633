package io.lexvault.matters;

import java.util.Locale;

/** Where a matter stands: open for work, closed (work done, may be reopened), or archived. */
public enum MatterStatus {
    OPEN,
    CLOSED,
    ARCHIVED;

    /** The stored and API form: {@code open}, {@code closed} or {@code archived}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MatterStatus fromKey(String key) {
        for (var status : values()) {
            if (status.key().equals(key)) {
                return status;
            }
        }
        throw MatterRefusedException.invalid("status is open, closed or archived.");
    }
}
