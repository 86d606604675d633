package io.lexvault.matters.clients;

import io.lexvault.matters.SortOrder;
import org.jspecify.annotations.Nullable;

/** How a list of clients may be ordered (see {@link SortOrder}); ties are broken by id. */
public enum ClientSort implements SortOrder.Key {
    NAME("lower(name)"),
    CREATED("created_at");

    public static final SortOrder<ClientSort> DEFAULT = new SortOrder<>(NAME, false);

    /** {@code name} or {@code created}, optionally with a leading '-'. */
    public static SortOrder<ClientSort> parse(@Nullable String text) {
        return SortOrder.parse(text, DEFAULT, "sort is name or created, with a leading '-' for descending order.");
    }

    private final String expression;

    ClientSort(String expression) {
        this.expression = expression;
    }

    @Override
    public String expression() {
        return expression;
    }
}
