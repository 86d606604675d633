package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditLog;
import io.lexvault.audit.AuditOutcome;
import io.lexvault.audit.AuditTrail;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import io.lexvault.web.Times;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The firm's audit log for people: every event with names looked up now, filters, and timelines of
 * one matter or object. Reading the log is itself recorded in it. The page's exports are served by
 * {@link AuditExportDownload}, its signed checkpoint and proofs by {@link AuditCheckpointDownloads}.
 */
@Controller
class AuditPage {

    static final int PAGE_SIZE = 50;
    static final int TIMELINE_SIZE = 500;

    /** One event as the page shows it. */
    public record Row(
            String time,
            LocalDate day,
            String actor,
            @Nullable UUID actorId,
            String action,
            String outcome,
            String outcomeKey,
            String target,
            @Nullable UUID targetId,
            @Nullable UUID matterId,
            String matter,
            @Nullable String sourceIp,
            @Nullable String requestId,
            @Nullable Long leafIndex,
            String details) {}

    public record Day(LocalDate day, List<Row> rows) {}

    private final AuditTrail trail;
    private final AuditLog log;
    private final AuditReaders readers;
    private final Accounts accounts;
    private final Tenants tenants;
    private final Times times;

    AuditPage(AuditTrail trail, AuditLog log, AuditReaders readers, Accounts accounts, Tenants tenants, Times times) {
        this.trail = trail;
        this.log = log;
        this.readers = readers;
        this.accounts = accounts;
        this.tenants = tenants;
        this.times = times;
    }

    @GetMapping("/admin/audit")
    @RequiresPermission("audit.read")
    String list(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam Map<String, String> query,
            @RequestParam(defaultValue = "0") int page,
            Model model,
            HttpServletResponse response) {
        page = Math.max(0, page);
        prepare(user, query, model);
        var filter = filterOrProblem(query, model, response);
        if (filter != null) {
            readers.viewed("page", filter);
            var names = readers.names();
            var events = trail.page(filter, AuditTrail.Order.NEWEST_FIRST, page * PAGE_SIZE, PAGE_SIZE + 1);
            prefetch(names, events);
            model.addAttribute(
                    "rows",
                    events.stream()
                            .limit(PAGE_SIZE)
                            .map(event -> row(event, names))
                            .toList());
            model.addAttribute("page", page);
            model.addAttribute("hasNext", events.size() > PAGE_SIZE);
            model.addAttribute("filterQuery", AuditFilters.query(filter));
        }
        return "audit/audit-log";
    }

    /** Everything that happened to one matter or one object, oldest first, by day. */
    @GetMapping("/admin/audit/timeline")
    @RequiresPermission("audit.read")
    String timeline(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam Map<String, String> query,
            Model model,
            HttpServletResponse response) {
        prepare(user, query, model);
        model.addAttribute("timeline", true);
        var filter = filterOrProblem(query, model, response);
        if (filter != null && filter.matter() == null && filter.target() == null) {
            problem(model, response, "A timeline is of one matter or one object: give the matter's number.");
            filter = null;
        }
        if (filter != null) {
            readers.viewed("timeline", filter);
            var names = readers.names();
            var events = trail.page(filter, AuditTrail.Order.OLDEST_FIRST, 0, TIMELINE_SIZE + 1);
            prefetch(names, events);
            var byDay = new LinkedHashMap<LocalDate, List<Row>>();
            events.stream()
                    .limit(TIMELINE_SIZE)
                    .map(event -> row(event, names))
                    .forEach(row -> byDay.computeIfAbsent(row.day(), day -> new ArrayList<>())
                            .add(row));
            model.addAttribute(
                    "days",
                    byDay.entrySet().stream()
                            .map(entry -> new Day(entry.getKey(), entry.getValue()))
                            .toList());
            model.addAttribute("truncated", events.size() > TIMELINE_SIZE);
            model.addAttribute("timelineSize", TIMELINE_SIZE);
            model.addAttribute("filterQuery", AuditFilters.query(filter));
        }
        return "audit/audit-log";
    }

    private void prepare(SignedInUser user, Map<String, String> query, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
        model.addAttribute("people", accounts.all());
        // Choices in words, in the order of their words; the values sent stay the keys.
        var labels = readers.labels();
        var actions = new LinkedHashMap<String, String>();
        Arrays.stream(AuditAction.values())
                .map(AuditAction::key)
                .sorted(Comparator.comparing((String key) -> labels.of("audit.action", key)))
                .forEach(key -> actions.put(key, labels.of("audit.action", key)));
        model.addAttribute("actions", actions);
        var outcomes = new LinkedHashMap<String, String>();
        Arrays.stream(AuditOutcome.values())
                .forEach(outcome -> outcomes.put(outcome.key(), labels.of("audit.outcome", outcome.key())));
        model.addAttribute("outcomes", outcomes);
        // The matter filter shows the number the reader typed or the one the id in the address names.
        String matter = query.get("matter");
        if (matter != null && !matter.isBlank()) {
            try {
                var id = UUID.fromString(matter.strip());
                var names = readers.names();
                names.prefetch(List.of(id));
                model.addAttribute("matterShown", names.matter(id));
            } catch (IllegalArgumentException notAnId) {
                model.addAttribute("matterShown", matter.strip());
            }
        } else {
            model.addAttribute("matterShown", "");
        }
        model.addAttribute("query", query);
        model.addAttribute("latest", log.latestCheckpoint().orElse(null));
        model.addAttribute("mayExport", CallerPermissions.holds("audit.export"));
        model.addAttribute("timeline", false);
    }

    private AuditTrail.@Nullable Filter filterOrProblem(
            Map<String, String> query, Model model, HttpServletResponse response) {
        try {
            return AuditFilters.of(query, readers::matterNumbered);
        } catch (IllegalArgumentException e) {
            problem(model, response, e.getMessage());
            return null;
        }
    }

    private static void problem(Model model, HttpServletResponse response, String message) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", message);
    }

    private static void prefetch(AuditNames names, List<AuditTrail.Event> events) {
        var ids = new ArrayList<@Nullable UUID>();
        events.forEach(event -> {
            ids.add(event.targetId());
            ids.add(event.matterId());
            ids.addAll(AuditNames.idsIn(event.details()));
        });
        names.prefetch(ids);
    }

    private Row row(AuditTrail.Event event, AuditNames names) {
        return new Row(
                times.precise(event.occurredAt()),
                times.dayOf(event.occurredAt()),
                names.actor(event.actorType(), event.actorId()),
                event.actorId(),
                names.action(event.action()),
                names.outcome(event.outcome()),
                event.outcome(),
                names.target(event.targetType(), event.targetId()),
                event.targetId(),
                event.matterId(),
                names.matter(event.matterId()),
                event.sourceIp(),
                event.requestId(),
                event.leafIndex(),
                names.details(event.details()));
    }
}
