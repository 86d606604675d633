package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLog;
import io.lexvault.audit.CheckpointExport;
import io.lexvault.audit.RequestAudit;
import io.lexvault.audit.internal.AuditCheckpoints;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.RequiresPermission;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the audit page hands out to keep outside LexVault: the latest signed checkpoint (downloaded or
 * mailed to the officers) and the proof that one event is in the log.
 */
@Controller
class AuditCheckpointDownloads {

    private final AuditLog log;
    private final AuditCheckpoints checkpoints;
    private final CheckpointExport export;
    private final RequestAudit audit;
    private final Tenants tenants;

    AuditCheckpointDownloads(
            AuditLog log, AuditCheckpoints checkpoints, CheckpointExport export, RequestAudit audit, Tenants tenants) {
        this.log = log;
        this.checkpoints = checkpoints;
        this.export = export;
        this.audit = audit;
        this.tenants = tenants;
    }

    /**
     * The latest signed checkpoint, signed on demand first so it covers everything up to now. Kept
     * outside LexVault, it lets anyone prove later that the log was not rewritten.
     */
    @GetMapping(path = "/admin/audit/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @RequiresPermission("audit.read")
    ResponseEntity<String> checkpoint() {
        var latest = checkpoints.signNow();
        audit.succeeded(AuditAction.AUDIT_VIEWED, null, null, Map.of("view", "checkpoint"));
        return latest.map(checkpoint -> ResponseEntity.ok()
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                attachment("audit-checkpoint-"
                                        + tenants.current().slug() + "-" + checkpoint.treeSize() + ".txt"))
                        .contentType(MediaType.TEXT_PLAIN)
                        .body(checkpoint.note()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /**
     * Mails the latest checkpoint to the firm's officers, so that copies exist in mailboxes the
     * database administrator does not control (recorded as {@code audit.checkpoint_exported}).
     */
    @PostMapping("/admin/audit/checkpoint/mail")
    @RequiresPermission("audit.export")
    String mailCheckpoint(RedirectAttributes redirect) {
        try {
            var mailed = export.mailToOfficers(audit.caller());
            redirect.addFlashAttribute(
                    "notice",
                    "The checkpoint of " + mailed.treeSize() + " events is on its way to "
                            + (mailed.recipients() == 1 ? "1 officer" : mailed.recipients() + " officers") + ".");
        } catch (CheckpointExport.NoCheckpointYetException e) {
            redirect.addFlashAttribute("notice", "No events have been signed into the log yet.");
        }
        return "redirect:/admin/audit";
    }

    /**
     * A self-contained proof that one event is in the log: its leaf, the latest checkpoint and the
     * inclusion proof against it (docs/audit-format.md §5), for a verifier that trusts nothing else.
     */
    @GetMapping(path = "/admin/audit/proof", produces = MediaType.APPLICATION_JSON_VALUE)
    @RequiresPermission("audit.read")
    ResponseEntity<?> proof(@RequestParam long index) {
        var latest = checkpoints.signNow().orElse(null);
        if (latest == null || index < 0 || index >= latest.treeSize()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("There is no event with that leaf index in the log.");
        }
        var leaf = log.entries(index, 1).getFirst();
        if (leaf.withheld()) {
            // An event about what a wall screens the caller from: the same answer as no event at all.
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.TEXT_PLAIN)
                    .body("There is no event with that leaf index in the log.");
        }
        var path = log.inclusionProof(index, latest.treeSize());
        // A look at a walled event's proof is about that event's matter and client, like the event.
        audit.succeeded(
                AuditAction.AUDIT_VIEWED,
                null,
                null,
                leaf.matterId(),
                leaf.clientId(),
                Map.of(
                        "view",
                        "inclusion_proof",
                        "index",
                        String.valueOf(index),
                        "size",
                        String.valueOf(latest.treeSize())));
        var bundle = new LinkedHashMap<String, Object>();
        bundle.put("index", index);
        // An expired event's data is gone; its leaf hash still proves where it stood.
        bundle.put("leaf", leaf.leaf() == null ? null : new String(leaf.leaf(), StandardCharsets.UTF_8));
        bundle.put("expired", leaf.expired());
        bundle.put("leafHash", base64(leaf.leafHash()));
        bundle.put("treeSize", latest.treeSize());
        bundle.put(
                "inclusionProof",
                path.stream().map(AuditCheckpointDownloads::base64).toList());
        bundle.put("checkpoint", latest.note());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("audit-proof-" + index + ".json"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(bundle);
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
