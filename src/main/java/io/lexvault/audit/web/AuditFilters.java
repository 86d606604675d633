package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditOutcome;
import io.lexvault.audit.AuditTrail;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit views' filter: read from the form's query, and written back for links to the next page or an export. */
final class AuditFilters {

    private AuditFilters() {}

    /** The filter the form sent; a value that is not what its field takes is refused with why. */
    static AuditTrail.Filter of(Map<String, String> query) {
        return of(query, number -> Optional.empty());
    }

    /**
     * The filter the form sent, where the matter may be given by its number (what people know) as well
     * as by its id; a number the reader cannot see (none, or walled) is refused like a wrong one.
     */
    static AuditTrail.Filter of(Map<String, String> query, Function<String, Optional<UUID>> matterNumbered) {
        return new AuditTrail.Filter(
                uuid(query, "actor", "person"),
                choice(query, "action", AuditAction.values(), AuditAction::key, "action"),
                choice(query, "outcome", AuditOutcome.values(), AuditOutcome::key, "outcome"),
                matter(query, matterNumbered),
                uuid(query, "target", "object id"),
                day(query, "from"),
                day(query, "to"));
    }

    private static @Nullable String value(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID matter(Map<String, String> query, Function<String, Optional<UUID>> numbered) {
        String value = value(query, "matter");
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException notAnId) {
            return numbered.apply(value)
                    .orElseThrow(() -> new IllegalArgumentException("There is no matter numbered " + value + "."));
        }
    }

    private static @Nullable UUID uuid(Map<String, String> query, String name, String what) {
        String value = value(query, name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + what + " is not an id LexVault uses.");
        }
    }

    private static <T> @Nullable T choice(
            Map<String, String> query,
            String name,
            T[] values,
            java.util.function.Function<T, String> key,
            String what) {
        String value = value(query, name);
        if (value == null) {
            return null;
        }
        return Arrays.stream(values)
                .filter(candidate -> key.apply(candidate).equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no such " + what + "."));
    }

    private static @Nullable LocalDate day(Map<String, String> query, String name) {
        String value = value(query, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Dates are written as year-month-day, such as 2026-11-26.");
        }
    }

    /** The filter as a query string, for the export links and the next page. */
    static String query(AuditTrail.Filter filter) {
        var builder = UriComponentsBuilder.newInstance();
        filter.asDetails().forEach(builder::queryParam);
        String query = builder.build().encode().getQuery();
        return query == null ? "" : query;
    }
}
