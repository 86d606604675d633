package io.lexvault.search;

import io.lexvault.search.chunking.TextChunk;
import io.lexvault.search.index.MatterScope;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The search module's rows: each version's indexing status and labels ({@code search_versions}) and its
 * encrypted chunks ({@code document_chunks}), V1_067. Reads run as whoever is bound, under forced
 * row-level security and the matter wall; the indexer, who acts as nobody, writes through the named
 * definer functions of V1_067 and inserts chunks (the wall has no INSERT policy).
 */
@Repository
class SearchRepository {

    /** A version's status row as the bound person may see it. */
    record VersionRow(
            UUID document,
            int version,
            UUID matter,
            UUID client,
            String title,
            String mediaType,
            String classification,
            Instant storedAt,
            String state,
            @Nullable Integer chunks,
            @Nullable String reason,
            @Nullable String language) {}

    /** A chunk re-read for a hit: where it is, and its text still encrypted. */
    record ChunkRow(
            UUID id,
            UUID document,
            int version,
            int number,
            UUID matter,
            UUID client,
            String part,
            String headingPath,
            @Nullable Integer page,
            @Nullable String language,
            byte[] ciphertext,
            String title,
            String mediaType,
            String classification,
            Instant storedAt) {}

    private static final String VERSION_COLUMNS = """
            SELECT document_id, version, matter_id, client_id, title, media_type, classification, stored_at,
                   state, chunk_count, reason, language
              FROM lexvault.search_versions
            """;

    private final JdbcClient jdbc;

    SearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Definer function: status row (extracting) with the version's current labels, old chunks gone. */
    boolean prepare(UUID document, int version) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT lexvault.search_prepare_version(:document, :version)")
                .param("document", document)
                .param("version", version)
                .query(Boolean.class)
                .single());
    }

    void recordOutcome(
            UUID document,
            int version,
            String state,
            @Nullable Integer chunks,
            @Nullable String reason,
            @Nullable String language) {
        jdbc.sql("SELECT lexvault.search_record_outcome(:document, :version, :state, :chunks, :reason, :language)")
                .param("document", document)
                .param("version", version)
                .param("state", state)
                .param("chunks", chunks)
                .param("reason", reason)
                .param("language", language)
                .query(Boolean.class)
                .optional();
    }

    int forgetVersionsBelow(UUID document, int version) {
        return jdbc.sql("SELECT lexvault.search_forget_versions(:document, :version)")
                .param("document", document)
                .param("version", version)
                .query(Integer.class)
                .single();
    }

    int relabel(UUID document) {
        return jdbc.sql("SELECT lexvault.search_relabel(:document)")
                .param("document", document)
                .query(Integer.class)
                .single();
    }

    void insertChunk(
            TenantId tenant,
            UUID id,
            UUID document,
            int version,
            UUID matter,
            UUID client,
            TextChunk chunk,
            byte[] ciphertext) {
        jdbc.sql("""
                        INSERT INTO lexvault.document_chunks
                            (tenant_id, id, document_id, version, number, matter_id, client_id, part, heading_path,
                             page, start_offset, end_offset, language, text_ciphertext)
                        VALUES (:tenant, :id, :document, :version, :number, :matter, :client, :part, :headingPath,
                                :page, :start, :end, :language, :ciphertext)
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .param("document", document)
                .param("version", version)
                .param("number", chunk.number())
                .param("matter", matter)
                .param("client", client)
                .param("part", chunk.part())
                .param("headingPath", chunk.headingPath())
                .param("page", chunk.page())
                .param("start", chunk.startOffset())
                .param("end", chunk.endOffset())
                .param("language", chunk.language())
                .param("ciphertext", ciphertext)
                .update();
    }

    /** Status rows of these (document, version) pairs that the bound person may see. */
    List<VersionRow> versions(TenantId tenant, Collection<UUID> documents) {
        if (documents.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(VERSION_COLUMNS + " WHERE tenant_id = :tenant AND document_id = ANY (:documents)")
                .param("tenant", tenant.value())
                .param("documents", documents.toArray(UUID[]::new))
                .query((row, n) -> versionRow(row))
                .list();
    }

    Optional<VersionRow> version(TenantId tenant, UUID document, int version) {
        return jdbc.sql(VERSION_COLUMNS
                        + " WHERE tenant_id = :tenant AND document_id = :document AND version = :version")
                .param("tenant", tenant.value())
                .param("document", document)
                .param("version", version)
                .query((row, n) -> versionRow(row))
                .optional();
    }

    /**
     * How many of the firm's stored versions wait for the indexer: their events are in Spring Modulith's
     * registry (V1_066, no firm data: ids only) and not completed. Firm-wide, walled matters included,
     * and a number only.
     */
    long waitingVersions(TenantId tenant) {
        return jdbc.sql("""
                        SELECT count(*) FROM lexvault.event_publication
                         WHERE completion_date IS NULL
                           AND event_type = 'io.lexvault.documents.DocumentVersionStored'
                           AND strpos(serialized_event, :firm) > 0
                        """)
                .param("firm", tenant.value().toString())
                .query(Long.class)
                .single();
    }

    /** How many versions the bound person may see are in each state. */
    java.util.Map<String, Long> countsByState(TenantId tenant) {
        var counts = new java.util.TreeMap<String, Long>();
        jdbc.sql("SELECT state, count(*) AS n FROM lexvault.search_versions WHERE tenant_id = :tenant GROUP BY state")
                .param("tenant", tenant.value())
                .query((row, n) -> counts.put(row.getString("state"), row.getLong("n")))
                .list();
        return counts;
    }

    /** The versions in these states that the bound person may see, most recently changed first. */
    List<VersionRow> inStates(TenantId tenant, Collection<String> states, int limit) {
        return jdbc.sql(VERSION_COLUMNS
                        + " WHERE tenant_id = :tenant AND state = ANY (:states) ORDER BY updated_at DESC, document_id"
                        + " LIMIT :limit")
                .param("tenant", tenant.value())
                .param("states", states.toArray(String[]::new))
                .param("limit", limit)
                .query((row, n) -> versionRow(row))
                .list();
    }

    /**
     * The matter wall's view of the bound person, read now through the same lookups its policies use
     * (their own row of {@code matter_visibility}, kept by triggers in the transaction of every team,
     * group, wall and role change): with {@code matters.read.all}, every matter but those and the
     * clients a wall screens them from; otherwise their team's matters that no wall screens. One row,
     * whatever the size of the firm. A person with no row sees nothing (the lookups answer empty).
     */
    MatterScope wallScope() {
        return jdbc.sql("""
                        SELECT lexvault.acting_user_reads_all_matters() AS reads_all,
                               lexvault.acting_user_team_matters() AS team_matters,
                               lexvault.acting_user_screened_matters() AS screened_matters,
                               lexvault.acting_user_screened_clients() AS screened_clients
                        """)
                .query((row, n) -> {
                    Set<UUID> screenedMatters = uuids(row.getArray("screened_matters"));
                    Set<UUID> screenedClients = uuids(row.getArray("screened_clients"));
                    return row.getBoolean("reads_all")
                            ? MatterScope.allBut(screenedMatters, screenedClients)
                            : new MatterScope(uuids(row.getArray("team_matters")), screenedMatters, screenedClients);
                })
                .single();
    }

    private static Set<UUID> uuids(java.sql.Array array) throws SQLException {
        Set<UUID> ids = new HashSet<>();
        for (Object id : (Object[]) array.getArray()) {
            ids.add((UUID) id);
        }
        return ids;
    }

    /**
     * The client of one matter, if the bound person may see an indexed version of it (the matter wall):
     * the assistant's check for one matter, without reading every matter of the firm.
     */
    Optional<UUID> visibleMatterClient(TenantId tenant, UUID matter) {
        return jdbc.sql("""
                        SELECT client_id FROM lexvault.search_versions
                         WHERE tenant_id = :tenant AND matter_id = :matter
                         LIMIT 1
                        """)
                .param("tenant", tenant.value())
                .param("matter", matter)
                .query((row, n) -> row.getObject("client_id", UUID.class))
                .optional();
    }

    /**
     * The chunks of these ids that the bound person may see, of versions that are indexed: the
     * re-check of every hit. A chunk the wall hides, of another firm, or of a forgotten version is
     * simply not returned.
     */
    List<ChunkRow> chunks(TenantId tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT c.id, c.document_id, c.version, c.number, c.matter_id, c.client_id, c.part,
                               c.heading_path, c.page, c.language, c.text_ciphertext,
                               v.title, v.media_type, v.classification, v.stored_at
                          FROM lexvault.document_chunks c
                          JOIN lexvault.search_versions v
                            ON v.tenant_id = c.tenant_id AND v.document_id = c.document_id AND v.version = c.version
                         WHERE c.tenant_id = :tenant AND c.id = ANY (:ids) AND v.state = 'indexed'
                        """)
                .param("tenant", tenant.value())
                .param("ids", ids.toArray(UUID[]::new))
                .query((row, n) -> new ChunkRow(
                        row.getObject("id", UUID.class),
                        row.getObject("document_id", UUID.class),
                        row.getInt("version"),
                        row.getInt("number"),
                        row.getObject("matter_id", UUID.class),
                        row.getObject("client_id", UUID.class),
                        row.getString("part"),
                        row.getString("heading_path"),
                        (Integer) row.getObject("page"),
                        row.getString("language"),
                        row.getBytes("text_ciphertext"),
                        row.getString("title"),
                        row.getString("media_type"),
                        row.getString("classification"),
                        row.getTimestamp("stored_at").toInstant()))
                .list();
    }

    private static VersionRow versionRow(ResultSet row) throws SQLException {
        return new VersionRow(
                row.getObject("document_id", UUID.class),
                row.getInt("version"),
                row.getObject("matter_id", UUID.class),
                row.getObject("client_id", UUID.class),
                row.getString("title"),
                row.getString("media_type"),
                row.getString("classification"),
                row.getTimestamp("stored_at").toInstant(),
                row.getString("state"),
                (Integer) row.getObject("chunk_count"),
                row.getString("reason"),
                row.getString("language"));
    }
}
