package io.lexvault.matters;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How a list of matters is ordered. Each key maps to a fixed SQL expression here, so nothing the
 * caller sends ever becomes SQL; ties are broken by number and id, so pages never overlap.
 */
public enum MatterSort {
    NUMBER("m.number"),
    TITLE("lower(m.title)"),
    OPENED("m.opened_on"),
    STATUS("m.status"),
    CLIENT("lower(c.name)");

    /** The order asked for: a key, {@code -key} for descending (e.g. {@code -opened}). */
    public record Order(MatterSort by, boolean descending) {

        public static final Order DEFAULT = new Order(NUMBER, false);

        /** {@code number}, {@code title}, {@code opened}, {@code status} or {@code client}, optionally with a leading '-'. */
        public static Order parse(@Nullable String text) {
            if (text == null || text.isBlank()) {
                return DEFAULT;
            }
            boolean descending = text.startsWith("-");
            String key = descending ? text.substring(1) : text;
            for (var by : values()) {
                if (by.key().equals(key)) {
                    return new Order(by, descending);
                }
            }
            throw MatterRefusedException.invalid(
                    "sort is number, title, opened, status or client, with a leading '-' for descending order.");
        }

        /** The form {@link #parse} reads. */
        public String text() {
            return (descending ? "-" : "") + by.key();
        }

        String sql() {
            return by.expression + (descending ? " DESC" : " ASC") + ", m.number, m.id";
        }
    }

    private final String expression;

    MatterSort(String expression) {
        this.expression = expression;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
