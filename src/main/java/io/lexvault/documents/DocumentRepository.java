package io.lexvault.documents;

import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterId;
import io.lexvault.tenancy.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Documents and their versions. Every statement names the firm; PostgreSQL's policies hide documents
 * of matters the acting user may not see on top (the matter wall, V1_033).
 */
@Repository
class DocumentRepository {

    /** A version row with what only the module needs: where its ciphertext is. */
    record StoredVersion(
            DocumentId document, MatterId matter, DocumentVersion version, String blobKey, byte[] sha256) {}

    private static final String DOCUMENT_COLUMNS = """
            SELECT id, matter_id, client_id, title, description, classification, current_version, created_at, updated_at
              FROM lexvault.documents
            """;

    private static final String VERSION_COLUMNS = """
            SELECT document_id, matter_id, version, size_bytes, sha256, media_type, file_name, blob_key,
                   uploaded_by, uploaded_at
              FROM lexvault.document_versions
            """;

    private final JdbcClient jdbc;

    DocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertDocument(
            TenantId tenant,
            DocumentId id,
            MatterId matter,
            UUID client,
            String title,
            @Nullable String description,
            Classification classification,
            @Nullable UUID createdBy) {
        jdbc.sql("""
                        INSERT INTO lexvault.documents
                            (tenant_id, id, matter_id, client_id, title, description, classification,
                             current_version, created_by)
                        VALUES (:tenant, :id, :matter, :client, :title, :description, :classification, 1, :createdBy)
                        """)
                .param("tenant", tenant.value())
                .param("id", id.value())
                .param("matter", matter.value())
                .param("client", client)
                .param("title", title)
                .param("description", description)
                .param("classification", classification.name())
                .param("createdBy", createdBy)
                .update();
    }

    /**
     * Makes {@code version} the current one, only if the current one is still {@code version - 1} (a
     * concurrent upload of the same document wins or loses as a whole).
     */
    boolean advanceVersion(
            TenantId tenant,
            DocumentId id,
            int version,
            @Nullable String title,
            @Nullable String description,
            @Nullable Classification classification) {
        return jdbc.sql("""
                        UPDATE lexvault.documents
                           SET current_version = :version, updated_at = now(),
                               title = coalesce(:title, title),
                               description = coalesce(:description, description),
                               classification = coalesce(:classification, classification)
                         WHERE tenant_id = :tenant AND id = :id AND current_version = :version - 1
                        """)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .param("version", version)
                        .param("title", title)
                        .param("description", description)
                        .param("classification", classification == null ? null : classification.name())
                        .update()
                == 1;
    }

    void insertVersion(
            TenantId tenant,
            DocumentId document,
            MatterId matter,
            UUID client,
            int version,
            long size,
            byte[] sha256,
            String mediaType,
            String fileName,
            String blobKey,
            @Nullable UUID uploadedBy) {
        jdbc.sql("""
                        INSERT INTO lexvault.document_versions
                            (tenant_id, document_id, version, matter_id, client_id, size_bytes, sha256, media_type,
                             file_name, blob_key, uploaded_by)
                        VALUES (:tenant, :document, :version, :matter, :client, :size, :sha256, :mediaType,
                                :fileName, :blobKey, :uploadedBy)
                        """)
                .param("tenant", tenant.value())
                .param("document", document.value())
                .param("version", version)
                .param("matter", matter.value())
                .param("client", client)
                .param("size", size)
                .param("sha256", sha256)
                .param("mediaType", mediaType)
                .param("fileName", fileName)
                .param("blobKey", blobKey)
                .param("uploadedBy", uploadedBy)
                .update();
    }

    Optional<Document> document(TenantId tenant, DocumentId id) {
        return jdbc.sql(DOCUMENT_COLUMNS + " WHERE tenant_id = :tenant AND id = :id")
                .param("tenant", tenant.value())
                .param("id", id.value())
                .query((row, n) -> document(row))
                .optional();
    }

    /** One page of a matter's documents, by title or by last change (newest first). */
    List<Document> documents(TenantId tenant, MatterId matter, boolean byUpdated, int limit, long offset) {
        String order = byUpdated ? " ORDER BY updated_at DESC, id" : " ORDER BY lower(title), id";
        return jdbc.sql(DOCUMENT_COLUMNS + " WHERE tenant_id = :tenant AND matter_id = :matter" + order
                        + " LIMIT :limit OFFSET :offset")
                .param("tenant", tenant.value())
                .param("matter", matter.value())
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> document(row))
                .list();
    }

    /** The most recently changed documents of the given matters (the ones the caller may see). */
    List<Document> recentlyChanged(TenantId tenant, List<UUID> matters, int limit) {
        return jdbc.sql(DOCUMENT_COLUMNS
                        + " WHERE tenant_id = :tenant AND matter_id = ANY (:matters) ORDER BY updated_at DESC, id"
                        + " LIMIT :limit")
                .param("tenant", tenant.value())
                .param("matters", matters.toArray(UUID[]::new))
                .param("limit", limit)
                .query((row, n) -> document(row))
                .list();
    }

    long countDocuments(TenantId tenant, MatterId matter) {
        return jdbc.sql("SELECT count(*) FROM lexvault.documents WHERE tenant_id = :tenant AND matter_id = :matter")
                .param("tenant", tenant.value())
                .param("matter", matter.value())
                .query(Long.class)
                .single();
    }

    List<StoredVersion> versions(TenantId tenant, DocumentId document) {
        return jdbc.sql(VERSION_COLUMNS + " WHERE tenant_id = :tenant AND document_id = :document ORDER BY version")
                .param("tenant", tenant.value())
                .param("document", document.value())
                .query((row, n) -> version(row))
                .list();
    }

    Optional<StoredVersion> version(TenantId tenant, DocumentId document, int version) {
        return jdbc.sql(VERSION_COLUMNS
                        + " WHERE tenant_id = :tenant AND document_id = :document AND version = :version")
                .param("tenant", tenant.value())
                .param("document", document.value())
                .param("version", version)
                .query((row, n) -> version(row))
                .optional();
    }

    boolean classify(TenantId tenant, DocumentId id, Classification classification) {
        return jdbc.sql("""
                        UPDATE lexvault.documents SET classification = :classification, updated_at = now()
                         WHERE tenant_id = :tenant AND id = :id
                        """)
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .param("classification", classification.name())
                        .update()
                == 1;
    }

    /** Deletes the document; its versions go with it (ON DELETE CASCADE). */
    boolean delete(TenantId tenant, DocumentId id) {
        return jdbc.sql("DELETE FROM lexvault.documents WHERE tenant_id = :tenant AND id = :id")
                        .param("tenant", tenant.value())
                        .param("id", id.value())
                        .update()
                == 1;
    }

    /** The matter and client of the bound firm's document, seen or not (definer function, V1_038); for the audit log only. */
    Optional<Scope> scopeInBoundFirm(DocumentId id) {
        return jdbc.sql("SELECT matter_id, client_id FROM lexvault.document_scope_in_bound_firm(:id)")
                .param("id", id.value())
                .query((row, n) -> new Scope(
                        new MatterId(row.getObject("matter_id", UUID.class)),
                        new ClientId(row.getObject("client_id", UUID.class))))
                .optional();
    }

    /** Where a document belongs: its matter and that matter's client. */
    record Scope(MatterId matter, ClientId client) {}

    /** The blob keys of these documents' versions in the bound firm (definer function, V1_033), for the sweeper. */
    List<String> storedBlobKeys(List<UUID> documents) {
        return jdbc.sql("SELECT lexvault.stored_document_blob_keys(:documents)")
                .param("documents", documents.toArray(UUID[]::new))
                .query(String.class)
                .list();
    }

    /** One version of the bound firm for the indexer (definer function, V1_065), wall or not. */
    Optional<StoredVersions.Indexable> versionForIndexing(DocumentId document, int version) {
        return jdbc.sql("""
                        SELECT matter_id, client_id, title, classification, media_type, file_name, blob_key,
                               uploaded_at, current_version
                          FROM lexvault.document_version_for_indexing(:document, :version)
                        """)
                .param("document", document.value())
                .param("version", version)
                .query((row, n) -> new StoredVersions.Indexable(
                        document,
                        version,
                        new MatterId(row.getObject("matter_id", UUID.class)),
                        new ClientId(row.getObject("client_id", UUID.class)),
                        row.getString("title"),
                        Classification.valueOf(row.getString("classification")),
                        row.getString("media_type"),
                        row.getString("file_name"),
                        row.getString("blob_key"),
                        row.getTimestamp("uploaded_at").toInstant(),
                        row.getInt("current_version")))
                .optional();
    }

    /** The current version of every document of the bound firm (definer function, V1_065), for reindexing. */
    List<StoredVersions.Current> currentVersionsOfBoundFirm() {
        return jdbc.sql("SELECT document_id, version FROM lexvault.current_document_versions_in_bound_firm()")
                .query((row, n) -> new StoredVersions.Current(
                        new DocumentId(row.getObject("document_id", UUID.class)), row.getInt("version")))
                .list();
    }

    private static Document document(ResultSet row) throws SQLException {
        return new Document(
                new DocumentId(row.getObject("id", UUID.class)),
                new MatterId(row.getObject("matter_id", UUID.class)),
                new ClientId(row.getObject("client_id", UUID.class)),
                row.getString("title"),
                row.getString("description"),
                Classification.valueOf(row.getString("classification")),
                row.getInt("current_version"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }

    private static StoredVersion version(ResultSet row) throws SQLException {
        byte[] sha256 = row.getBytes("sha256");
        return new StoredVersion(
                new DocumentId(row.getObject("document_id", UUID.class)),
                new MatterId(row.getObject("matter_id", UUID.class)),
                new DocumentVersion(
                        row.getInt("version"),
                        row.getLong("size_bytes"),
                        HexFormat.of().formatHex(sha256),
                        row.getString("media_type"),
                        row.getString("file_name"),
                        row.getObject("uploaded_by", UUID.class),
                        row.getTimestamp("uploaded_at").toInstant()),
                row.getString("blob_key"),
                sha256);
    }
}
