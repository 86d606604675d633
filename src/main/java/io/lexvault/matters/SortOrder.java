package io.lexvault.matters;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The order of a list as the caller writes it: a key ({@code name}), or {@code -key} for descending.
 * The keys are the constants of one enum, each naming a fixed SQL expression, so nothing the caller
 * sends ever becomes SQL; the repository adds the tie-break that keeps pages from overlapping.
 */
public record SortOrder<K extends Enum<K> & SortOrder.Key>(K by, boolean descending) {

    /** One way a list may be ordered. */
    public interface Key {

        /** The fixed SQL expression the list is ordered by. */
        String expression();

        /** The key the caller writes: the constant's name in lower case. */
        default String key() {
            return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The order {@code text} names among {@code fallback}'s keys, or {@code fallback} for no text; any
     * other text is refused with {@code refusal}.
     */
    public static <K extends Enum<K> & Key> SortOrder<K> parse(
            @Nullable String text, SortOrder<K> fallback, String refusal) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        boolean descending = text.startsWith("-");
        String key = descending ? text.substring(1) : text;
        for (var by : fallback.by().getDeclaringClass().getEnumConstants()) {
            if (by.key().equals(key)) {
                return new SortOrder<>(by, descending);
            }
        }
        throw MatterRefusedException.invalid(refusal);
    }

    /** The form {@link #parse} reads. */
    public String text() {
        return (descending ? "-" : "") + by.key();
    }

    /** The ORDER BY list: the key's expression in this direction, then {@code tieBreak}. */
    public String sql(String tieBreak) {
        return by.expression() + (descending ? " DESC" : " ASC") + ", " + tieBreak;
    }
}
