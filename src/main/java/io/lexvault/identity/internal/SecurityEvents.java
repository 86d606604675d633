package io.lexvault.identity.internal;

import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEvent;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Publishes identity's security events, stamped with the request's origin and the time. Also logs
 * one line per event for operators: ids and the address only, never e-mail addresses or secrets.
 */
@Component
public class SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger("io.lexvault.security");

    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    SecurityEvents(ApplicationEventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    public void publish(
            SecurityEventType type,
            @Nullable UUID tenant,
            @Nullable UUID actor,
            @Nullable UUID subject,
            RequestOrigin origin,
            Map<String, String> details) {
        var event = new SecurityEvent(type, tenant, actor, subject, origin, clock.instant(), details);
        log.info(
                "{} tenant={} actor={} subject={} from={} {}", type, tenant, actor, subject, origin.address(), details);
        publisher.publishEvent(event);
    }

    /** An action by the user bound to the current request (or the system) on {@code subject}. */
    public void publishInBoundTenant(SecurityEventType type, @Nullable UserId subject, Map<String, String> details) {
        var binding = TenantContext.current().orElseThrow();
        publish(
                type,
                binding.tenant().value(),
                binding.actingUser(),
                subject == null ? null : subject.value(),
                RequestOrigin.current(),
                details);
    }
}
