package io.lexvault.audit;

import io.lexvault.LexVaultApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * What the audit benchmarks (run by bench/audit-*.sh, never by the test suite) share: an application
 * context on the run's own database (testsupport.TestDatabase: a uniquely named database on the
 * local PostgreSQL, dropped when the JVM exits), and small statistics.
 */
final class BenchmarkRuns {

    private BenchmarkRuns() {}

    /**
     * Starts LexVault as `lexvault serve` would, but without a port. The test set-up
     * (TestDatabaseInitializer) points it at the run's database; {@code properties} outrank it, so a
     * benchmark can restore production settings the test set-up shrinks (pool size, sequencer).
     */
    static ConfigurableApplicationContext start(
            String name, Map<String, Object> properties, Consumer<GenericApplicationContext> beans) {
        var all = new HashMap<String, Object>(properties);
        all.put("server.port", -1);
        // One line per security event, as in production, but into a file: the console shows results.
        all.put("logging.threshold.console", "WARN");
        all.put("logging.file.name", "target/bench/" + name + ".log");
        var application = new SpringApplication(LexVaultApplication.class);
        application.addInitializers(context -> {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("benchmark-" + name, all));
            beans.accept((GenericApplicationContext) context);
        });
        return application.run();
    }

    static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The 1-minute load average and the CPU count, to say how busy the machine was. */
    static String machineLoad() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + String.join(" ", Arrays.copyOf(load, 3)) + " on "
                    + Runtime.getRuntime().availableProcessors() + " CPUs";
        } catch (IOException e) {
            return "load average unknown";
        }
    }
}
