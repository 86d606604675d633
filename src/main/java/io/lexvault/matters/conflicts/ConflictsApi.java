package io.lexvault.matters.conflicts;

import io.lexvault.matters.MatterId;
import io.lexvault.web.InvalidRequest;
import io.lexvault.web.RequiresPermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Conflict checks ({@code conflicts.check}): a check across the whole firm, walls included, answering
 * matter numbers, roles and scores only; and checks saved as reports on a matter the caller may see
 * (404 for any other, like the matter itself). Reading reports needs {@code conflicts.check} too: they
 * name the numbers of matters the reader may be walled from.
 */
@RestController
class ConflictsApi {

    /** Either {@code name} or {@code names}, or both. */
    record CheckRequest(
            @Nullable String name,
            @Nullable List<String> names,
            @Nullable Double threshold,
            @Nullable Integer limit) {}

    record ReportView(
            UUID id,
            UUID matterId,
            List<String> names,
            double threshold,
            List<ConflictHit> hits,
            List<RestrictedHit> restricted,
            List<ConflictsOfficer> conflictsOfficers,
            @Nullable UUID checkedBy,
            Instant checkedAt) {
        static ReportView of(ConflictReport r) {
            return new ReportView(
                    r.id(),
                    r.matter().value(),
                    r.names(),
                    r.threshold(),
                    r.hits(),
                    r.restricted(),
                    r.conflictsOfficers(),
                    r.checkedBy(),
                    r.checkedAt());
        }
    }

    private final ConflictChecks conflicts;

    ConflictsApi(ConflictChecks conflicts) {
        this.conflicts = conflicts;
    }

    @PostMapping("/api/v1/conflicts")
    @RequiresPermission("conflicts.check")
    ConflictCheck check(@RequestBody CheckRequest request) {
        checkRanges(request);
        return conflicts.check(names(request), request.threshold(), request.limit());
    }

    @PostMapping("/api/v1/matters/{id}/conflict-reports")
    @RequiresPermission("conflicts.check")
    @ResponseStatus(HttpStatus.CREATED)
    ReportView save(@PathVariable UUID id, @RequestBody CheckRequest request) {
        checkRanges(request);
        return ReportView.of(conflicts.saveReport(new MatterId(id), names(request), request.threshold()));
    }

    @GetMapping("/api/v1/matters/{id}/conflict-reports")
    @RequiresPermission("conflicts.check")
    List<ReportView> reports(@PathVariable UUID id) {
        return conflicts.reports(new MatterId(id)).stream().map(ReportView::of).toList();
    }

    /** The documented ranges, answered with the field's name (the service checks them again). */
    private static void checkRanges(CheckRequest request) {
        var threshold = request.threshold();
        if (threshold != null && !(threshold >= ConflictChecks.MIN_THRESHOLD && threshold <= 1)) {
            throw InvalidRequest.field("threshold", "a number from " + ConflictChecks.MIN_THRESHOLD + " to 1");
        }
        var limit = request.limit();
        if (limit != null && (limit < 1 || limit > ConflictChecks.MAX_LIMIT)) {
            throw InvalidRequest.field("limit", "a whole number from 1 to " + ConflictChecks.MAX_LIMIT);
        }
    }

    private static List<String> names(CheckRequest request) {
        var names = new ArrayList<String>();
        if (request.name() != null) {
            names.add(request.name());
        }
        if (request.names() != null) {
            names.addAll(request.names());
        }
        return names;
    }
}
