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
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** One event as the page shows it. */
    public record Row(
            String time,
            LocalDate day,
            String actor,
            @Nullable UUID actorId,
            String action,
            String outcome,
            String target,
            @Nullable UUID targetId,
            @Nullable UUID matterId,
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

    AuditPage(AuditTrail trail, AuditLog log, AuditReaders readers, Accounts accounts, Tenants tenants) {
        this.trail = trail;
        this.log = log;
        this.readers = readers;
        this.accounts = accounts;
        this.tenants = tenants;
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
            problem(model, response, "A timeline is of one matter or one object: give its id.");
            filter = null;
        }
        if (filter != null) {
            readers.viewed("timeline", filter);
            var names = readers.names();
            var events = trail.page(filter, AuditTrail.Order.OLDEST_FIRST, 0, TIMELINE_SIZE + 1);
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
        model.addAttribute(
                "actions",
                Arrays.stream(AuditAction.values())
                        .map(AuditAction::key)
                        .sorted()
                        .toList());
        model.addAttribute(
                "outcomes",
                Arrays.stream(AuditOutcome.values()).map(AuditOutcome::key).toList());
        model.addAttribute("query", query);
        model.addAttribute("latest", log.latestCheckpoint().orElse(null));
        model.addAttribute("mayExport", CallerPermissions.holds("audit.export"));
        model.addAttribute("timeline", false);
    }

    private AuditTrail.@Nullable Filter filterOrProblem(
            Map<String, String> query, Model model, HttpServletResponse response) {
        try {
            return AuditFilters.of(query);
        } catch (IllegalArgumentException e) {
            problem(model, response, e.getMessage());
            return null;
        }
    }

    private static void problem(Model model, HttpServletResponse response, String message) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", message);
    }

    private static Row row(AuditTrail.Event event, AuditNames names) {
        return new Row(
                SHOWN.format(event.occurredAt()) + " UTC",
                LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC),
                names.actor(event.actorType(), event.actorId()),
                event.actorId(),
                event.action(),
                event.outcome(),
                names.target(event.targetType(), event.targetId()),
                event.targetId(),
                event.matterId(),
                event.sourceIp(),
                event.requestId(),
                event.leafIndex(),
                event.details().entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining(", ")));
    }
}
