package io.lexvault.matters.clients;

import io.lexvault.matters.MatterRefusedException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How a list of clients is ordered; each key maps to a fixed SQL expression (nothing sent becomes SQL). */
public enum ClientSort {
    NAME("lower(name)"),
    CREATED("created_at");

    /** The order asked for: {@code name} or {@code created}, {@code -key} for descending. */
    public record Order(ClientSort by, boolean descending) {

        public static final Order DEFAULT = new Order(NAME, false);

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
            throw MatterRefusedException.invalid("sort is name or created, with a leading '-' for descending order.");
        }

        public String text() {
            return (descending ? "-" : "") + by.key();
        }

        String sql() {
            return by.expression + (descending ? " DESC" : " ASC") + ", id";
        }
    }

    private final String expression;

    ClientSort(String expression) {
        this.expression = expression;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
