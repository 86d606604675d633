package io.lexvault.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bound firm's events as people read them: filtered by who, what, how it ended, which matter or
 * object and when, newest first for the audit page or oldest first for a timeline. Events that are
 * not yet in the Merkle log are shown too (without a leaf index): the log takes them in seconds.
 *
 * <p>Events about a matter or client an ethical wall screens the reader from are left out, whatever
 * their roles ({@link WallScreening}): a screened administrator or auditor must not learn who worked on
 * the walled matter or client or when, who put the wall up, nor that someone looked the walled things
 * up (refused looks and views of their timelines carry the matter and client too).
 * The verification API and proofs withhold those leaves too ({@link AuditLog}).
 */
@Component
public class AuditTrail {

    /** What to show; every part is optional. Dates are whole UTC days, both ends included. */
    public record Filter(
            @Nullable UUID actor,
            @Nullable AuditAction action,
            @Nullable AuditOutcome outcome,
            @Nullable UUID matter,
            @Nullable UUID target,
            @Nullable LocalDate from,
            @Nullable LocalDate to) {

        public static final Filter EVERYTHING = new Filter(null, null, null, null, null, null, null);

        public Filter {
            if (from != null && to != null && from.isAfter(to)) {
                throw new IllegalArgumentException("The first day must not be after the last day.");
            }
        }

        /** The filter as short machine-readable audit details (what an export covered). */
        public Map<String, String> asDetails() {
            var details = new LinkedHashMap<String, String>();
            if (actor != null) details.put("actor", actor.toString());
            if (action != null) details.put("action", action.key());
            if (outcome != null) details.put("outcome", outcome.key());
            if (matter != null) details.put("matter", matter.toString());
            if (target != null) details.put("target", target.toString());
            if (from != null) details.put("from", from.toString());
            if (to != null) details.put("to", to.toString());
            return details;
        }
    }

    public enum Order {
        NEWEST_FIRST,
        OLDEST_FIRST
    }

    /** One event with ids only: the page resolves names when it shows them. */
    public record Event(
            UUID id,
            @Nullable Long leafIndex,
            Instant occurredAt,
            String actorType,
            @Nullable UUID actorId,
            String action,
            String outcome,
            @Nullable String targetType,
            @Nullable UUID targetId,
            @Nullable UUID matterId,
            @Nullable String sourceIp,
            @Nullable String userAgent,
            @Nullable String requestId,
            Map<String, String> details) {}

    private final AuditTrailRepository events;

    AuditTrail(AuditTrailRepository events) {
        this.events = events;
    }

    /** At most {@code limit} events from {@code offset} on. */
    @Transactional(readOnly = true)
    public List<Event> page(Filter filter, Order order, int offset, int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be at least 0 and limit at least 1.");
        }
        return events.page(filter, order, offset, limit);
    }

    /** Every matching event, streamed in constant memory (exports of millions of events). */
    @Transactional(readOnly = true)
    public void forEach(Filter filter, Order order, Consumer<Event> sink) {
        events.forEach(filter, order, sink);
    }
}
