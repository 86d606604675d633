package io.lexvault.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points every Spring test context at the run's {@link TestDatabase}, logged in as the runtime role. */
public final class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var runtime = TestDatabase.shared().runtime();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "lexvault-test-database",
                        Map.ofEntries(
                                Map.entry("spring.datasource.url", runtime.jdbcUrl()),
                                Map.entry("spring.datasource.username", runtime.user()),
                                Map.entry("spring.datasource.password", String.valueOf(runtime.password())),
                                // Test classes with their own settings each keep a context (and a pool)
                                // alive; small pools keep them all under PostgreSQL's connection limit.
                                Map.entry("spring.datasource.hikari.maximum-pool-size", "4"),
                                Map.entry("spring.datasource.hikari.minimum-idle", "0"),
                                // All test contexts share one database: background jobs of one context
                                // must not deliver another's mail. Tests run the jobs when they need them.
                                Map.entry("lexvault.mail.poll-interval", "PT1H"),
                                Map.entry("lexvault.identity.reset-poll-interval", "PT1H"),
                                Map.entry("lexvault.audit.sequence-interval", "PT1H"),
                                Map.entry("lexvault.audit.retention.first-expiry-after", "P1D"),
                                // Likewise events: a context starting would otherwise publish again
                                // another context's events that are still being handled.
                                Map.entry("spring.modulith.events.republish-outstanding-events-on-restart", "false"),
                                Map.entry(
                                        "lexvault.data-dir",
                                        java.nio.file.Path.of("target", "test-var")
                                                .toAbsolutePath()
                                                .toString()))));
        // Lowest priority, so a test may still turn it on: the start-up cipher warm-up only costs a
        // shared machine CPU in contexts that never move a large document.
        context.getEnvironment()
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "lexvault-test-defaults", Map.of("lexvault.documents.cipher-warm-up", "0")));
    }
}
