package io.lexvault.search.index;

import io.lexvault.search.chunking.TextChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scale bench's firm, generated deterministically from a seed, so that the Lucene index (built once
 * and kept) and the PostgreSQL rows (loaded on each run) name the same chunks, versions, matters and
 * clients: {@code chunks} chunks, 16 a document version, over {@code matters} matters of {@code clients}
 * clients.
 *
 * <p>Text: every chunk is two clauses, recombined from the ACORD corpus (3,931 attorney-graded contract
 * clauses) and the paragraphs of the demo's text documents. The first clause comes from one of
 * {@code templates} "template" chunks whose texts are embedded for real; the chunk's vector is that
 * template's embedding plus noise (see {@link ScaleIndex#vectors}), so vectors stay near their text.
 */
public final class ScaleCorpus {

    public static final int PER_VERSION = 16;
    static final long SEED = 15;
    private static final String[] TITLES = {
        "Supply agreement", "Licence agreement", "Share purchase agreement", "Services agreement",
        "Distribution agreement", "Joint venture agreement", "Non-disclosure agreement", "Lease",
        "Loan facility", "Engagement letter", "Board minutes", "Settlement agreement"
    };
    private static final String[] TYPES = {
        "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "text/plain"
    };
    private static final String[] CLASSIFICATIONS = {"CONFIDENTIAL", "CONFIDENTIAL", "RESTRICTED", "PUBLIC"};

    public final int chunks;
    public final int matterCount;
    public final int clientCount;
    public final int templateCount;
    private final List<String> clauses;
    private final List<UUID> matters;
    private final List<UUID> clients;

    /** A generated version, with the template each chunk's vector is made from. */
    public record Generated(IndexedVersion version, int matterIndex, int[] templates) {}

    public ScaleCorpus(Path acord, Path demoDocuments, int chunks, int matterCount, int clientCount, int templates)
            throws IOException {
        this.chunks = chunks;
        this.matterCount = matterCount;
        this.clientCount = clientCount;
        this.templateCount = templates;
        var json = JsonMapper.builder().build();
        List<String> texts = new ArrayList<>();
        try (Stream<String> lines = Files.lines(acord.resolve("corpus.jsonl"))) {
            lines.forEach(line -> texts.add(json.readTree(line).get("text").asString()));
        }
        if (Files.isDirectory(demoDocuments)) {
            try (Stream<Path> files = Files.list(demoDocuments)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".txt"))
                        .sorted()
                        .toList()) {
                    for (String paragraph : Files.readString(file).split("\\n\\s*\\n")) {
                        if (paragraph.strip().length() > 40) {
                            texts.add(paragraph.strip());
                        }
                    }
                }
            }
        }
        this.clauses = List.copyOf(texts);
        var random = new Random(SEED);
        List<UUID> c = new ArrayList<>(clientCount);
        for (int i = 0; i < clientCount; i++) {
            c.add(new UUID(random.nextLong(), random.nextLong()));
        }
        List<UUID> m = new ArrayList<>(matterCount);
        for (int i = 0; i < matterCount; i++) {
            m.add(new UUID(random.nextLong(), random.nextLong()));
        }
        this.clients = List.copyOf(c);
        this.matters = List.copyOf(m);
    }

    public int clauseCount() {
        return clauses.size();
    }

    public List<UUID> matters() {
        return matters;
    }

    public List<UUID> clients() {
        return clients;
    }

    public UUID clientOf(int matterIndex) {
        return clients.get(matterIndex % clientCount);
    }

    public int versionCount() {
        return (chunks + PER_VERSION - 1) / PER_VERSION;
    }

    /** The text of template {@code t}: two clauses, its first one shared by every chunk made from it. */
    public String templateText(int t) {
        var random = new Random(SEED * 7_919 + t);
        return clauses.get(random.nextInt(clauses.size())) + " " + clauses.get(random.nextInt(clauses.size()));
    }

    private String templateFirstClause(int t) {
        var random = new Random(SEED * 7_919 + t);
        return clauses.get(random.nextInt(clauses.size()));
    }

    public static UUID documentId(int k) {
        return new UUID(0x5ca1ed0c00004000L, 0x8000000000000000L | k);
    }

    public static UUID chunkId(int k, int i) {
        return new UUID(0x5ca1ec4c00004000L, 0x8000000000000000L | ((long) k * PER_VERSION + i));
    }

    /** Version k of the firm (every document has one version). */
    public Generated version(int k) {
        var random = new Random(SEED * 1_000_003 + k);
        int matterIndex = random.nextInt(matterCount);
        int n = Math.min(PER_VERSION, chunks - k * PER_VERSION);
        List<IndexedVersion.IndexedChunk> indexed = new ArrayList<>(n);
        int[] templates = new int[n];
        for (int i = 0; i < n; i++) {
            int t = random.nextInt(templateCount);
            templates[i] = t;
            String text = templateFirstClause(t) + " " + clauses.get(random.nextInt(clauses.size()));
            indexed.add(new IndexedVersion.IndexedChunk(
                    chunkId(k, i), new TextChunk(i, text, "body", "", 1 + i / 4, 0, text.length(), "en")));
        }
        Instant stored = Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofMinutes(17L * k));
        String title = TITLES[random.nextInt(TITLES.length)] + " " + (k + 1);
        return new Generated(
                new IndexedVersion(
                        documentId(k),
                        1,
                        matters.get(matterIndex),
                        clientOf(matterIndex),
                        title,
                        TYPES[random.nextInt(TYPES.length)],
                        CLASSIFICATIONS[random.nextInt(CLASSIFICATIONS.length)],
                        stored,
                        List.of(),
                        indexed),
                matterIndex,
                templates);
    }
}
