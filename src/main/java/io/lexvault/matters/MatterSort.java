package io.lexvault.matters;

import org.jspecify.annotations.Nullable;

/** How a list of matters may be ordered (see {@link SortOrder}); ties are broken by number and id. */
public enum MatterSort implements SortOrder.Key {
    NUMBER("m.number"),
    TITLE("lower(m.title)"),
    OPENED("m.opened_on"),
    STATUS("m.status"),
    CLIENT("lower(c.name)");

    public static final SortOrder<MatterSort> DEFAULT = new SortOrder<>(NUMBER, false);

    /** {@code number}, {@code title}, {@code opened}, {@code status} or {@code client}, optionally with a leading '-'. */
    public static SortOrder<MatterSort> parse(@Nullable String text) {
        return SortOrder.parse(
                text,
                DEFAULT,
                "sort is number, title, opened, status or client, with a leading '-' for descending order.");
    }

    private final String expression;

    MatterSort(String expression) {
        this.expression = expression;
    }

    @Override
    public String expression() {
        return expression;
    }
}
