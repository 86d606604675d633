package io.lexvault.audit;

import io.lexvault.audit.internal.ExpiredRanges;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How long a firm keeps its audit events (7 years unless it chose 1 to 100), and their expiry: the
 * data of events older than that is deleted, their leaves stay, so every checkpoint and proof handed
 * out before still verifies. Each expiry is recorded as a range of leaves and as an {@code
 * audit.events_expired} event in the firm's own log. The deleting is done by the database function
 * {@code lexvault.expire_audit_events}, the only way an audit event can be deleted
 * (docs/security.md §6).
 */
@Service
public class AuditRetention {

    public static final int DEFAULT_YEARS = 7;
    public static final int MIN_YEARS = 1;
    public static final int MAX_YEARS = 100;

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    /** The firm's retention; {@code chosen} is false while it keeps the default. */
    public record Policy(int years, boolean chosen) {}

    /**
     * Leaves {@code firstLeaf..lastLeaf} (inclusive) whose events were older than {@code cutoff}, the
     * firm's retention of {@code retentionYears} before the expiry.
     */
    public record Expiry(TenantId firm, long firstLeaf, long lastLeaf, Instant cutoff, int retentionYears) {
        public long leaves() {
            return lastLeaf - firstLeaf + 1;
        }
    }

    /** A recorded expiry as a firm's auditors see it. */
    public record ExpiredRange(long firstLeaf, long lastLeaf, Instant cutoff, Instant expiredAt, String expiredBy) {}

    /** What started an expiry; stored with its range. */
    public enum ExpiredBy {
        SCHEDULE("schedule"),
        COMMAND_LINE("command_line");

        private final String key;

        ExpiredBy(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    private final AuditRetentionRepository rows;
    private final AuditLogRepository logs;
    private final TransactionTemplate transactions;
    private final AuditLedger ledger;
    private final RequestAudit requestAudit;
    private final ExpiredRanges expiredRanges;
    private final Clock clock;
    private final int batchSize;

    AuditRetention(
            AuditRetentionRepository rows,
            AuditLogRepository logs,
            TransactionTemplate transactions,
            AuditLedger ledger,
            RequestAudit requestAudit,
            ExpiredRanges expiredRanges,
            Clock clock,
            AuditProperties properties) {
        this.rows = rows;
        this.logs = logs;
        this.transactions = transactions;
        this.ledger = ledger;
        this.requestAudit = requestAudit;
        this.expiredRanges = expiredRanges;
        this.clock = clock;
        this.batchSize = properties.retention().batchSize();
    }

    /** The bound firm's retention. */
    @Transactional(readOnly = true)
    public Policy policy() {
        return chosenYears().map(years -> new Policy(years, true)).orElse(new Policy(DEFAULT_YEARS, false));
    }

    /** The bound firm's recorded expiries, oldest first. */
    @Transactional(readOnly = true)
    public List<ExpiredRange> expiredRanges() {
        return expiredRanges.of(tenant().value()).ranges().stream()
                .map(range -> new ExpiredRange(
                        range.firstLeaf(), range.lastLeaf(), range.cutoff(), range.expiredAt(), range.expiredBy()))
                .toList();
    }

    /**
     * Sets the bound firm's retention on behalf of the signed-in caller (user or API key), recorded
     * as {@code audit.retention_changed} in the same transaction.
     *
     * @throws IllegalArgumentException unless {@code MIN_YEARS <= years <= MAX_YEARS}
     */
    @Transactional
    public Policy change(int years) {
        int previous = store(years, signedInUser());
        requestAudit.succeeded(AuditAction.AUDIT_RETENTION_CHANGED, "firm", tenant().value(), changed(previous, years));
        return new Policy(years, true);
    }

    /** Sets the bound firm's retention for an operator at the command line (recorded as a system event). */
    @Transactional
    public Policy changeFromCommandLine(int years) {
        int previous = store(years, null);
        var details = new HashMap<>(changed(previous, years));
        details.put("via", "command_line");
        ledger.append(AuditRecord.bySystem(AuditAction.AUDIT_RETENTION_CHANGED, clock.instant(), details));
        return new Policy(years, true);
    }

    /**
     * Expires the bound firm's due events, in batches of at most {@code
     * lexvault.audit.retention.batch-size} leaves, each its own transaction, range and event.
     */
    public List<Expiry> expireDue(ExpiredBy by) {
        var firm = tenant();
        var expiries = new ArrayList<Expiry>();
        while (true) {
            var expiry = transactions.execute(status -> expireBatch(firm, by));
            if (expiry == null) {
                return expiries;
            }
            expiries.add(expiry);
            if (expiry.leaves() < batchSize) {
                return expiries; // the batch stopped at a young leaf or the end of the log
            }
        }
    }

    /**
     * Expires the due events of every firm that has a log. One firm's failure (say, a log that was
     * tampered with) is logged and does not stop the others.
     */
    public List<Expiry> expireEveryFirm(ExpiredBy by) {
        var firms = transactions.execute(status -> logs.firmsWithLog());
        var expiries = new ArrayList<Expiry>();
        for (UUID firm : firms == null ? List.<UUID>of() : firms) {
            try {
                expiries.addAll(TenantContext.callAs(new TenantId(firm), null, () -> expireDue(by)));
            } catch (RuntimeException e) {
                log.warn("Audit retention could not expire the events of firm {}", firm, e);
            }
        }
        if (!expiries.isEmpty()) {
            log.info(
                    "Audit retention expired {} events in {} ranges",
                    expiries.stream().mapToLong(Expiry::leaves).sum(),
                    expiries.size());
        }
        return expiries;
    }

    private @Nullable Expiry expireBatch(TenantId firm, ExpiredBy by) {
        // The event that reports this expiry gets its id first: the database records the range
        // with it, so a verifier can find the event for every range.
        var eventId = UUID.randomUUID();
        var expiry = rows.expire(firm, eventId, by, batchSize);
        if (expiry.isEmpty()) {
            return null;
        }
        var range = expiry.get();
        ledger.append(
                eventId,
                AuditRecord.bySystem(
                        AuditAction.AUDIT_EVENTS_EXPIRED,
                        clock.instant(),
                        Map.of(
                                "first_leaf", String.valueOf(range.firstLeaf()),
                                "last_leaf", String.valueOf(range.lastLeaf()),
                                "leaves", String.valueOf(range.leaves()),
                                "cutoff", range.cutoff().toString(),
                                "retention_years", String.valueOf(range.retentionYears()),
                                "by", by.key())));
        return range;
    }

    /** Stores the new retention and returns the one it replaces. */
    private int store(int years, @Nullable UUID changedBy) {
        if (years < MIN_YEARS || years > MAX_YEARS) {
            throw new IllegalArgumentException("The audit log's retention is between " + MIN_YEARS + " and " + MAX_YEARS
                    + " years; " + years + " is not.");
        }
        // Locked, so that two changes at once each record the value they replaced.
        int previous = rows.lockedYears(tenant()).orElse(DEFAULT_YEARS);
        rows.store(tenant(), years, clock.instant(), changedBy);
        return previous;
    }

    private Optional<Integer> chosenYears() {
        return rows.chosenYears(tenant());
    }

    private static Map<String, String> changed(int previous, int years) {
        return Map.of("from_years", String.valueOf(previous), "to_years", String.valueOf(years));
    }

    private static @Nullable UUID signedInUser() {
        return TenantContext.current().map(TenantContext.Binding::actingUser).orElse(null);
    }

    private static TenantId tenant() {
        return TenantContext.requireTenant();
    }
}
