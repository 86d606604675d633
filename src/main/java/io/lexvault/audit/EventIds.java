package io.lexvault.audit;

import java.time.Clock;
import java.util.UUID;

/**
 * Audit event ids: UUID version 7 (RFC 9562 §5.7), the time in milliseconds in the top 48 bits and
 * 74 bits from {@link UUID#randomUUID()}'s SecureRandom in the rest.
 *
 * <p>Why not version 4: every event is inserted into B-tree indexes keyed by its id (the events'
 * primary key, the queue's, the leaves' unique event id). A random id lands on a random leaf page of
 * each, so every audited action dirties (and after a checkpoint writes in full to the WAL) pages all
 * over those indexes; ids that grow with time land on the rightmost pages, which stay hot
 * (docs/benchmarks.md, "an audited write action", ADR 0022). The id carries nothing the event row does
 * not already say ({@code occurred_at}), and stays unguessable in its random bits. Nothing orders
 * by the id: the log's order is the leaf index.
 */
final class EventIds {

    private EventIds() {}

    static UUID next(Clock clock) {
        return at(clock.millis(), UUID.randomUUID());
    }

    /** Version 7 from a time and the random bits of a version 4 id (its variant bits are already RFC 9562's). */
    static UUID at(long epochMillis, UUID random) {
        long high = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
        return new UUID(high, random.getLeastSignificantBits());
    }
}
