package io.lexvault.identity.signin;

import io.lexvault.LexVaultApplication;
import io.lexvault.access.BuiltInRole;
import io.lexvault.cli.FirmSetup;
import io.lexvault.identity.GeneratedPasswords;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Benchmark, not a test (bench/password-sign-in.sh runs it): what a password sign-in costs, and how
 * much of it is the Argon2id hash (m=19456 KiB, t=2, p=1, LexVault's {@link PasswordHashing}).
 *
 * <p>Variants, in interleaved rounds of the same length, each at 1 and at 2 clients (this machine has
 * 2 cores):
 *
 * <ul>
 *   <li><b>hash</b>: {@code PasswordEncoder.matches} of the right password against the hash stored for
 *       the account (read back from the database, so it is the hash a sign-in verifies), in a loop per
 *       thread, in the server's own JVM;
 *   <li><b>sign-in</b>: the whole sign-in over real HTTP as a browser does it: {@code GET /login} for a
 *       fresh session and its CSRF field, then {@code POST /login}, through the per-address throttle
 *       (a token bucket row in PostgreSQL, taken and refunded), the per-account attempt bookkeeping
 *       (its own transaction), the hash, the grants lookup, the session (JDBC) and the redirect. Each
 *       client signs in as a user of its own. Only the {@code POST} is timed; the rate counts completed
 *       sign-ins per second of the round, the form fetch included.
 * </ul>
 *
 * The bookkeeping share is (median sign-in POST − median hash) / median hash at one client, where
 * nothing else competes for the core.
 */
final class PasswordSignInBenchmark {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private PasswordSignInBenchmark() {}

    private static final Switch SWITCH = new Switch();

    /**
     * The server's password encoder: LexVault's {@link PasswordHashing} (native Argon2id if it loads)
     * or, while {@code java} is set, the same with Bouncy Castle alone (as before issue 14's change).
     */
    private static final class Switch implements PasswordEncoder {
        private volatile PasswordHashing product;
        private final PasswordHashing bouncyCastle = new PasswordHashing(null);
        private volatile boolean java;

        PasswordEncoder around(PasswordHashing hashing) {
            product = hashing;
            return this;
        }

        private PasswordEncoder current() {
            return java ? bouncyCastle : product;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return current().encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return current().matches(rawPassword, encodedPassword);
        }

        @Override
        public boolean upgradeEncoding(String encodedPassword) {
            return current().upgradeEncoding(encodedPassword);
        }
    }

    /** Arguments: seconds per round (10), rounds per variant and client count (3), client counts (1,2). */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int[] clientCounts = java.util.Arrays.stream((args.length > 2 ? args[2] : "1,2").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", 0);
        properties.put("server.address", "127.0.0.1");
        properties.put("logging.threshold.console", "WARN");
        properties.put("logging.file.name", "target/bench/password-sign-in.log");
        // The production pool (the test set-up shrinks it) and plain HTTP, as `lexvault demo` serves.
        properties.put("spring.datasource.hikari.maximum-pool-size", 10);
        properties.put("lexvault.http.secure-cookies", false);
        var application = new SpringApplication(LexVaultApplication.class);
        application.addInitializers(context -> {
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource("benchmark-sign-in", properties));
            // The application's encoder (native Argon2id when it loads) behind a switch, so that the
            // same server signs in with it or with Bouncy Castle alone, in alternating rounds.
            ((org.springframework.context.support.GenericApplicationContext) context)
                    .getBeanFactory()
                    .addBeanPostProcessor(new org.springframework.beans.factory.config.BeanPostProcessor() {
                        @Override
                        public Object postProcessAfterInitialization(Object bean, String name) {
                            return bean instanceof PasswordHashing hashing ? SWITCH.around(hashing) : bean;
                        }
                    });
        });
        try (var context = application.run()) {
            new PasswordSignInBenchmark().run(context, seconds, rounds, clientCounts);
        }
        System.exit(0); // the shutdown hook drops the database
    }

    /**
     * One round: completed operations per second of wall time, their median wall time, and the
     * process's CPU time per operation (all its threads: the server's request threads, the hash, and
     * for sign-ins the benchmark's own HTTP client; PostgreSQL's is not in it). On a shared machine
     * the wall-clock figures fall with the load; the CPU time per operation does not, so "per second
     * per core" is 1000 / CPU ms.
     */
    private record Round(String variant, int clients, double perSecond, double medianMs, double cpuMs) {}

    private void run(ConfigurableApplicationContext context, int seconds, int rounds, int[] clientCounts)
            throws Exception {
        String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        var setup = new FirmSetup(context);
        String password = GeneratedPasswords.generate();
        int maxClients = java.util.Arrays.stream(clientCounts).max().orElse(1);
        var firm = setup.createFirm(
                "Sign-in Bench LLP", "sign-in-bench", "admin@sign-in-bench.example", "Admin Person", password);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < maxClients; i++) {
            String email = "attorney" + i + "@sign-in-bench.example";
            setup.addUser(firm, email, "Attorney " + i, password, BuiltInRole.ATTORNEY);
            emails.add(email);
        }
        // The stored hash, as a sign-in reads it (the owner's login of the test set-up bypasses RLS).
        String stored = context.getBean(JdbcClient.class)
                .sql("SELECT password_hash FROM users WHERE email = ?")
                .param(emails.get(0))
                .query(String.class)
                .optional()
                .orElseGet(() -> context.getBean(PasswordEncoder.class).encode(password));
        var encoder = context.getBean(PasswordEncoder.class);
        System.out.printf(
                "machine: %d CPUs, %s, %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                loadAverage());
        System.out.println("stored hash parameters: " + stored.replaceAll("\\$[A-Za-z0-9+/=]{16,}", "\\$…"));
        // A check and a warm-up: both paths must succeed, and the JIT gets to compile them.
        if (!encoder.matches(password, stored)) {
            throw new IllegalStateException("The stored hash does not verify");
        }
        String landing = signIn(newClient(), base, emails.get(0), password).location;
        if (landing.contains("/login")) {
            throw new IllegalStateException("The sign-in was refused: " + landing);
        }
        System.out.println("a sign-in lands on " + landing);
        System.out.println("native Argon2id loaded: " + SWITCH.product.nativeArgon2());
        for (boolean java : new boolean[] {true, false}) { // warm-up of both
            SWITCH.java = java;
            measure(java ? "hash BC" : "hash", 1, 5, () -> encoder.matches(password, stored));
            measureEach(java ? "sign-in BC" : "sign-in", 5, List.of(new SignIns(base, emails.get(0), password)));
        }

        List<Round> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int clients : clientCounts) {
                // Alternating which encoder goes first, round by round.
                for (boolean java : round % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                    SWITCH.java = java;
                    results.add(measure(
                            java ? "hash BC" : "hash", clients, seconds, () -> encoder.matches(password, stored)));
                    List<SignIns> perClient = new ArrayList<>();
                    for (int i = 0; i < clients; i++) {
                        perClient.add(new SignIns(base, emails.get(i), password));
                    }
                    results.add(measureEach(java ? "sign-in BC" : "sign-in", seconds, perClient));
                }
            }
            System.out.printf("round %d done (%s)%n", round, loadAverage());
        }
        System.out.println();
        System.out.println(
                "| variant | clients | per second (rounds) | median wall time | CPU per operation | per second per core"
                        + " (1000 / CPU ms) |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (int clients : clientCounts) {
            for (String variant : List.of("hash BC", "sign-in BC", "hash", "sign-in")) {
                var these = results.stream()
                        .filter(r -> r.variant.equals(variant) && r.clients == clients)
                        .toList();
                double rate = median(these.stream().map(Round::perSecond).toList());
                double ms = median(these.stream().map(Round::medianMs).toList());
                double cpu = median(these.stream().map(Round::cpuMs).toList());
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %.1f (%s) | %.1f ms | %.1f ms | %.1f |%n",
                        variant,
                        clients,
                        rate,
                        String.join(
                                ", ",
                                these.stream()
                                        .map(r -> String.format(Locale.ROOT, "%.1f", r.perSecond))
                                        .toList()),
                        ms,
                        cpu,
                        1000 / cpu);
            }
        }
        for (int clients : clientCounts) {
            for (String suffix : List.of(" BC", "")) {
                double hash = median(results.stream()
                        .filter(r -> r.variant.equals("hash" + suffix) && r.clients == clients)
                        .map(Round::medianMs)
                        .toList());
                double signIn = median(results.stream()
                        .filter(r -> r.variant.equals("sign-in" + suffix) && r.clients == clients)
                        .map(Round::medianMs)
                        .toList());
                double hashCpu = median(results.stream()
                        .filter(r -> r.variant.equals("hash" + suffix) && r.clients == clients)
                        .map(Round::cpuMs)
                        .toList());
                double signInCpu = median(results.stream()
                        .filter(r -> r.variant.equals("sign-in" + suffix) && r.clients == clients)
                        .map(Round::cpuMs)
                        .toList());
                System.out.printf(
                        Locale.ROOT,
                        "%s, %d client(s): a sign-in POST takes %.1f ms, the hash alone %.1f ms (+%.0f%%); CPU per sign-in"
                                + " (form fetch and client included) %.1f ms, per hash %.1f ms (+%.0f%%)%n",
                        suffix.isEmpty() ? "as now" : "Bouncy Castle",
                        clients,
                        signIn,
                        hash,
                        100 * (signIn - hash) / hash,
                        signInCpu,
                        hashCpu,
                        100 * (signInCpu - hashCpu) / hashCpu);
            }
        }
        System.out.println("(" + loadAverage() + ")");
    }

    /** One client signing in again and again as one user, each time in a fresh session. */
    private static final class SignIns {
        private final HttpClient http = newClient();
        private final String base;
        private final String email;
        private final String password;

        SignIns(String base, String email, String password) {
            this.base = base;
            this.email = email;
            this.password = password;
        }

        /** Signs in once; returns the POST's time in nanoseconds. */
        long next() throws Exception {
            ((CookieManager) http.cookieHandler().orElseThrow())
                    .getCookieStore()
                    .removeAll();
            var result = signIn(http, base, email, password);
            if (result.location.contains("/login")) {
                throw new IllegalStateException("A sign-in was refused: " + result.location);
            }
            return result.nanos;
        }
    }

    private record SignInResult(String location, long nanos) {}

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static SignInResult signIn(HttpClient http, String base, String email, String password)
            throws IOException, InterruptedException {
        String form = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var csrf = CSRF_FIELD.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("The sign-in form has no CSRF field");
        }
        String body = "email=" + encode(email) + "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
        long start = System.nanoTime();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        long nanos = System.nanoTime() - start;
        return new SignInResult(
                response.headers().firstValue("Location").orElse("(status " + response.statusCode() + ")"), nanos);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface Timed {
        /** Does one operation; returns its own time in nanoseconds, or -1 to be timed from outside. */
        long run() throws Exception;
    }

    private static Round measure(String variant, int clients, int seconds, Runnable operation) throws Exception {
        List<Timed> each = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            each.add(() -> {
                operation.run();
                return -1;
            });
        }
        return timed(variant, seconds, each);
    }

    private static Round measureEach(String variant, int seconds, List<SignIns> clients) throws Exception {
        return timed(
                variant, seconds, clients.stream().map(c -> (Timed) c::next).toList());
    }

    private static Round timed(String variant, int seconds, List<Timed> clients) throws Exception {
        var stop = new AtomicBoolean();
        var done = new CountDownLatch(clients.size());
        List<List<Long>> latencies = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (Timed client : clients) {
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            Thread.ofPlatform().start(() -> {
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        long own = client.run();
                        mine.add(own >= 0 ? own : System.nanoTime() - t0);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuStart) / 1e6;
        if (!failures.isEmpty()) {
            throw new IllegalStateException(variant + " failed", failures.get(0));
        }
        List<Double> all = new ArrayList<>();
        latencies.forEach(list -> list.forEach(n -> all.add(n / 1e6)));
        var round = new Round(variant, clients.size(), all.size() / elapsed, median(all), cpuMs / all.size());
        System.out.printf(
                Locale.ROOT,
                "  %-8s %d client(s): %6.1f per second, median %.1f ms, CPU %.1f ms each%n",
                variant,
                clients.size(),
                round.perSecond,
                round.medianMs,
                round.cpuMs);
        return round;
    }

    private static double median(List<Double> values) {
        double[] sorted =
                values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String loadAverage() {
        try {
            return "load average "
                    + String.join(
                            " ",
                            java.util.Arrays.copyOf(
                                    Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "load average unknown";
        }
    }
}
