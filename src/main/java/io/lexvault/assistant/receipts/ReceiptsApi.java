package io.lexvault.assistant.receipts;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.web.RequiresPermission;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/assistant/receipts/{id}}: a receipt as a file (docs/assistant-receipts.md), to keep
 * and to check offline with {@code lexvault assistant verify-receipt}. Another firm's receipt and one on
 * a matter the caller may not see are 404, like a receipt that does not exist.
 */
@RestController
class ReceiptsApi {

    private final SignedAnswerReceipts receipts;
    private final RequestAudit audit;

    ReceiptsApi(SignedAnswerReceipts receipts, RequestAudit audit) {
        this.receipts = receipts;
        this.audit = audit;
    }

    @GetMapping(path = "/api/v1/assistant/receipts/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission("assistant.use")
    ResponseEntity<ReceiptFile> receipt(@PathVariable UUID id) {
        var found = receipts.findOnMatter(id);
        if (found.isEmpty()) {
            audit.deniedOn(AuditAction.ASSISTANT_RECEIPT_FETCHED, "assistant_receipt", id, null, null, Map.of());
            throw new ReceiptNotVisibleException();
        }
        var matter = found.get().matter();
        audit.succeeded(
                AuditAction.ASSISTANT_RECEIPT_FETCHED,
                "assistant_receipt",
                id,
                matter.id().value(),
                matter.client().value(),
                Map.of());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"receipt-" + id + ".json\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(ReceiptFile.of(found.get().receipt(), receipts.verifierKey()));
    }
}
