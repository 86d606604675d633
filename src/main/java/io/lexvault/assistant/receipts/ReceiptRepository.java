package io.lexvault.assistant.receipts;

import io.lexvault.tenancy.TenantId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Receipts as stored: append-only rows, walled by the matter (V1_084). */
@Repository
class ReceiptRepository {

    /** A stored receipt and the matter it is on. */
    record StoredReceipt(SignedReceipt receipt, UUID matterId) {}

    private final JdbcClient jdbc;

    ReceiptRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantId tenant, SignedReceipt receipt, UUID matterId, UUID clientId, UUID askerId, Instant issuedAt) {
        jdbc.sql("""
                        INSERT INTO lexvault.assistant_receipts
                               (tenant_id, id, matter_id, client_id, asker_id, issued_at, canonical_json, signature, key_id)
                        VALUES (:tenant, :id, :matter, :client, :asker, :issuedAt, :json, :signature, :keyId)
                        """)
                .param("tenant", tenant.value())
                .param("id", receipt.id())
                .param("matter", matterId)
                .param("client", clientId)
                .param("asker", askerId)
                .param("issuedAt", Timestamp.from(issuedAt))
                .param("json", receipt.canonicalJson())
                .param("signature", receipt.signature())
                .param("keyId", receipt.keyId())
                .update();
    }

    Optional<StoredReceipt> find(TenantId tenant, UUID id) {
        return jdbc.sql("""
                        SELECT id, matter_id, canonical_json, signature, key_id FROM lexvault.assistant_receipts
                         WHERE tenant_id = :tenant AND id = :id
                        """)
                .param("tenant", tenant.value())
                .param("id", id)
                .query((row, n) -> new StoredReceipt(
                        new SignedReceipt(
                                row.getObject("id", UUID.class),
                                row.getBytes("canonical_json"),
                                row.getBytes("signature"),
                                row.getString("key_id")),
                        row.getObject("matter_id", UUID.class)))
                .optional();
    }
}
