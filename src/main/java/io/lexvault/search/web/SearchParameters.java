package io.lexvault.search.web;

import io.lexvault.search.SearchRefusedException;
import io.lexvault.search.SearchRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The query string of a search (API and page alike) read into a {@link SearchRequest}, refused with a sentence when malformed. */
final class SearchParameters {

    private SearchParameters() {}

    static SearchRequest read(
            @Nullable String q,
            @Nullable String matter,
            @Nullable String client,
            @Nullable String type,
            @Nullable String from,
            @Nullable String to,
            @Nullable String classification,
            int page) {
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        return new SearchRequest(
                q == null ? "" : q,
                id("matter", matter),
                id("client", client),
                type,
                fromDate == null ? null : fromDate.atStartOfDay().toInstant(ZoneOffset.UTC),
                // "to" is inclusive: up to the end of that day.
                toDate == null
                        ? null
                        : toDate.plusDays(1)
                                .atStartOfDay()
                                .toInstant(ZoneOffset.UTC)
                                .minusNanos(1),
                classification,
                page);
    }

    private static @Nullable UUID id(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new SearchRefusedException(name + " must be an id.");
        }
    }

    private static @Nullable LocalDate date(String name, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new SearchRefusedException(name + " must be a date such as 2026-01-31.");
        }
    }
}
