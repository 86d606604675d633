package io.lexvault.audit;

import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark, not a test (bench/audit-action.sh runs it): what the audit write costs a real write
 * action. The action is an administrator unlocking an account ({@link Accounts#unlock}: a lookup,
 * an update, and its {@code account.unlocked} event written in the same transaction), called through
 * the facade with the tenant bound, each client thread unlocking an account of its own in one firm.
 *
 * <p>Two application contexts run side by side on the same database, each with the production pool
 * (10 connections): "audited" is the product as it runs, with its sequencer every 2 s; "unaudited"
 * has a ledger that writes nothing ({@link UnauditedLedger}) and no sequencer; "deferred" (a
 * diagnostic) is the product with its sequencer held back until the round ends. Rounds rotate
 * between them, and each starts once every queued event is placed, so no round inherits another's
 * work.
 */
public final class AuditedActionBenchmark {

    private static final String AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private AuditedActionBenchmark() {}

    /** Arguments: seconds per round (10), rounds per variant and client count (5), client counts (2,16). */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] clientCounts = java.util.Arrays.stream((args.length > 2 ? args[2] : "2,16").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        // The production pool (the test set-up shrinks it). The sequencer is not scheduled: the
        // benchmark runs it every 2 s itself, as the schedule would, but only in the rounds that ask.
        Map<String, Object> production = Map.of(
                "spring.datasource.hikari.maximum-pool-size", 10,
                "spring.datasource.hikari.minimum-idle", 10,
                "lexvault.audit.sequence-interval", "PT1H");
        try (var audited = BenchmarkRuns.start("audit-action-audited", production, beans -> {});
                var unaudited = BenchmarkRuns.start(
                        "audit-action-unaudited", production, substitute(UnauditedLedger.class, UnauditedLedger::new));
                var twoStatements = BenchmarkRuns.start(
                        "audit-action-two-statements",
                        production,
                        substitute(TwoStatementLedger.class, TwoStatementLedger::new))) {
            new AuditedActionBenchmark().run(audited, unaudited, twoStatements, seconds, rounds, clientCounts);
        }
        System.exit(0); // the shutdown hook drops the database
    }

    /** Replaces the context's ledger with a benchmark's own. */
    private static <T extends AuditLedger> Consumer<GenericApplicationContext> substitute(
            Class<T> type, BiFunction<JdbcClient, JsonMapper, T> ledger) {
        return beans -> beans.registerBean(
                type.getSimpleName(),
                type,
                () -> ledger.apply(beans.getBean(JdbcClient.class), beans.getBean(JsonMapper.class)),
                definition -> definition.setPrimary(true));
    }

    private void run(
            ConfigurableApplicationContext audited,
            ConfigurableApplicationContext unaudited,
            ConfigurableApplicationContext twoStatements,
            int seconds,
            int rounds,
            int[] clientCounts)
            throws Exception {
        var firm = audited.getBean(Tenants.class).register("Benchmark firm", "bench-" + TestDatabase.randomName());
        var accounts = audited.getBean(Accounts.class);
        var administrator = People.aPerson(accounts, firm);
        int most = java.util.Arrays.stream(clientCounts).max().orElse(1);
        var targets = new ArrayList<UserId>();
        for (int i = 0; i < most; i++) {
            targets.add(People.aPerson(accounts, firm).id());
        }
        var sequencer = audited.getBean(AuditSequencer.class);
        var variants = List.of(
                new Variant("audited", audited, true),
                new Variant("unaudited", unaudited, false),
                // Diagnostic: the event and queue row in the action's transaction, no sequencer
                // running meanwhile (it places the round's events after the round).
                new Variant("deferred", audited, false),
                // The ledger before its two inserts became one statement, sequencer running.
                new Variant("2-stmt", twoStatements, true));
        System.out.printf(
                "Audited write action benchmark: Accounts.unlock, one firm, %d s rounds, %s%n",
                seconds, BenchmarkRuns.machineLoad());
        for (int clients : clientCounts) {
            for (var variant : variants) { // warm-up, not counted
                measure(variant, sequencer, firm, administrator.id(), targets, clients, Math.max(3, seconds / 2));
            }
        }
        var results = new LinkedHashMap<String, List<Double>>();
        System.out.println("round  clients  variant     actions/s  log size before");
        for (int round = 1; round <= rounds; round++) {
            for (int clients : clientCounts) {
                for (int step = 0; step < variants.size(); step++) { // rotating order
                    var variant = variants.get((round + step) % variants.size());
                    long logSize = logSize(firm);
                    double rate = measure(variant, sequencer, firm, administrator.id(), targets, clients, seconds);
                    results.computeIfAbsent(variant.name() + "/" + clients, key -> new ArrayList<>())
                            .add(rate);
                    System.out.printf("%5d  %7d  %-10s  %9.0f  %,d%n", round, clients, variant.name(), rate, logSize);
                }
            }
        }
        System.out.println();
        for (int clients : clientCounts) {
            double with = BenchmarkRuns.median(results.get("audited/" + clients));
            double without = BenchmarkRuns.median(results.get("unaudited/" + clients));
            double deferred = BenchmarkRuns.median(results.get("deferred/" + clients));
            double split = BenchmarkRuns.median(results.get("2-stmt/" + clients));
            System.out.printf(
                    "%2d clients: audited %.0f actions/s, unaudited %.0f actions/s (medians of %d):"
                            + " audited runs at %.0f%%, audit costs %.0f%% of the action's throughput;"
                            + " with sequencing deferred %.0f actions/s (%.0f%%);"
                            + " event and queue row in two statements %.0f actions/s (%.0f%%)%n",
                    clients,
                    with,
                    without,
                    rounds,
                    100 * with / without,
                    100 * (1 - with / without),
                    deferred,
                    100 * deferred / without,
                    split,
                    100 * split / without);
        }
        var report = audited.getBean(AuditVerifier.class).verify(firm, null);
        System.out.printf(
                "The firm's log afterwards: %,d leaves, %,d checkpoints, verification %s. %s%n",
                report.leaves(),
                report.checkpoints(),
                report.passed() ? "passed" : "FAILED " + report.problems(),
                BenchmarkRuns.machineLoad());
    }

    private record Variant(String name, ConfigurableApplicationContext context, boolean sequencing) {}

    /**
     * Actions per second of {@code clients} threads for {@code seconds}, starting with every event
     * placed; with the sequencer running every 2 s meanwhile if the variant says so.
     */
    private static double measure(
            Variant variant,
            AuditSequencer sequencer,
            TenantId firm,
            UserId administrator,
            List<UserId> targets,
            int clients,
            int seconds)
            throws Exception {
        while (sequencer.sequencePending() > 0) {
            // what the previous round left
        }
        Thread.sleep(500);
        var accounts = variant.context().getBean(Accounts.class);
        var done = new AtomicLong();
        var stop = new AtomicBoolean();
        var start = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < clients; i++) {
            var target = targets.get(i);
            var request = new MockHttpServletRequest("POST", "/admin/people/" + target.value() + "/unlock");
            request.setRemoteAddr("10.20.0." + (i + 1));
            request.addHeader("User-Agent", AGENT);
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
                try {
                    start.await();
                    long mine = 0;
                    while (!stop.get()) {
                        TenantContext.runAs(firm, administrator.value(), () -> accounts.unlock(target));
                        mine++;
                    }
                    done.addAndGet(mine);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    RequestContextHolder.resetRequestAttributes();
                }
            }));
        }
        // The schedule's equivalent: @Scheduled(fixedDelay = 2 s) on AuditSequencer.sequencePending.
        var placing = Thread.ofPlatform().name("sequencer").start(() -> {
            while (variant.sequencing() && !stop.get()) {
                sequencer.sequencePending();
                for (int i = 0; i < 20 && !stop.get(); i++) {
                    sleepQuietly(100);
                }
            }
        });
        long began = System.nanoTime();
        start.countDown();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (var thread : threads) {
            thread.join();
        }
        double rate = done.get() / ((System.nanoTime() - began) / 1e9);
        placing.join();
        return rate;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long logSize(TenantId firm) throws Exception {
        return single("SELECT count(*) FROM lexvault.audit_leaves WHERE tenant_id = ?", firm);
    }

    private static long single(String sql, TenantId firm) throws Exception {
        try (var connection = TestDatabase.shared().administrator().connect();
                var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, firm.value());
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
