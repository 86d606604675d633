package io.lexvault.assistant.guard;

import io.lexvault.tenancy.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rows of {@code assistant_injection_verdicts} (V1_076, V1_097): the ingestion scan's verdict on
 * every chunk — classes (none for a clean chunk), chunk and score, and the detector that gave it;
 * never text.
 */
@Repository
class ChunkVerdicts {

    /**
     * A chunk's verdicts as recorded: its text's, and its header's with the keyed hash of the header
     * that was inspected ({@code null} both for rows made before headers were recorded).
     */
    record Stored(
            UUID chunk,
            int chunkNumber,
            Set<InjectionClass> classes,
            double score,
            Set<InjectionClass> headerClasses,
            @Nullable Double headerScore,
            byte @Nullable [] headerMac) {

        Stored {
            classes = Set.copyOf(classes);
            headerClasses = Set.copyOf(headerClasses);
        }

        /** Flagged when its text or its header has a class. */
        boolean flagged() {
            return !classes.isEmpty() || !headerClasses.isEmpty();
        }

        InjectionVerdict text() {
            return verdict(classes, score);
        }

        /** The header's verdict; only when {@link #headerMac} is not null. */
        InjectionVerdict header() {
            return verdict(headerClasses, headerScore == null ? 0 : headerScore);
        }

        private static InjectionVerdict verdict(Set<InjectionClass> classes, double score) {
            return classes.isEmpty()
                    ? InjectionVerdict.clean(score)
                    : new InjectionVerdict(true, classes, score, RulesAndClassifierDetector.reason(classes));
        }
    }

    /** The flags of one document's current version, for the page's mark. */
    record DocumentFlags(UUID document, List<InjectionClass> classes, int chunks) {}

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    ChunkVerdicts(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    // A plain INSERT: ON CONFLICT would check the new row against the SELECT policies too, and the
    // matter wall hides every row from the scan, which acts as nobody. Chunk ids are new at each
    // indexing. One batch for the version's chunks (a 500-page contract has thousands). A clean chunk's
    // classes are '', and string_to_array('', ',') is the empty array.
    void insertAll(
            TenantId tenant,
            UUID document,
            int version,
            UUID matter,
            UUID client,
            List<Stored> verdicts,
            String detector) {
        var rows = verdicts.stream()
                .map(v -> new MapSqlParameterSource()
                        .addValue("tenant", tenant.value())
                        .addValue("chunk", v.chunk())
                        .addValue("document", document)
                        .addValue("version", version)
                        .addValue("matter", matter)
                        .addValue("client", client)
                        .addValue("number", v.chunkNumber())
                        .addValue("classes", joined(v.classes()))
                        .addValue("score", Math.clamp(v.score(), 0.0, 1.0))
                        .addValue("headerClasses", joined(v.headerClasses()))
                        .addValue("headerScore", v.headerScore() == null ? null : Math.clamp(v.headerScore(), 0.0, 1.0))
                        .addValue("headerMac", v.headerMac())
                        .addValue("detector", detector))
                .toArray(MapSqlParameterSource[]::new);
        batches.batchUpdate("""
                INSERT INTO lexvault.assistant_injection_verdicts
                       (tenant_id, chunk_id, document_id, version, matter_id, client_id, chunk_number,
                        classes, score, header_classes, header_score, header_mac, detector)
                VALUES (:tenant, :chunk, :document, :version, :matter, :client, :number,
                        string_to_array(:classes, ','), :score, string_to_array(:headerClasses, ','),
                        CAST(:headerScore AS double precision), CAST(:headerMac AS bytea), :detector)
                """, rows);
    }

    /**
     * The verdicts {@code detector} recorded for these chunks, as the acting user may see them (a walled
     * chunk's verdict is not returned; nor is one from another detector: that chunk is inspected again).
     */
    Map<UUID, Stored> ofChunks(TenantId tenant, Collection<UUID> chunks, String detector) {
        var found = new HashMap<UUID, Stored>();
        if (chunks.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        SELECT chunk_id, chunk_number, classes, score, header_classes, header_score, header_mac
                          FROM lexvault.assistant_injection_verdicts
                         WHERE tenant_id = :tenant AND chunk_id IN (:chunks) AND detector = :detector
                        """)
                .param("tenant", tenant.value())
                .param("chunks", chunks)
                .param("detector", detector)
                .query((row, n) -> stored(row))
                .list()
                .forEach(v -> found.put(v.chunk(), v));
        return found;
    }

    /** Per document with flagged chunks (as the acting user may see them): the classes and how many chunks. */
    List<DocumentFlags> ofDocuments(TenantId tenant, Collection<UUID> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT document_id, array_agg(DISTINCT c ORDER BY c) AS classes,
                               count(DISTINCT chunk_id) AS chunks
                          FROM lexvault.assistant_injection_verdicts, unnest(classes || header_classes) AS c
                         WHERE tenant_id = :tenant AND document_id IN (:documents) AND flagged
                         GROUP BY document_id
                        """)
                .param("tenant", tenant.value())
                .param("documents", documents)
                .query((row, n) -> new DocumentFlags(
                        row.getObject("document_id", UUID.class),
                        classes(row.getArray("classes")),
                        row.getInt("chunks")))
                .list();
    }

    /** Every chunk verdict of a version, clean ones included (tests and diagnostics; never their text). */
    List<Stored> ofVersion(TenantId tenant, UUID document, int version) {
        return jdbc.sql("""
                        SELECT chunk_id, chunk_number, classes, score, header_classes, header_score, header_mac
                          FROM lexvault.assistant_injection_verdicts
                         WHERE tenant_id = :tenant AND document_id = :document AND version = :version
                         ORDER BY chunk_number
                        """)
                .param("tenant", tenant.value())
                .param("document", document)
                .param("version", version)
                .query((row, n) -> stored(row))
                .list();
    }

    private static Stored stored(ResultSet row) throws SQLException {
        return new Stored(
                row.getObject("chunk_id", UUID.class),
                row.getInt("chunk_number"),
                Set.copyOf(classes(row.getArray("classes"))),
                row.getDouble("score"),
                Set.copyOf(classes(row.getArray("header_classes"))),
                row.getObject("header_score", Double.class),
                row.getBytes("header_mac"));
    }

    private static String joined(Set<InjectionClass> classes) {
        return String.join(",", classes.stream().sorted().map(Enum::name).toList());
    }

    private static List<InjectionClass> classes(Array array) throws SQLException {
        return java.util.Arrays.stream((String[]) array.getArray())
                .map(InjectionClass::valueOf)
                .toList();
    }
}
