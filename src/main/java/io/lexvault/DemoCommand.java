package io.lexvault;

import io.lexvault.ops.DatabaseSettings;
import io.lexvault.tenancy.Tenants;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs LexVault on http://127.0.0.1:<port> with a demo firm. Uses LEXVAULT_DB_URL, else a"
                + " PostgreSQL on 127.0.0.1:5432, else an embedded PostgreSQL under ./var/pg.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_FIRM_SLUG = "demo";

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
        var settings = DatabaseSettings.fromEnvironment(System.getenv());
        return ServerRun.runUntilStopped(
                settings,
                Map.of("server.address", "127.0.0.1", "server.port", port, "lexvault.mode", "demo"),
                context -> {
                    var tenants = context.getBean(Tenants.class);
                    if (tenants.findIdBySlug(DEMO_FIRM_SLUG).isEmpty()) {
                        tenants.register("Demo Law LLP", DEMO_FIRM_SLUG);
                    }
                });
    }
}
