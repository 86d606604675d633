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
                        Map.of(
                                "spring.datasource.url",
                                runtime.jdbcUrl(),
                                "spring.datasource.username",
                                runtime.user(),
                                "spring.datasource.password",
                                String.valueOf(runtime.password()),
                                // Test classes with their own settings each keep a context (and a pool)
                                // alive; small pools keep them all under PostgreSQL's connection limit.
                                "spring.datasource.hikari.maximum-pool-size",
                                "4",
                                "spring.datasource.hikari.minimum-idle",
                                "0",
                                // All test contexts share one database: background jobs of one context
                                // must not deliver another's mail. Tests run the jobs when they need them.
                                "lexvault.mail.poll-interval",
                                "PT1H",
                                "lexvault.identity.reset-poll-interval",
                                "PT1H",
                                "lexvault.audit.sequence-interval",
                                "PT1H",
                                "lexvault.audit.retention.first-expiry-after",
                                "P1D",
                                "lexvault.data-dir",
                                java.nio.file.Path.of("target", "test-var")
                                        .toAbsolutePath()
                                        .toString())));
        // Lowest priority, so a test may still turn it on: the start-up cipher warm-up only costs a
        // shared machine CPU in contexts that never move a large document.
        context.getEnvironment()
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "lexvault-test-defaults", Map.of("lexvault.documents.cipher-warm-up", "0")));
    }
}
