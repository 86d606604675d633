package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLog;
import io.lexvault.audit.AuditRetention;
import io.lexvault.audit.CheckpointExport;
import io.lexvault.audit.RequestAudit;
import io.lexvault.audit.internal.AuditCheckpoints;
import io.lexvault.web.InvalidRequest;
import io.lexvault.web.RequiresPermission;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bound firm's log for verifiers (docs/audit-format.md §5): its leaves, its latest signed
 * checkpoint, and inclusion and consistency proofs. Hashes are standard base64, as in the note.
 */
@RestController
class AuditApi {

    static final int MAX_PAGE = 1000;

    /**
     * @param leaf the canonical JSON that was hashed, as a string (its UTF-8 bytes are the leaf); null
     *     when the event's data is gone, or withheld from this caller
     * @param leafHash {@code SHA-256(0x00 || leaf)}, base64
     * @param expired the data is gone because retention expired it (a recorded range covers the leaf)
     * @param withheld the event is about a matter or client an ethical wall screens the caller from:
     *     its hash counts in the tree as any other, its content is not theirs to read
     */
    record Entry(long index, @Nullable String leaf, String leafHash, boolean expired, boolean withheld) {}

    /** @param next the index to ask for next, or null when this page reached the end of the log */
    record Entries(List<Entry> entries, @Nullable Long next) {}

    record InclusionProof(long index, long size, List<String> hashes) {}

    record ConsistencyProof(long from, long to, List<String> hashes) {}

    /**
     * @param chosen false while the firm keeps the default
     * @param expiredRanges every expiry so far, oldest first
     */
    record Retention(int years, boolean chosen, List<ExpiredRange> expiredRanges) {}

    /** Leaves {@code first..last} (inclusive) lost their data; times in ISO 8601, UTC. */
    record ExpiredRange(long first, long last, String cutoff, String expiredAt, String expiredBy) {}

    record RetentionChange(@Nullable Integer years) {}

    /** @param recipients how many officers it was queued for */
    record CheckpointMailed(long treeSize, int recipients) {}

    private final AuditLog log;
    private final RequestAudit audit;
    private final AuditCheckpoints checkpoints;
    private final AuditRetention retention;
    private final CheckpointExport export;

    AuditApi(
            AuditLog log,
            RequestAudit audit,
            AuditCheckpoints checkpoints,
            AuditRetention retention,
            CheckpointExport export) {
        this.log = log;
        this.audit = audit;
        this.checkpoints = checkpoints;
        this.retention = retention;
        this.export = export;
    }

    @GetMapping("/api/v1/audit/events")
    @RequiresPermission("audit.read")
    Entries events(@RequestParam(defaultValue = "0") long from, @RequestParam(defaultValue = "" + MAX_PAGE) int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw InvalidRequest.parameter("limit", "a whole number from 1 to " + MAX_PAGE);
        }
        // The page is cut at the size read first, so "next" and the range check agree with the
        // entries even while the sequencer appends leaves.
        long size = log.size();
        if (from < 0 || from > size) {
            throw InvalidRequest.parameter("from", "between 0 and the log's size, " + size);
        }
        viewed("events", Map.of("from", String.valueOf(from), "limit", String.valueOf(limit)));
        var entries = log.entries(from, (int) Math.min(limit, size - from)).stream()
                .map(entry -> new Entry(
                        entry.index(),
                        entry.leaf() == null ? null : new String(entry.leaf(), StandardCharsets.UTF_8),
                        base64(entry.leafHash()),
                        entry.expired(),
                        entry.withheld()))
                .toList();
        long end = from + entries.size();
        @Nullable Long next = end < size ? end : null;
        return new Entries(entries, next);
    }

    @GetMapping(path = "/api/v1/audit/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @RequiresPermission("audit.read")
    ResponseEntity<String> checkpoint() {
        viewed("checkpoint", Map.of());
        return log.latestCheckpoint()
                .map(checkpoint -> ResponseEntity.ok(checkpoint.note()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    /**
     * Signs a checkpoint now, covering every event recorded so far (the schedule does so within
     * seconds anyway; this is for a verifier that wants it at once), and returns it.
     */
    @PostMapping(path = "/api/v1/audit/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @RequiresPermission("audit.read")
    ResponseEntity<String> signCheckpoint() {
        var latest = checkpoints.signNow();
        viewed("checkpoint", Map.of("signed", "on_demand"));
        return latest.map(checkpoint -> ResponseEntity.ok(checkpoint.note()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/api/v1/audit/proofs/inclusion")
    @RequiresPermission("audit.read")
    InclusionProof inclusion(@RequestParam long index, @RequestParam long size) {
        long logSize = log.size();
        if (index < 0 || index >= size || size > logSize) {
            throw InvalidRequest.parameters(
                    "Parameters 'index' and 'size' must satisfy 0 <= index < size <= the log's size, " + logSize + ".");
        }
        var proof = base64(log.inclusionProof(index, size));
        viewed("inclusion_proof", Map.of("index", String.valueOf(index), "size", String.valueOf(size)));
        return new InclusionProof(index, size, proof);
    }

    @GetMapping("/api/v1/audit/proofs/consistency")
    @RequiresPermission("audit.read")
    ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        long logSize = log.size();
        if (from <= 0 || from > to || to > logSize) {
            throw InvalidRequest.parameters(
                    "Parameters 'from' and 'to' must satisfy 0 < from <= to <= the log's size, " + logSize + ".");
        }
        var proof = base64(log.consistencyProof(from, to));
        viewed("consistency_proof", Map.of("from", String.valueOf(from), "to", String.valueOf(to)));
        return new ConsistencyProof(from, to, proof);
    }

    /** The firm's retention and what it has expired: a verifier needs the ranges to accept leaves without data. */
    @GetMapping("/api/v1/audit/retention")
    @RequiresPermission("audit.read")
    Retention retention() {
        viewed("retention", Map.of());
        return retentionNow(retention.policy());
    }

    /**
     * Changes the firm's retention: a firm setting that decides how long the evidence lasts, so it
     * needs {@code firm.settings.manage}; recorded as {@code audit.retention_changed}.
     */
    @PutMapping("/api/v1/audit/retention")
    @RequiresPermission("firm.settings.manage")
    Retention changeRetention(@RequestBody RetentionChange change) {
        if (change.years() == null
                || change.years() < AuditRetention.MIN_YEARS
                || change.years() > AuditRetention.MAX_YEARS) {
            throw InvalidRequest.field(
                    "years", "a whole number between " + AuditRetention.MIN_YEARS + " and " + AuditRetention.MAX_YEARS);
        }
        return retentionNow(retention.change(change.years()));
    }

    private Retention retentionNow(AuditRetention.Policy policy) {
        var ranges = retention.expiredRanges().stream()
                .map(range -> new ExpiredRange(
                        range.firstLeaf(),
                        range.lastLeaf(),
                        range.cutoff().toString(),
                        range.expiredAt().toString(),
                        range.expiredBy()))
                .toList();
        return new Retention(policy.years(), policy.chosen(), ranges);
    }

    /**
     * Mails the latest checkpoint to the firm's officers (docs/security.md §6), so copies exist where
     * the database administrator cannot reach them. Recorded as {@code audit.checkpoint_exported}.
     */
    @PostMapping("/api/v1/audit/checkpoint/mail")
    @RequiresPermission("audit.export")
    ResponseEntity<CheckpointMailed> mailCheckpoint() {
        // No checkpoint yet is a refusal (404 with its sentence), answered by the edge.
        var mailed = export.mailToOfficers(audit.caller());
        return ResponseEntity.accepted().body(new CheckpointMailed(mailed.treeSize(), mailed.recipients()));
    }

    /** Reading the log leaves a trace in it (an auditor's reads are themselves audited). */
    private void viewed(String what, Map<String, String> details) {
        var all = new HashMap<>(details);
        all.put("view", what);
        audit.succeeded(AuditAction.AUDIT_VIEWED, null, null, all);
    }

    private static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(AuditApi::base64).toList();
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
