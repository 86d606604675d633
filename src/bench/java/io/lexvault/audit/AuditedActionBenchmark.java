package io.lexvault.audit;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadForm;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark, not a test (bench/audit-action.sh runs it): what the audit write costs real write
 * actions, called through their facades with the firm and the acting person bound, in one firm:
 *
 * <ul>
 *   <li>{@code unlock}: an administrator unlocking an account ({@link Accounts#unlock}: a lookup, an
 *       update, and its {@code account.unlocked} event in the same transaction), each client thread
 *       unlocking an account of its own: about the cheapest audited write there is;
 *   <li>{@code matter}: an attorney opening a matter for a client ({@link Matters#open}: the client's
 *       visibility, the firm's next matter number, the matter, its team row, {@code matter.opened});
 *   <li>{@code upload}: an attorney uploading a 1 KB text file as a new document of a matter of the
 *       client thread's own ({@link Documents#upload}: the type check, encryption, the blob written
 *       and synced, the document and version rows, {@code document.uploaded}).
 * </ul>
 *
 * <p>Two application contexts run side by side on the same database, each with the production pool
 * (10 connections): "audited" is the product as it runs, with its sequencer every 2 s; "unaudited"
 * has a ledger that writes nothing ({@link UnauditedLedger}) and no sequencer; "before" is the audit
 * write as it was before issue 14's second pass ({@link RandomIdLedger} in a firm of its own, with the
 * dropped matter index re-created for that firm), each context running its own sequencer (the
 * held-back "deferred" diagnostic of earlier runs is in docs/benchmarks.md). Rounds rotate
 * between them, and each starts once every queued event is placed, so no round inherits another's
 * work.
 */
public final class AuditedActionBenchmark {

    private static final String AGENT =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final byte[] SMALL_TEXT = ("Attendance note.\n"
                    + "Call with the client about the lease. ".repeat(26))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private AuditedActionBenchmark() {}

    /**
     * Arguments: seconds per round (10), rounds per variant, action and client count (5), client
     * counts (2,16), actions (unlock,matter,upload).
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] clientCounts = java.util.Arrays.stream((args.length > 2 ? args[2] : "2,16").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        List<String> actions = List.of((args.length > 3 ? args[3] : "unlock,matter,upload").split(","));
        // The production pool (the test set-up shrinks it). The sequencer is not scheduled: the
        // benchmark runs it every 2 s itself, as the schedule would, but only in the rounds that ask.
        Map<String, Object> production = Map.of(
                "spring.datasource.hikari.maximum-pool-size", 10,
                "spring.datasource.hikari.minimum-idle", 10,
                "lexvault.audit.sequence-interval", "PT1H");
        try (var audited = BenchmarkRuns.start(
                        "audit-action-audited", withIndexPath(production, "audited"), withoutIndexing(beans -> {}));
                var unaudited = BenchmarkRuns.start(
                        "audit-action-unaudited",
                        withIndexPath(production, "unaudited"),
                        withoutIndexing(substitute(UnauditedLedger.class, UnauditedLedger::new)));
                var before = BenchmarkRuns.start(
                        "audit-action-before",
                        withIndexPath(production, "before"),
                        withoutIndexing(substitute(RandomIdLedger.class, RandomIdLedger::new)))) {
            new AuditedActionBenchmark().run(audited, unaudited, before, seconds, rounds, clientCounts, actions);
        }
        System.exit(0); // the shutdown hook drops the database
    }

    /**
     * Each context indexes uploaded documents for search in the background into a directory of its
     * own: on one directory the three contexts' Lucene writers fail on each other's lock.
     */
    private static Map<String, Object> withIndexPath(Map<String, Object> properties, String name) {
        var all = new LinkedHashMap<String, Object>(properties);
        all.put(
                "lexvault.search.index-path",
                "target/bench/audit-action-index-" + name + "-" + TestDatabase.randomName());
        return all;
    }

    /**
     * Without search's indexing listener: every upload would otherwise start text extraction, the
     * injection scan and embedding in the background, which runs on into the next rounds (of any
     * variant and action) and swamps them. The upload's own work (the action measured) is unchanged.
     */
    private static Consumer<GenericApplicationContext> withoutIndexing(Consumer<GenericApplicationContext> beans) {
        return context -> {
            beans.accept(context);
            context.addBeanFactoryPostProcessor(factory -> {
                var registry = (org.springframework.beans.factory.support.BeanDefinitionRegistry) factory;
                for (String name : factory.getBeanDefinitionNames()) {
                    if ("io.lexvault.search.IndexingListener"
                            .equals(factory.getBeanDefinition(name).getBeanClassName())) {
                        registry.removeBeanDefinition(name);
                    }
                }
            });
        };
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

    /** One client's action in one context: called over and over by that client's thread. */
    private interface Action {
        void run() throws Exception;
    }

    /** Makes client {@code client}'s action in {@code context} (set-up done beforehand, not timed). */
    private interface ActionKind {
        Action forClient(ConfigurableApplicationContext context, Firm firm, int client) throws Exception;
    }

    /** A firm set up for the actions: its people, the accounts to unlock, a client and its matters. */
    private record Firm(
            TenantId id,
            People.Person administrator,
            People.Person attorney,
            List<UserId> targets,
            io.lexvault.matters.ClientId client,
            List<MatterId> clientMatters) {}

    private static Firm setUp(ConfigurableApplicationContext context, String name, int most) {
        var firm = context.getBean(Tenants.class).register(name, "bench-" + TestDatabase.randomName());
        var accounts = context.getBean(Accounts.class);
        var roles = context.getBean(RoleAssignments.class);
        var administrator = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        var attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        var targets = new ArrayList<UserId>();
        for (int i = 0; i < most; i++) {
            targets.add(People.aPerson(accounts, firm).id());
        }
        var client = as(firm, attorney, () -> context.getBean(Matters.class).openClient("Benchmark client"));
        var clientMatters = new ArrayList<MatterId>();
        for (int i = 0; i < most; i++) {
            int n = i;
            clientMatters.add(as(
                    firm,
                    attorney,
                    () -> context.getBean(Matters.class).open(client, null, "Uploads of client thread " + n)));
        }
        return new Firm(firm, administrator, attorney, targets, client, clientMatters);
    }

    private void run(
            ConfigurableApplicationContext audited,
            ConfigurableApplicationContext unaudited,
            ConfigurableApplicationContext before,
            int seconds,
            int rounds,
            int[] clientCounts,
            List<String> actionNames)
            throws Exception {
        int most = java.util.Arrays.stream(clientCounts).max().orElse(1);
        var current = setUp(audited, "Benchmark firm", most);
        // The "before" variant: its own firm, its events under random ids (RandomIdLedger), and the
        // index V1_087 dropped, re-created for that firm's events only, so its writes maintain what
        // every matter event's write maintained before.
        var previous = setUp(before, "Benchmark firm (before)", most);
        try (var connection = TestDatabase.shared().administrator().connect();
                var statement = connection.createStatement()) {
            statement.execute("CREATE INDEX bench_audit_events_by_matter ON lexvault.audit_events"
                    + " (tenant_id, matter_id, occurred_at) WHERE matter_id IS NOT NULL AND tenant_id = '"
                    + previous.id().value() + "'::uuid");
        }
        var numbers = new AtomicLong();
        var kinds = new LinkedHashMap<String, ActionKind>();
        kinds.put("unlock", (context, f, i) -> {
            var facade = context.getBean(Accounts.class);
            var target = f.targets().get(i);
            return () -> TenantContext.runAs(f.id(), f.administrator().id().value(), () -> facade.unlock(target));
        });
        kinds.put("matter", (context, f, i) -> {
            var facade = context.getBean(Matters.class);
            return () -> as(
                    f.id(),
                    f.attorney(),
                    () -> facade.open(f.client(), null, "Benchmark matter " + numbers.incrementAndGet()));
        });
        kinds.put("upload", (context, f, i) -> {
            var facade = context.getBean(Documents.class);
            var matter = f.clientMatters().get(i);
            return () -> as(f.id(), f.attorney(), () -> {
                try {
                    return facade.upload(
                            matter,
                            UploadForm.NONE,
                            "note-" + numbers.incrementAndGet() + ".txt",
                            new ByteArrayInputStream(SMALL_TEXT),
                            () -> {});
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        });
        var firm = current.id();
        var variants = List.of(
                new Variant("audited", audited, current, true),
                new Variant("unaudited", unaudited, current, false),
                // The audit write as it was before issue 14's changes (random ids, two matter
                // indexes), sequencer running: the "after" is "audited".
                new Variant("before", before, previous, true));
        System.out.printf(
                "Audited write action benchmark: %s, one firm, %d s rounds, %s%n",
                actionNames, seconds, BenchmarkRuns.machineLoad());
        for (String action : actionNames) {
            for (int clients : clientCounts) {
                for (var variant : variants) { // warm-up, not counted
                    measure(
                            variant,
                            variant.context().getBean(AuditSequencer.class),
                            kinds.get(action),
                            clients,
                            Math.max(3, seconds / 2));
                }
            }
        }
        var results = new LinkedHashMap<String, List<Double>>();
        System.out.println("round  action  clients  variant     actions/s  log size before");
        for (int round = 1; round <= rounds; round++) {
            for (String action : actionNames) {
                for (int clients : clientCounts) {
                    for (int step = 0; step < variants.size(); step++) { // rotating order
                        var variant = variants.get((round + step) % variants.size());
                        long logSize = logSize(variant.firm().id());
                        double rate = measure(
                                variant,
                                variant.context().getBean(AuditSequencer.class),
                                kinds.get(action),
                                clients,
                                seconds);
                        results.computeIfAbsent(action + "/" + variant.name() + "/" + clients, key -> new ArrayList<>())
                                .add(rate);
                        System.out.printf(
                                "%5d  %-6s  %7d  %-10s  %9.0f  %,d%n",
                                round, action, clients, variant.name(), rate, logSize);
                    }
                }
            }
        }
        System.out.println();
        for (String action : actionNames) {
            for (int clients : clientCounts) {
                var with = results.get(action + "/audited/" + clients);
                var without = results.get(action + "/unaudited/" + clients);
                double audit = BenchmarkRuns.median(with);
                double plain = BenchmarkRuns.median(without);
                var old = results.get(action + "/before/" + clients);
                double beforeRate = BenchmarkRuns.median(old);
                var ratios = new ArrayList<Double>();
                var oldRatios = new ArrayList<Double>();
                for (int r = 0; r < with.size(); r++) {
                    ratios.add(with.get(r) / without.get(r));
                    oldRatios.add(old.get(r) / without.get(r));
                }
                ratios.sort(null);
                oldRatios.sort(null);
                System.out.printf(
                        "%-6s %2d clients: audited %.0f actions/s, unaudited %.0f actions/s (medians of %d):"
                                + " audited runs at %.0f%%, audit costs %.0f%% of the action's throughput"
                                + " (round by round %.0f%% to %.0f%%);"
                                + " before (random ids, two matter indexes) %.0f actions/s, audit cost %.0f%%"
                                + " (round by round %.0f%% to %.0f%%)%n",
                        action,
                        clients,
                        audit,
                        plain,
                        rounds,
                        100 * audit / plain,
                        100 * (1 - audit / plain),
                        100 * (1 - ratios.getLast()),
                        100 * (1 - ratios.getFirst()),
                        beforeRate,
                        100 * (1 - beforeRate / plain),
                        100 * (1 - oldRatios.getLast()),
                        100 * (1 - oldRatios.getFirst()));
            }
        }
        var beforeReport = audited.getBean(AuditVerifier.class).verify(previous.id(), null);
        System.out.printf(
                "The before firm's log: %,d leaves, verification %s.%n",
                beforeReport.leaves(), beforeReport.passed() ? "passed" : "FAILED " + beforeReport.problems());
        var report = audited.getBean(AuditVerifier.class).verify(firm, null);
        System.out.printf(
                "The firm's log afterwards: %,d leaves, %,d checkpoints, verification %s. %s%n",
                report.leaves(),
                report.checkpoints(),
                report.passed() ? "passed" : "FAILED " + report.problems(),
                BenchmarkRuns.machineLoad());
    }

    /** Runs {@code work} as {@code person} signed in with their roles' permissions, in their firm. */
    private static <T> T as(TenantId firm, People.Person person, java.util.function.Supplier<T> work) {
        var principal = new SignedInUser(firm.value(), person.id().value(), person.email(), "Benchmark person");
        var authorities = BuiltInRole.ATTORNEY.permissions().stream()
                .map(permission -> new SimpleGrantedAuthority(permission.key()))
                .toList();
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
        try {
            return TenantContext.callAs(firm, person.id().value(), work::get);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private record Variant(String name, ConfigurableApplicationContext context, Firm firm, boolean sequencing) {}

    /**
     * Actions per second of {@code clients} threads for {@code seconds}, starting with every event
     * placed; with the sequencer running every 2 s meanwhile if the variant says so.
     */
    private static double measure(Variant variant, AuditSequencer sequencer, ActionKind kind, int clients, int seconds)
            throws Exception {
        while (sequencer.sequencePending() > 0) {
            // what the previous round left
        }
        Thread.sleep(500);
        var done = new AtomicLong();
        var stop = new AtomicBoolean();
        var start = new CountDownLatch(1);
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < clients; i++) {
            var action = kind.forClient(variant.context(), variant.firm(), i);
            var request = new MockHttpServletRequest("POST", "/benchmark/" + i);
            request.setRemoteAddr("10.20.0." + (i + 1));
            request.addHeader("User-Agent", AGENT);
            threads.add(Thread.ofPlatform().name("client-" + i).start(() -> {
                RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
                try {
                    start.await();
                    long mine = 0;
                    while (!stop.get()) {
                        action.run();
                        mine++;
                    }
                    done.addAndGet(mine);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
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
        if (failure.get() != null) {
            throw new IllegalStateException("A client failed", failure.get());
        }
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
