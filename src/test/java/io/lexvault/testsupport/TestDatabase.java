package io.lexvault.testsupport;

import io.lexvault.database.DatabaseLogin;
import io.lexvault.database.DatabaseProvisioner;
import io.lexvault.database.DatabaseServer;
import io.lexvault.database.DatabaseSettings;
import io.lexvault.database.RoleNames;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.boot.SpringApplication;

/**
 * The PostgreSQL database of one test run, found exactly as {@code lexvault demo} finds one
 * (LEXVAULT_DB_URL, else 127.0.0.1:5432, else an embedded server), with its own uniquely named
 * database and roles, all dropped when the JVM exits.
 */
public final class TestDatabase {

    private static TestDatabase shared;

    private final DatabaseServer server;
    private final RoleNames roles;
    private final DatabaseLogin runtime;

    private TestDatabase(DatabaseServer server, RoleNames roles, DatabaseLogin runtime) {
        this.server = server;
        this.roles = roles;
        this.runtime = runtime;
    }

    public static synchronized TestDatabase shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static TestDatabase create() {
        String run = randomName();
        var settings = DatabaseSettings.fromEnvironment(System.getenv())
                .withDataDirectory(Path.of("target", "test-var").toAbsolutePath())
                .withRolePrefix("lexvault_t" + run);
        var server = DatabaseServer.locateForTests(settings).withApplicationDatabase("lexvault_test_" + run);
        var roles = settings.roles();
        var runtime = DatabaseProvisioner.provision(server, roles, randomName() + randomName());
        // Dropped after Spring Boot has closed the test contexts, not beside them: JVM shutdown hooks run
        // at the same time, and a context closing after the drop waited for a connection (Spring
        // Modulith's event registry reads its incomplete publications on close) until Surefire killed
        // the fork 30 s later. Spring Boot's shutdown handlers run once the contexts are closed.
        SpringApplication.getShutdownHandlers().add(() -> {
            try {
                DatabaseProvisioner.drop(server, roles);
            } finally {
                server.close();
            }
        });
        return new TestDatabase(server, roles, runtime);
    }

    public static String randomName() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public DatabaseServer server() {
        return server;
    }

    public RoleNames roles() {
        return roles;
    }

    /** The runtime role, as the application uses it. */
    public DatabaseLogin runtime() {
        return runtime;
    }

    /** The administrative login on the test database (a superuser on the usual test servers). */
    public DatabaseLogin administrator() {
        return server.administrator();
    }
}
