package io.lexvault.audit.web;

import io.lexvault.audit.AuditTrail;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit events one at a time as CSV (for spreadsheets) or a JSON array (for tools), so an
 * export of millions of events needs no more memory than one. Names are those at export time; ids
 * are always there too.
 */
final class AuditExport implements AutoCloseable {

    enum Format {
        CSV("text/csv"),
        JSON("application/json");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        String mediaType() {
            return mediaType;
        }
    }

    static final String[] COLUMNS = {
        "leaf_index", "event_id", "occurred_at", "actor_type", "actor_id", "actor_name", "action", "outcome",
        "target_type", "target_id", "target_name", "matter_id", "source_ip", "user_agent", "request_id", "details",
        // The same words as the page, from the one catalogue of labels (added last: tools reading by
        // position keep working).
        "action_label", "outcome_label", "matter_number"
    };

    private final Format format;
    private final Writer out;
    private final JsonMapper json;
    private final @Nullable CSVPrinter csv;
    private boolean first = true;

    AuditExport(Format format, OutputStream stream, JsonMapper json) throws IOException {
        this.format = format;
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        this.json = json;
        if (format == Format.CSV) {
            csv = new CSVPrinter(
                    out, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get());
        } else {
            csv = null;
            out.write('[');
        }
    }

    void write(AuditTrail.Event event, String actorName, String targetName, AuditNames names) {
        try {
            if (format == Format.CSV) {
                writeCsv(event, actorName, targetName, names);
            } else {
                writeJson(event, actorName, targetName, names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeCsv(AuditTrail.Event event, String actorName, String targetName, AuditNames names)
            throws IOException {
        Objects.requireNonNull(csv)
                .printRecord(
                        event.leafIndex(),
                        event.id(),
                        event.occurredAt(),
                        event.actorType(),
                        event.actorId(),
                        spreadsheetSafe(actorName),
                        event.action(),
                        event.outcome(),
                        event.targetType(),
                        event.targetId(),
                        spreadsheetSafe(targetName),
                        event.matterId(),
                        spreadsheetSafe(event.sourceIp()),
                        spreadsheetSafe(event.userAgent()),
                        event.requestId(),
                        spreadsheetSafe(json.writeValueAsString(event.details())),
                        names.action(event.action()),
                        names.outcome(event.outcome()),
                        event.matterId() == null ? null : spreadsheetSafe(names.matter(event.matterId())));
    }

    private void writeJson(AuditTrail.Event event, String actorName, String targetName, AuditNames names)
            throws IOException {
        var object = new LinkedHashMap<String, Object>();
        object.put("leafIndex", event.leafIndex());
        object.put("eventId", event.id());
        object.put("occurredAt", event.occurredAt().toString());
        object.put("actorType", event.actorType());
        object.put("actorId", event.actorId());
        object.put("actorName", actorName);
        object.put("action", event.action());
        object.put("outcome", event.outcome());
        object.put("targetType", event.targetType());
        object.put("targetId", event.targetId());
        object.put("targetName", targetName);
        object.put("matterId", event.matterId());
        object.put("sourceIp", event.sourceIp());
        object.put("userAgent", event.userAgent());
        object.put("requestId", event.requestId());
        object.put("details", event.details());
        object.put("actionLabel", names.action(event.action()));
        object.put("outcomeLabel", names.outcome(event.outcome()));
        object.put("matterNumber", event.matterId() == null ? null : names.matter(event.matterId()));
        if (!first) {
            out.write(',');
        }
        first = false;
        out.write('\n');
        out.write(json.writeValueAsString(object));
    }

    /**
     * Text that people or visitors chose (names, user agents) starting with a formula character is
     * prefixed with an apostrophe: opened in a spreadsheet, an export must not run what a visitor
     * put in their user agent (CSV injection).
     */
    static @Nullable String spreadsheetSafe(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    @Override
    public void close() throws IOException {
        if (format == Format.CSV) {
            Objects.requireNonNull(csv).close(true);
        } else {
            out.write("\n]\n");
            out.close();
        }
    }
}
