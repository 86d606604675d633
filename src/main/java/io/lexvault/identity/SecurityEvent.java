package io.lexvault.identity;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One security action, published synchronously inside the action's transaction where there is one,
 * so a listener that records it commits or rolls back with the action.
 *
 * <p>Carries ids, never names, e-mail addresses, passwords or tokens: {@code details} holds only
 * short machine-readable facts ({@code reason=locked}).
 *
 * @param tenant the firm, or null when none is known (a sign-in with an unknown address)
 * @param actor who acted, or null for an anonymous visitor or the system
 * @param subject the account acted on, or null when there is none
 */
public record SecurityEvent(
        SecurityEventType type,
        @Nullable UUID tenant,
        @Nullable UUID actor,
        @Nullable UUID subject,
        RequestOrigin origin,
        Instant at,
        Map<String, String> details) {

    public SecurityEvent {
        details = Map.copyOf(details);
    }
}
