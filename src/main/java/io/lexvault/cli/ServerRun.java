package io.lexvault.cli;

import io.lexvault.database.DatabaseProvisioner;
import io.lexvault.database.DatabaseServer;
import io.lexvault.database.DatabaseSettings;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts the application: find PostgreSQL, prepare the database as the administrator, then run as
 * the runtime role, either as a server until the process is told to stop or for one command.
 */
public final class ServerRun {

    private static final Logger log = LoggerFactory.getLogger(ServerRun.class);

    /**
     * The Spring Boot application to start, named by the entry point: this module cannot name it
     * itself, since the entry point beside the application depends on this module.
     */
    private static @Nullable Class<?> started;

    private ServerRun() {}

    /** Called once by the entry point, before any command runs. */
    public static void starts(Class<?> applicationClass) {
        started = applicationClass;
    }

    /**
     * Runs the server until the process is told to stop.
     *
     * @param beforeReady what must be done before the server may say it is ready: it runs once the
     *     application has started, while readiness is still {@code REFUSING_TRAFFIC} (health {@code
     *     OUT_OF_SERVICE}, HTTP 503), e.g. seeding the demo firm
     * @param whenReady what may only be said once the server is ready, e.g. the demo's banner with its
     *     users
     */
    public static int runUntilStopped(
            DatabaseSettings settings,
            Map<String, Object> properties,
            Consumer<ConfigurableApplicationContext> beforeReady,
            Consumer<ConfigurableApplicationContext> whenReady)
            throws InterruptedException {
        DatabaseServer server = DatabaseServer.locate(settings);
        ConfigurableApplicationContext context;
        try {
            context = start(server, settings, properties, beforeReady);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        try {
            whenReady.accept(context);
        } catch (RuntimeException e) {
            context.close();
            server.close();
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                context.close();
                            } finally {
                                server.close();
                                stopped.countDown();
                            }
                        },
                        "lexvault-shutdown"));
        log.info(
                "LexVault is running at http://{}:{}/ (stop with Ctrl-C)",
                properties.get("server.address"),
                properties.get("server.port"));
        stopped.await();
        return 0;
    }

    /**
     * Runs one administrative command, without a web server, against the database the environment
     * names (the same settings as {@code serve}, or the local or embedded PostgreSQL of {@code demo}).
     */
    static int runCommand(Function<ConfigurableApplicationContext, Integer> command) {
        return runCommand(DatabaseSettings.fromEnvironment(System.getenv()), command);
    }

    /** Runs one administrative command against the database, without a web server. */
    static int runCommand(DatabaseSettings settings, Function<ConfigurableApplicationContext, Integer> command) {
        try (DatabaseServer server = DatabaseServer.locate(settings);
                var context = start(
                        server,
                        settings,
                        // The application context stays a web one (sessions, security), but a command
                        // opens no port: -1 switches the embedded server off.
                        Map.of("server.port", -1, "lexvault.mode", "command"),
                        ready -> {})) {
            return command.apply(context);
        }
    }

    private static ConfigurableApplicationContext start(
            DatabaseServer server,
            DatabaseSettings settings,
            Map<String, Object> properties,
            Consumer<ConfigurableApplicationContext> beforeReady) {
        Class<?> applicationClass = started;
        if (applicationClass == null) {
            throw new IllegalStateException("No application to start: the entry point names it first");
        }
        log.info("Using {}, database {}", server.describe(), server.applicationDatabase());
        var runtime =
                DatabaseProvisioner.provision(server, settings.roles(), DatabaseProvisioner.appPassword(settings));
        var all = new HashMap<String, Object>(properties);
        all.put("spring.datasource.url", runtime.jdbcUrl());
        all.put("spring.datasource.username", runtime.user());
        all.put("spring.datasource.password", runtime.password());
        all.put("lexvault.data-dir", settings.dataDirectory().toString());
        var application = new SpringApplication(applicationClass);
        // Our own hook closes the application first and the embedded database after it.
        application.setRegisterShutdownHook(false);
        // The command's settings outrank application.properties.
        application.addInitializers(started ->
                started.getEnvironment().getPropertySources().addFirst(new MapPropertySource("lexvault-command", all)));
        // Spring Boot reports readiness (ACCEPTING_TRAFFIC, health UP) only once every runner has
        // returned, and the web server already answers before that: what the server will announce is
        // done in a runner, so no probe, load balancer or user is told "ready" before it is.
        application.addInitializers(
                started -> started.getBeanFactory().registerSingleton("lexvaultBeforeReady", (ApplicationRunner)
                        arguments -> beforeReady.accept(started)));
        return application.run();
    }

    /** The firm an operator named by its slug on the command line; a clear error when there is none. */
    static TenantId firmBySlug(ApplicationContext context, String slug) {
        return context.getBean(Tenants.class)
                .findIdBySlug(slug)
                .orElseThrow(() -> new IllegalArgumentException("No firm with the address " + slug));
    }
}
