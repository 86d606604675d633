package io.lexvault.search;

import io.lexvault.LexVaultApplication;
import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.search.index.IndexQuery;
import io.lexvault.search.index.IndexedVersion;
import io.lexvault.search.index.ScaleCorpus;
import io.lexvault.search.index.ScaleIndex;
import io.lexvault.search.index.SearchIndex;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.tenancy.Tenants;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The search issue's scale bench (docs/benchmarks.md, "Search: one firm at a million chunks"), through
 * the production path: one firm of {@code chunks} chunks (16 a document version) over {@code matters}
 * matters, in a real LexVault application context on its own PostgreSQL database (made and dropped by
 * the test support, as in the integration tests), and an attorney on the team of {@code visible} of
 * those matters. Each query is {@link DocumentSearch#search} as that attorney: the visible matters read
 * from PostgreSQL as the caller (RLS and the matter wall), the Lucene index restricted to them, hybrid
 * ranking with the query embedded by the production model, every hit of the page re-read from
 * {@code document_chunks} as the caller and decrypted for its snippet, facets labelled, the search
 * audited.
 *
 * <p>The chunk rows are loaded straight into the tables (COPY as the database administrator; texts
 * sealed with the firm's field key by {@link ChunkTexts}); the index is built once through
 * {@code LuceneSearchIndex} ({@link ScaleIndex#build}) and kept under {@code var/scale-bench/}, then
 * hard-linked under the run's firm. <strong>Vectors are synthesised</strong>: {@code templates} real
 * chunks are embedded with the production model, every other chunk gets the vector of the template it
 * shares its first clause with, plus noise.
 *
 * <p>Usage: {@code bench/search-scale.sh [acord dir] [chunks] [matters] [visible] [templates] [rounds]}
 * or, for the ingestion curve only, {@code bench/search-scale.sh ingest [acord dir] [versions a point]}.
 */
public final class SearchScaleBenchmark {

    private static final Path WORK = Path.of("var", "scale-bench").toAbsolutePath();
    private static final UUID TEMPLATE_FIRM = new UUID(0x5ca1ef12L, 1L);

    private SearchScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ingest")) {
            ingestion(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        Path acord = Path.of(args[0]);
        int chunks = Integer.parseInt(args[1]);
        int matterCount = Integer.parseInt(args[2]);
        int visibleCount = Integer.parseInt(args[3]);
        int templates = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        System.out.printf(
                Locale.ROOT,
                "chunks %,d, matters %,d, visible %,d, templates %,d, rounds %d, cores %d, load average %s%n",
                chunks,
                matterCount,
                visibleCount,
                templates,
                rounds,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        var corpus = new ScaleCorpus(
                acord, Path.of("src/main/resources/demo/documents"), chunks, matterCount, matterCount / 10, templates);
        float[][] vectors = ScaleIndex.templateVectors(corpus, WORK.resolve("templates-" + templates + ".f32"));

        Path template = WORK.resolve("index-" + chunks + "-" + matterCount + "-" + templates);
        Path templateFirm = template.resolve(TEMPLATE_FIRM.toString());
        if (!Files.exists(template.resolve("complete"))) {
            ScaleIndex.deleteTree(template);
            int threads = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "building the index (%d threads, 256 versions a commit)%n", threads);
            double seconds = ScaleIndex.build(template, TEMPLATE_FIRM, corpus, vectors, threads, 256);
            System.out.printf(
                    Locale.ROOT,
                    "indexed %,d chunks in %.0f s: %.0f chunks/s (vectors synthesised: no embedding)%n",
                    chunks,
                    seconds,
                    chunks / seconds);
            Files.writeString(template.resolve("complete"), "built in " + seconds + " s\n");
        }
        long bytes = ScaleIndex.sizeOf(templateFirm);
        long segments;
        try (Stream<Path> files = Files.list(templateFirm)) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(".si"))
                    .count();
        }
        System.out.printf(
                Locale.ROOT,
                "index %,d MB on disk, %.0f bytes a chunk, %d segments%n",
                bytes >> 20,
                (double) bytes / chunks,
                segments);

        Path live = WORK.resolve("live");
        ScaleIndex.deleteTree(live);
        var context = new SpringApplicationBuilder(LexVaultApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties(Map.of(
                        "server.port", "0",
                        "lexvault.search.index-path", live.toString(),
                        "spring.main.banner-mode", "off",
                        "logging.level.root", "WARN",
                        "spring.datasource.hikari.maximum-pool-size", "4"))
                .run();
        try {
            TenantId firm = Firms.aFirm(context.getBean(Tenants.class), "Scale " + TestDatabase.randomName());
            var attorney = People.withRoles(
                    context.getBean(Accounts.class),
                    context.getBean(RoleAssignments.class),
                    firm,
                    BuiltInRole.ATTORNEY);
            long started = System.nanoTime();
            load(corpus, firm, attorney.id().value(), visibleCount, context.getBean(ChunkTexts.class));
            System.out.printf(
                    Locale.ROOT, "loaded the PostgreSQL rows (%,d chunks) in %.0f s%n", chunks, seconds(started));

            // The run's firm gets the kept index (hard links: Lucene never rewrites a file).
            Path firmIndex = live.resolve(firm.value().toString());
            Files.createDirectories(firmIndex);
            try (Stream<Path> files = Files.list(templateFirm)) {
                for (Path file : files.toList()) {
                    if (!file.getFileName().toString().equals("write.lock")) {
                        Files.createLink(firmIndex.resolve(file.getFileName()), file);
                    }
                }
            }

            var search = context.getBean(DocumentSearch.class);
            var index = context.getBean(SearchIndex.class);
            List<String> queries = queries(acord);
            Set<UUID> visible = new HashSet<>(corpus.matters().subList(0, visibleCount));
            UUID caller = attorney.id().value();
            // Signed in as the attorney on this thread, as a request would be (the search is audited).
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            new SignedInUser(firm.value(), caller, attorney.email(), "Scale Attorney"),
                            null,
                            List.of(new SimpleGrantedAuthority("search.use"))));
            int seen = TenantContext.callAs(firm, caller, () -> search.search(SearchRequest.of(queries.get(0))))
                    .documents()
                    .size();
            System.out.printf(Locale.ROOT, "first query: %d documents on the page%n", seen);
            for (int i = 0; i < 30; i++) { // warm-up
                String q = queries.get(i % queries.size());
                TenantContext.callAs(firm, caller, () -> search.search(SearchRequest.of(q)));
            }
            gc();
            System.out.printf(Locale.ROOT, "idle after warm-up: RSS %,d MB, heap used %,d MB%n", rssMb(), heapUsedMb());
            AtomicLong peakRss = new AtomicLong();
            var sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakRss.accumulateAndGet(rssMb(), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            List<double[]> perRound = new ArrayList<>();
            long passages = 0;
            long runs = 0;
            for (int round = 0; round < rounds; round++) {
                long[] total = new long[queries.size()];
                long[] indexOnly = new long[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    String q = queries.get(i);
                    long t = System.nanoTime();
                    var results = TenantContext.callAs(firm, caller, () -> search.search(SearchRequest.of(q)));
                    total[i] = System.nanoTime() - t;
                    passages += results.documents().stream()
                            .mapToInt(d -> d.passages().size())
                            .sum();
                    runs++;
                    t = System.nanoTime();
                    index.search(
                            firm.value(),
                            new IndexQuery(
                                    q, visible, null, null, null, null, null, null, 0, DocumentSearch.PAGE_SIZE));
                    indexOnly[i] = System.nanoTime() - t;
                }
                Arrays.sort(total);
                Arrays.sort(indexOnly);
                double[] r = {
                    ms(total[total.length / 2]),
                    ms(total[(int) (total.length * 0.95)]),
                    ms(indexOnly[indexOnly.length / 2]),
                    ms(indexOnly[(int) (indexOnly.length * 0.95)])
                };
                perRound.add(r);
                long heap = heapUsedMb();
                System.out.printf(
                        Locale.ROOT,
                        "round %d: DocumentSearch p50 %.1f ms p95 %.1f ms; index alone p50 %.1f ms p95 %.1f ms;"
                                + " heap after GC %,d MB, RSS %,d MB, load %s%n",
                        round + 1,
                        r[0],
                        r[1],
                        r[2],
                        r[3],
                        heap,
                        rssMb(),
                        loadAverage());
            }
            sampler.interrupt();
            // A reader of all matters (an administrator, no wall): the whole firm, a million chunks, and
            // the index filtered by "every matter but the screened" rather than by a list.
            var administrator = People.withRoles(
                    context.getBean(Accounts.class),
                    context.getBean(RoleAssignments.class),
                    firm,
                    BuiltInRole.ADMINISTRATOR);
            SecurityContextHolder.getContext()
                    .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                            new SignedInUser(
                                    firm.value(), administrator.id().value(), administrator.email(), "Scale Admin"),
                            null,
                            // A request's authorities are the signed-in person's permissions.
                            List.of(
                                    new SimpleGrantedAuthority("search.use"),
                                    new SimpleGrantedAuthority("matters.read.all"))));
            UUID reader = administrator.id().value();
            var firstFirmWide =
                    TenantContext.callAs(firm, reader, () -> search.search(SearchRequest.of(queries.get(0))));
            System.out.printf(
                    Locale.ROOT,
                    "administrator's first query: %d documents on the page of %,d matching chunks%n",
                    firstFirmWide.documents().size(),
                    firstFirmWide.total());
            for (int i = 0; i < 10; i++) { // warm-up
                String q = queries.get(i % queries.size());
                TenantContext.callAs(firm, reader, () -> search.search(SearchRequest.of(q)));
            }
            long[] firmWide = new long[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                String q = queries.get(i);
                long t = System.nanoTime();
                TenantContext.callAs(firm, reader, () -> search.search(SearchRequest.of(q)));
                firmWide[i] = System.nanoTime() - t;
            }
            Arrays.sort(firmWide);
            System.out.printf(
                    Locale.ROOT,
                    "administrator (all %,d matters): DocumentSearch p50 %.1f ms p95 %.1f ms, load %s%n",
                    matterCount,
                    ms(firmWide[firmWide.length / 2]),
                    ms(firmWide[(int) (firmWide.length * 0.95)]),
                    loadAverage());
            System.out.printf(
                    Locale.ROOT,
                    "DocumentSearch (re-check included): p50 median %.1f ms [%.1f-%.1f], p95 median %.1f ms [%.1f-%.1f];"
                            + " index alone p50 %.1f ms, p95 %.1f ms; %.1f passages a page; peak RSS while querying %,d MB%n",
                    median(perRound, 0),
                    min(perRound, 0),
                    max(perRound, 0),
                    median(perRound, 1),
                    min(perRound, 1),
                    max(perRound, 1),
                    median(perRound, 2),
                    median(perRound, 3),
                    (double) passages / runs,
                    peakRss.get());
        } finally {
            context.close();
            ScaleIndex.deleteTree(live);
        }
    }

    /** The ingestion curve: chunks/s with embeddings against embedding threads and concurrent writers. */
    private static void ingestion(Path acord, int versions) throws Exception {
        var corpus =
                new ScaleCorpus(acord, Path.of("src/main/resources/demo/documents"), 1_000_000, 20_000, 2_000, 10_000);
        System.out.printf(Locale.ROOT, "load average %s%n", loadAverage());
        int[][] points = {{1, 1}, {2, 1}, {1, 2}, {2, 2}};
        for (int round = 0; round < 2; round++) {
            for (int[] p : points) {
                double rate = ScaleIndex.ingestion(corpus, WORK.resolve("ingest"), p[0], p[1], versions);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: embedding threads %d, versions indexed at once %d: %.1f chunks/s (%d chunks, load %s)%n",
                        round + 1,
                        p[0],
                        p[1],
                        rate,
                        versions * ScaleCorpus.PER_VERSION,
                        loadAverage());
            }
        }
    }

    private static void load(ScaleCorpus corpus, TenantId firm, UUID attorney, int visibleCount, ChunkTexts texts)
            throws Exception {
        var admin = TestDatabase.shared().administrator();
        String tenant = firm.value().toString();
        try (Connection db = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            var copy = db.unwrap(PGConnection.class).getCopyAPI();
            var rows = new StringBuilder();
            for (int c = 0; c < corpus.clientCount; c++) {
                rows.append(tenant)
                        .append('\t')
                        .append(corpus.clients().get(c))
                        .append("\tClient ")
                        .append(c + 1)
                        .append('\n');
            }
            copy.copyIn("COPY lexvault.clients (tenant_id, id, name) FROM STDIN", new StringReader(rows.toString()));
            rows.setLength(0);
            for (int m = 0; m < corpus.matterCount; m++) {
                rows.append(tenant)
                        .append('\t')
                        .append(corpus.matters().get(m))
                        .append('\t')
                        .append(corpus.clientOf(m))
                        .append("\tS-")
                        .append(m + 1)
                        .append("\tMatter ")
                        .append(m + 1)
                        .append('\n');
            }
            copy.copyIn(
                    "COPY lexvault.matters (tenant_id, id, client_id, number, title) FROM STDIN",
                    new StringReader(rows.toString()));
            rows.setLength(0);
            for (int m = 0; m < visibleCount; m++) {
                rows.append(tenant)
                        .append('\t')
                        .append(corpus.matters().get(m))
                        .append('\t')
                        .append(corpus.clientOf(m))
                        .append('\t')
                        .append(attorney)
                        .append('\n');
            }
            // The team rows' trigger recomputes the attorney's visible matters, in the firm's context.
            db.setAutoCommit(false);
            try (var bind = db.prepareStatement(
                    "SELECT set_config('lexvault.tenant_id', ?, true),"
                            + " set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true)")) {
                bind.setString(1, tenant);
                bind.execute();
            }
            copy.copyIn(
                    "COPY lexvault.matter_team_members (tenant_id, matter_id, client_id, user_id) FROM STDIN",
                    new StringReader(rows.toString()));
            db.commit();
            db.setAutoCommit(true);
            var documents = new StringBuilder();
            var versions = new StringBuilder();
            var searchVersions = new StringBuilder();
            var chunks = new StringBuilder();
            String sha = "\\\\x" + "ab".repeat(32);
            int batch = 2_000;
            for (int from = 0; from < corpus.versionCount(); from += batch) {
                int to = Math.min(corpus.versionCount(), from + batch);
                List<IndexedVersion> made = new ArrayList<>(to - from);
                for (int k = from; k < to; k++) {
                    made.add(corpus.version(k).version());
                }
                // Both cores seal; each worker binds the firm (the binding is per thread).
                List<String> sealed = made.parallelStream()
                        .flatMap(v -> v.chunks().stream()
                                .map(c -> HexFormat.of()
                                        .formatHex(TenantContext.callAs(
                                                firm,
                                                null,
                                                () -> texts.seal(
                                                        c.chunk().text(),
                                                        v.documentId(),
                                                        v.version(),
                                                        c.chunk().number())))))
                        .toList();
                int s = 0;
                for (IndexedVersion v : made) {
                    String head = tenant + '\t' + v.documentId();
                    String where = v.matterId() + "\t" + v.clientId();
                    documents
                            .append(head)
                            .append('\t')
                            .append(where)
                            .append('\t')
                            .append(v.title())
                            .append('\t')
                            .append(v.classification())
                            .append("\t1\n");
                    versions.append(head)
                            .append("\t1\t")
                            .append(where)
                            .append("\t100000\t")
                            .append(sha)
                            .append('\t')
                            .append(v.contentType())
                            .append("\tfile.pdf\tscale/")
                            .append(v.documentId())
                            .append('\t')
                            .append(v.storedAt())
                            .append('\n');
                    searchVersions
                            .append(head)
                            .append("\t1\t")
                            .append(where)
                            .append('\t')
                            .append(v.title())
                            .append('\t')
                            .append(v.contentType())
                            .append('\t')
                            .append(v.classification())
                            .append('\t')
                            .append(v.storedAt())
                            .append("\tindexed\t")
                            .append(v.chunks().size())
                            .append("\ten\n");
                    for (var c : v.chunks()) {
                        var chunk = c.chunk();
                        chunks.append(tenant)
                                .append('\t')
                                .append(c.chunkId())
                                .append('\t')
                                .append(v.documentId())
                                .append("\t1\t")
                                .append(chunk.number())
                                .append('\t')
                                .append(where)
                                .append('\t')
                                .append(chunk.part())
                                .append("\t\t")
                                .append(chunk.page())
                                .append('\t')
                                .append(chunk.startOffset())
                                .append('\t')
                                .append(chunk.endOffset())
                                .append("\ten\t\\\\x")
                                .append(sealed.get(s++))
                                .append('\n');
                    }
                }
                copy.copyIn(
                        "COPY lexvault.documents (tenant_id, id, matter_id, client_id, title, classification,"
                                + " current_version) FROM STDIN",
                        new StringReader(documents.toString()));
                copy.copyIn(
                        "COPY lexvault.document_versions (tenant_id, document_id, version, matter_id, client_id,"
                                + " size_bytes, sha256, media_type, file_name, blob_key, uploaded_at) FROM STDIN",
                        new StringReader(versions.toString()));
                copy.copyIn(
                        "COPY lexvault.search_versions (tenant_id, document_id, version, matter_id, client_id, title,"
                                + " media_type, classification, stored_at, state, chunk_count, language) FROM STDIN",
                        new StringReader(searchVersions.toString()));
                copy.copyIn(
                        "COPY lexvault.document_chunks (tenant_id, id, document_id, version, number, matter_id,"
                                + " client_id, part, heading_path, page, start_offset, end_offset, language,"
                                + " text_ciphertext) FROM STDIN",
                        new StringReader(chunks.toString()));
                documents.setLength(0);
                versions.setLength(0);
                searchVersions.setLength(0);
                chunks.setLength(0);
            }
            try (var analyze = db.createStatement()) {
                analyze.execute("ANALYZE");
            }
        }
    }

    private static List<String> queries(Path acord) throws Exception {
        var json = JsonMapper.builder().build();
        try (Stream<String> lines = Files.lines(acord.resolve("queries.jsonl"))) {
            return lines.map(line -> json.readTree(line).get("text").asString()).toList();
        }
    }

    private static double median(List<double[]> rounds, int i) {
        double[] v = rounds.stream().mapToDouble(r -> r[i]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<double[]> rounds, int i) {
        return rounds.stream().mapToDouble(r -> r[i]).min().orElse(0);
    }

    private static double max(List<double[]> rounds, int i) {
        return rounds.stream().mapToDouble(r -> r[i]).max().orElse(0);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void gc() {
        System.gc();
        System.gc();
    }

    private static long heapUsedMb() {
        gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
