package io.lexvault.audit.web;

import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditTrail;
import io.lexvault.audit.RequestAudit;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/** The firm's audit log downloaded, filtered as on the page, as CSV or JSON. */
@Controller
class AuditExportDownload {

    private final AuditTrail trail;
    private final AuditReaders readers;
    private final RequestAudit audit;
    private final Tenants tenants;
    private final JsonMapper json;

    AuditExportDownload(AuditTrail trail, AuditReaders readers, RequestAudit audit, Tenants tenants, JsonMapper json) {
        this.trail = trail;
        this.readers = readers;
        this.audit = audit;
        this.tenants = tenants;
        this.json = json;
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
            filter = AuditFilters.of(query, readers::matterNumbered);
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
        var scope = readers.scopeOf(filter);
        audit.succeeded(AuditAction.AUDIT_EXPORTED, null, null, scope.matter(), scope.client(), details);
        var names = readers.names();
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
                            names.target(event.targetType(), event.targetId()),
                            names));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
