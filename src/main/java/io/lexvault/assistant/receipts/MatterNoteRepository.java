package io.lexvault.assistant.receipts;

import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Saved answers as stored: encrypted title and body, walled by the matter (V1_085). */
@Repository
class MatterNoteRepository {

    /** A note as stored, still encrypted. */
    record StoredNote(
            UUID id, UUID matterId, UUID authorId, UUID receiptId, Instant createdAt, byte[] title, byte[] body) {}

    private final JdbcClient jdbc;

    MatterNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, StoredNote note, UUID clientId) {
        jdbc.sql("""
                        INSERT INTO lexvault.matter_notes (tenant_id, id, matter_id, client_id, author_id, receipt_id,
                                                           created_at, title_ciphertext, body_ciphertext)
                        VALUES (:tenant, :id, :matter, :client, :author, :receipt, :createdAt, :title, :body)
                        """)
                .param("tenant", tenant.value())
                .param("id", note.id())
                .param("matter", note.matterId())
                .param("client", clientId)
                .param("author", note.authorId())
                .param("receipt", note.receiptId())
                .param("createdAt", Timestamp.from(note.createdAt()))
                .param("title", note.title())
                .param("body", note.body())
                .update();
    }

    /** The matter's notes, newest first (at most {@code limit}). */
    List<StoredNote> ofMatter(TenantId tenant, UUID matterId, int limit) {
        return jdbc.sql("""
                        SELECT id, matter_id, author_id, receipt_id, created_at, title_ciphertext, body_ciphertext
                          FROM lexvault.matter_notes
                         WHERE tenant_id = :tenant AND matter_id = :matter
                         ORDER BY created_at DESC, id
                         LIMIT :limit
                        """)
                .param("tenant", tenant.value())
                .param("matter", matterId)
                .param("limit", limit)
                .query((row, n) -> new StoredNote(
                        row.getObject("id", UUID.class),
                        row.getObject("matter_id", UUID.class),
                        row.getObject("author_id", UUID.class),
                        row.getObject("receipt_id", UUID.class),
                        row.getTimestamp("created_at").toInstant(),
                        row.getBytes("title_ciphertext"),
                        row.getBytes("body_ciphertext")))
                .list();
    }
}
