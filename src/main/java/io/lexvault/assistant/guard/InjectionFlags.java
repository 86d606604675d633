package io.lexvault.assistant.guard;

import io.lexvault.tenancy.TenantId;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code assistant_injection_flags} (V1_076): classes, chunk and score, never text. */
@Repository
class InjectionFlags {

    /** A flagged chunk as recorded. */
    record Flag(UUID chunk, int chunkNumber, Set<InjectionClass> classes, double score) {}

    /** The flags of one document's current version, for the page's mark. */
    record DocumentFlags(UUID document, List<InjectionClass> classes, int chunks) {}

    private final JdbcClient jdbc;

    InjectionFlags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // A plain INSERT: ON CONFLICT would check the new row against the SELECT policies too, and the
    // matter wall hides every row from the scan, which acts as nobody. Chunk ids are new at each indexing.
    void insert(TenantId tenant, UUID document, int version, UUID matter, UUID client, Flag flag, String detector) {
        jdbc.sql("""
                        INSERT INTO lexvault.assistant_injection_flags
                               (tenant_id, chunk_id, document_id, version, matter_id, client_id, chunk_number,
                                classes, score, detector)
                        VALUES (:tenant, :chunk, :document, :version, :matter, :client, :number,
                                string_to_array(:classes, ','), :score, :detector)
                        """)
                .param("tenant", tenant.value())
                .param("chunk", flag.chunk())
                .param("document", document)
                .param("version", version)
                .param("matter", matter)
                .param("client", client)
                .param("number", flag.chunkNumber())
                .param(
                        "classes",
                        String.join(
                                ",",
                                flag.classes().stream().sorted().map(Enum::name).toList()))
                .param("score", Math.clamp(flag.score(), 0.0, 1.0))
                .param("detector", detector)
                .update();
    }

    /** Per document with flags (as the acting user may see them): the classes and how many chunks. */
    List<DocumentFlags> ofDocuments(TenantId tenant, Collection<UUID> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT document_id, array_agg(DISTINCT c ORDER BY c) AS classes,
                               count(DISTINCT chunk_id) AS chunks
                          FROM lexvault.assistant_injection_flags, unnest(classes) AS c
                         WHERE tenant_id = :tenant AND document_id IN (:documents)
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

    /** The chunks of a version that were flagged (tests and diagnostics; never their text). */
    List<Flag> ofVersion(TenantId tenant, UUID document, int version) {
        return jdbc.sql("""
                        SELECT chunk_id, chunk_number, classes, score
                          FROM lexvault.assistant_injection_flags
                         WHERE tenant_id = :tenant AND document_id = :document AND version = :version
                         ORDER BY chunk_number
                        """)
                .param("tenant", tenant.value())
                .param("document", document)
                .param("version", version)
                .query((row, n) -> new Flag(
                        row.getObject("chunk_id", UUID.class),
                        row.getInt("chunk_number"),
                        Set.copyOf(classes(row.getArray("classes"))),
                        row.getDouble("score")))
                .list();
    }

    private static List<InjectionClass> classes(Array array) throws SQLException {
        return java.util.Arrays.stream((String[]) array.getArray())
                .map(InjectionClass::valueOf)
                .toList();
    }
}
