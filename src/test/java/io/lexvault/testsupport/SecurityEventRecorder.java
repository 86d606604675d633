package io.lexvault.testsupport;

import io.lexvault.identity.SecurityEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/** Keeps every security event from every thread (Spring's ApplicationEvents sees only the test's own). */
@TestConfiguration(proxyBeanMethods = false)
public class SecurityEventRecorder {

    private final ConcurrentLinkedQueue<SecurityEvent> events = new ConcurrentLinkedQueue<>();

    @EventListener
    void record(SecurityEvent event) {
        events.add(event);
    }

    public List<SecurityEvent> all() {
        return List.copyOf(events);
    }
}
