package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditCheckpoints;
import io.lexvault.audit.AuditLog;
import io.lexvault.audit.AuditOutcome;
import io.lexvault.audit.AuditTrail;
import io.lexvault.audit.CheckpointExport;
import io.lexvault.audit.RequestAudit;
import io.lexvault.audit.internal.AuditScopes;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.ApiKeys;
import io.lexvault.identity.SignedInUser;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The firm's audit log for people: every event with names looked up now, filters, timelines of
 * one matter or object, exports, and the signed checkpoint and proofs to take away. Reading the log
 * is itself recorded in it.
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
    private final AuditCheckpoints checkpoints;
    private final CheckpointExport export;
    private final RequestAudit audit;
    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final Tenants tenants;
    private final JsonMapper json;
    private final AuditScopes scopes;

    AuditPage(
            AuditTrail trail,
            AuditLog log,
            AuditCheckpoints checkpoints,
            CheckpointExport export,
            RequestAudit audit,
            Accounts accounts,
            ApiKeys apiKeys,
            Tenants tenants,
            JsonMapper json,
            AuditScopes scopes) {
        this.trail = trail;
        this.log = log;
        this.checkpoints = checkpoints;
        this.export = export;
        this.audit = audit;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.tenants = tenants;
        this.json = json;
        this.scopes = scopes;
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
            viewed("page", filter);
            var names = names();
            var events = trail.page(filter, AuditTrail.Order.NEWEST_FIRST, page * PAGE_SIZE, PAGE_SIZE + 1);
            model.addAttribute(
                    "rows",
                    events.stream()
                            .limit(PAGE_SIZE)
                            .map(event -> row(event, names))
                            .toList());
            model.addAttribute("page", page);
            model.addAttribute("hasNext", events.size() > PAGE_SIZE);
            model.addAttribute("filterQuery", filterQuery(filter));
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
            viewed("timeline", filter);
            var names = names();
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
            model.addAttribute("filterQuery", filterQuery(filter));
        }
        return "audit/audit-log";
    }

    /**
     * The matching events as CSV or JSON, streamed. The export is recorded (with its filter) before
     * the first byte leaves: an export that cannot be audited does not happen.
     */
    @GetMapping("/admin/audit/export")
    @RequiresPermission("audit.export")
    void export(
            @RequestParam Map<String, String> query,
            @RequestParam(defaultValue = "csv") String format,
            HttpServletResponse response)
            throws IOException {
        AuditTrail.Filter filter;
        try {
            filter = filterOf(query);
        } catch (IllegalArgumentException e) {
            response.sendError(HttpStatus.BAD_REQUEST.value(), e.getMessage());
            return;
        }
        var export = switch (format) {
            case "csv" -> AuditExport.Format.CSV;
            case "json" -> AuditExport.Format.JSON;
            default -> null;
        };
        if (export == null) {
            response.sendError(HttpStatus.BAD_REQUEST.value(), "The format is csv or json.");
            return;
        }
        var details = new HashMap<>(filter.asDetails());
        details.put("format", format);
        var scope = scopeOf(filter);
        audit.succeeded(AuditAction.AUDIT_EXPORTED, null, null, scope.matter(), scope.client(), details);
        var names = names();
        response.setContentType(export.mediaType());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("audit-log-" + tenants.current().slug() + "." + format)
                        .build()
                        .toString());
        try (var writer = new AuditExport(export, response.getOutputStream(), json)) {
            trail.forEach(
                    filter,
                    AuditTrail.Order.OLDEST_FIRST,
                    event -> writer.write(
                            event,
                            names.actor(event.actorType(), event.actorId()),
                            names.target(event.targetType(), event.targetId())));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
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
        bundle.put("inclusionProof", path.stream().map(AuditPage::base64).toList());
        bundle.put("checkpoint", latest.note());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment("audit-proof-" + index + ".json"))
                .contentType(MediaType.APPLICATION_JSON)
                .body(bundle);
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
            return filterOf(query);
        } catch (IllegalArgumentException e) {
            problem(model, response, e.getMessage());
            return null;
        }
    }

    private static void problem(Model model, HttpServletResponse response, String message) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("problem", message);
    }

    /** The filter the form sent; a value that is not what its field takes is refused with why. */
    static AuditTrail.Filter filterOf(Map<String, String> query) {
        return new AuditTrail.Filter(
                uuid(query, "actor", "person"),
                choice(query, "action", AuditAction.values(), AuditAction::key, "action"),
                choice(query, "outcome", AuditOutcome.values(), AuditOutcome::key, "outcome"),
                uuid(query, "matter", "matter id"),
                uuid(query, "target", "object id"),
                day(query, "from"),
                day(query, "to"));
    }

    private static @Nullable String value(Map<String, String> query, String name) {
        String value = query.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable UUID uuid(Map<String, String> query, String name, String what) {
        String value = value(query, name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The " + what + " is not an id LexVault uses.");
        }
    }

    private static <T> @Nullable T choice(
            Map<String, String> query,
            String name,
            T[] values,
            java.util.function.Function<T, String> key,
            String what) {
        String value = value(query, name);
        if (value == null) {
            return null;
        }
        return Arrays.stream(values)
                .filter(candidate -> key.apply(candidate).equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no such " + what + "."));
    }

    private static @Nullable LocalDate day(Map<String, String> query, String name) {
        String value = value(query, name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Dates are written as year-month-day, such as 2026-11-26.");
        }
    }

    /** The filter as a query string, for the export links and the next page. */
    private static String filterQuery(AuditTrail.Filter filter) {
        var builder = UriComponentsBuilder.newInstance();
        filter.asDetails().forEach(builder::queryParam);
        String query = builder.build().encode().getQuery();
        return query == null ? "" : query;
    }

    private AuditNames names() {
        return new AuditNames(accounts.all(), apiKeys.all());
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

    private void viewed(String what, AuditTrail.Filter filter) {
        var details = new HashMap<>(filter.asDetails());
        details.put("view", what);
        var scope = scopeOf(filter);
        audit.succeeded(AuditAction.AUDIT_VIEWED, null, null, scope.matter(), scope.client(), details);
    }

    /**
     * A look at the log filtered to one matter or object is about that matter (or client): recorded
     * with it, so the people a wall around it screens do not learn that someone looked it up.
     */
    private AuditScopes.Scope scopeOf(AuditTrail.Filter filter) {
        var scope = scopes.of(filter.matter());
        return scope.equals(AuditScopes.Scope.NONE) ? scopes.of(filter.target()) : scope;
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
