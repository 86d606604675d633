package io.lexvault.matters.conflicts;

import io.lexvault.access.Callers;
import io.lexvault.access.MatterAccess;
import io.lexvault.access.Permission;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.text.HumanText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conflict checks: every client and every party of the firm, across teams and ethical walls, compared
 * with the names searched (diacritics, case, punctuation and legal forms folded; trigram similarity).
 * A conflict must be found wherever it is, so the search sees what the checker may not; it answers
 * only matter numbers, roles and scores ({@link ConflictHit}), and for a matter a wall screens the
 * checker from only that something matched and whom to ask ({@link RestrictedHit}, the conflicts
 * officers: holders of {@code conflicts.check.all}). Saved reports are answered the same way for each
 * reader. Each check is audited with how many names were searched and how many hits came back, never
 * the names: they say whom the firm is about to act for or against.
 */
@Service
public class ConflictChecks {

    public static final double DEFAULT_THRESHOLD = 0.3;
    public static final double MIN_THRESHOLD = 0.2;
    public static final int MAX_NAMES = 20;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    private final ConflictRepository repository;
    private final Matters matters;
    private final Callers callers;
    private final RequestAudit audit;
    private final TransactionTemplate transactions;
    private final ConflictCheckThrottle throttle;
    private final MatterAccess access;

    ConflictChecks(
            ConflictRepository repository,
            Matters matters,
            Callers callers,
            RequestAudit audit,
            TransactionTemplate transactions,
            ConflictCheckThrottle throttle,
            MatterAccess access) {
        this.throttle = throttle;
        this.access = access;
        this.repository = repository;
        this.matters = matters;
        this.callers = callers;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Searches the firm's clients and parties for the names (1 to 20, each 1 to 200 characters), hits
     * at least {@code threshold} alike (0.2 to 1, default 0.3), best first, at most {@code limit} (1
     * to 500, default 100). Audited.
     *
     * @throws ConflictCheckRefusedException when the acting user does not hold {@code conflicts.check}
     * @throws ConflictChecksThrottledException when the user has used up the hour's checks (audited)
     */
    public ConflictCheck check(List<String> names, @Nullable Double threshold, @Nullable Integer limit) {
        var checkedNames = checkedNames(names);
        double checkedThreshold = checkedThreshold(threshold);
        int checkedLimit = checkedLimit(limit);
        requirePermission();
        throttle();
        return Objects.requireNonNull(transactions.execute(status -> {
            var check = run(checkedNames, checkedThreshold, checkedLimit);
            audit.succeededInTransaction(
                    callers.actor(),
                    AuditAction.CONFLICT_CHECKED,
                    null,
                    null,
                    null,
                    null,
                    counts(check.names(), check.hits(), check.restricted()));
            return check;
        }));
    }

    /**
     * Runs the check again on the server (a client's copy of results is never trusted) and saves it on
     * a matter the caller may see, where those who may see the matter find it. Audited as a check and
     * as a saved report.
     *
     * @throws io.lexvault.access.MatterNotVisibleException (404) for a matter the caller may not see
     * @throws ConflictChecksThrottledException when the user has used up the hour's checks (audited)
     */
    public ConflictReport saveReport(MatterId matter, List<String> names, @Nullable Double threshold) {
        var checkedNames = checkedNames(names);
        double checkedThreshold = checkedThreshold(threshold);
        requirePermission();
        // Saving runs a check of names of the caller's choosing too, so it counts like one.
        throttle();
        // Outside any transaction: a refused look is recorded in one of its own (Matters.requested).
        var visible = matters.requested(matter);
        return Objects.requireNonNull(transactions.execute(status -> {
            var id = UUID.randomUUID();
            var tenant = TenantContext.requireTenant();
            // The database runs the search and keeps what it found (the runtime role cannot write hits).
            repository.saveReport(id, visible.id(), checkedNames, checkedThreshold);
            var report = repository.reports(tenant, visible.id()).stream()
                    .filter(r -> r.id().equals(id))
                    .findFirst()
                    .map(this::asReader)
                    .orElseThrow();
            var counts = counts(report.names(), report.hits(), report.restricted());
            var actor = callers.actor();
            audit.succeededInTransaction(
                    actor,
                    AuditAction.CONFLICT_CHECKED,
                    null,
                    null,
                    visible.id().value(),
                    visible.client().value(),
                    counts);
            audit.succeededInTransaction(
                    actor,
                    AuditAction.CONFLICT_REPORT_SAVED,
                    "conflict_report",
                    id,
                    visible.id().value(),
                    visible.client().value(),
                    counts);
            return report;
        }));
    }

    /**
     * The reports saved on a matter the caller may see, newest first, each as the CALLER may know its
     * hits (their own screening and teams now, not whoever saved it), like a check of their own.
     */
    public List<ConflictReport> reports(MatterId matter) {
        var visible = matters.requested(matter);
        return Objects.requireNonNull(
                transactions.execute(status -> repository.reports(TenantContext.requireTenant(), visible.id()).stream()
                        .map(this::asReader)
                        .toList()));
    }

    private ConflictReport asReader(ConflictRepository.ReportRow row) {
        var shown = shown(row.names(), repository.reportHits(row.id()));
        return new ConflictReport(
                row.id(),
                row.matter(),
                row.names(),
                row.threshold(),
                shown.hits(),
                shown.restricted(),
                shown.conflictsOfficers(),
                row.checkedBy(),
                row.checkedAt());
    }

    private ConflictCheck run(List<String> names, double threshold, int limit) {
        var shown = shown(names, repository.hits(names, threshold, limit));
        return new ConflictCheck(names, threshold, shown.hits(), shown.restricted(), shown.conflictsOfficers());
    }

    private record Shown(
            List<ConflictHit> hits, List<RestrictedHit> restricted, List<ConflictsOfficer> conflictsOfficers) {}

    /**
     * The database's rows as hits and restricted hits; with a restricted hit, the firm's conflicts
     * officers to ask (the same list whatever was found, so it tells nothing of the walled matter).
     */
    private Shown shown(List<String> names, List<ConflictRepository.Hit> rows) {
        var hits = new ArrayList<ConflictHit>();
        var restricted = new ArrayList<RestrictedHit>();
        for (var hit : rows) {
            String searched = names.get(hit.term() - 1);
            if (hit.restricted()) {
                restricted.add(new RestrictedHit(hit.term(), searched));
                continue;
            }
            double score = Math.round(hit.score() * 1000) / 1000.0;
            hits.add(new ConflictHit(
                    hit.term(),
                    searched,
                    Objects.requireNonNull(hit.kind()),
                    hit.matterNumber(),
                    Objects.requireNonNull(hit.role()),
                    score,
                    hit.exact(),
                    ConflictHit.strengthOf(score)));
        }
        List<ConflictsOfficer> officers = restricted.isEmpty()
                ? List.of()
                : access.holdersOf(Permission.CONFLICTS_CHECK_ALL).stream()
                        .map(a -> new ConflictsOfficer(a.displayName(), a.email()))
                        .toList();
        return new Shown(hits, restricted, officers);
    }

    /** Counts the check against the user's hourly limit; a refusal is audited (outcome denied). */
    private void throttle() {
        var user = callers.actingUser().orElseThrow(ConflictCheckRefusedException::new);
        try {
            throttle.take(TenantContext.requireTenant(), user.value());
        } catch (ConflictChecksThrottledException e) {
            audit.denied(AuditAction.CONFLICT_CHECKED, Map.of("reason", "rate_limited"));
            throw e;
        }
    }

    private void requirePermission() {
        if (!callers.holds(Permission.CONFLICTS_CHECK)) {
            throw new ConflictCheckRefusedException();
        }
    }

    /** How many names, hits and restricted hits: never the names, nor anything of a hit. */
    private static Map<String, String> counts(
            List<String> names, List<ConflictHit> hits, List<RestrictedHit> restricted) {
        return Map.of(
                "names", String.valueOf(names.size()),
                "hits", String.valueOf(hits.size()),
                "restricted", String.valueOf(restricted.size()));
    }

    private static List<String> checkedNames(@Nullable List<String> names) {
        if (names == null || names.isEmpty() || names.size() > MAX_NAMES) {
            throw new IllegalArgumentException("Search for 1 to " + MAX_NAMES + " names.");
        }
        var checked = new ArrayList<String>();
        for (var name : names) {
            checked.add(HumanText.line("Each name", name, 200));
        }
        return List.copyOf(checked);
    }

    private static double checkedThreshold(@Nullable Double threshold) {
        if (threshold == null) {
            return DEFAULT_THRESHOLD;
        }
        if (threshold.isNaN() || threshold < MIN_THRESHOLD || threshold > 1) {
            throw new IllegalArgumentException("The threshold is between " + MIN_THRESHOLD + " and 1.");
        }
        // Two decimals are all it needs, and what the report shows again.
        return Math.round(threshold * 100) / 100.0;
    }

    private static int checkedLimit(@Nullable Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("The limit is between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }
}
