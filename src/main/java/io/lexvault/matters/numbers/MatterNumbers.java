package io.lexvault.matters.numbers;

import io.lexvault.access.Callers;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantSettings;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bound firm's matter number format (tenant settings {@value #FORMAT_SETTING} and
 * {@value #ENFORCED_SETTING}) and its counters: the next number is suggested for forms and allocated
 * when a matter is opened without one.
 */
@Service
public class MatterNumbers {

    public static final String FORMAT_SETTING = "matters.number_format";
    public static final String ENFORCED_SETTING = "matters.number_format_enforced";

    /** The firm's choice: the format, and whether numbers typed by hand must fit it. */
    public record Settings(MatterNumberFormat format, boolean enforced) {}

    private final TenantSettings settings;
    private final MatterNumberCounters counters;
    private final Callers callers;
    private final RequestAudit audit;
    private final Clock clock;

    MatterNumbers(
            TenantSettings settings, MatterNumberCounters counters, Callers callers, RequestAudit audit, Clock clock) {
        this.settings = settings;
        this.counters = counters;
        this.callers = callers;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Settings settings() {
        // A stored format that no longer parses (changed by hand in the database) falls back to the default.
        MatterNumberFormat format;
        try {
            format = settings.get(FORMAT_SETTING).map(MatterNumberFormat::new).orElse(MatterNumberFormat.DEFAULT);
        } catch (MatterRefusedException e) {
            format = MatterNumberFormat.DEFAULT;
        }
        boolean enforced = settings.get(ENFORCED_SETTING).map("true"::equals).orElse(false);
        return new Settings(format, enforced);
    }

    /** Changes the firm's format (audited as {@code firm.settings_changed}, naming the setting only). */
    @Transactional
    public Settings change(String pattern, boolean enforced) {
        var format = MatterNumberFormat.parse(pattern);
        settings.put(FORMAT_SETTING, format.pattern());
        settings.put(ENFORCED_SETTING, String.valueOf(enforced));
        audit.succeededInTransaction(
                callers.actor(),
                AuditAction.FIRM_SETTINGS_CHANGED,
                "firm",
                TenantContext.requireTenant().value(),
                null,
                null,
                Map.of("setting", FORMAT_SETTING, "enforced", String.valueOf(enforced)));
        return new Settings(format, enforced);
    }

    /** The number the next matter opened today would probably get (a suggestion: nothing is reserved). */
    @Transactional(readOnly = true)
    public String suggestion() {
        var format = settings().format();
        int year = LocalDate.now(clock).getYear();
        int last =
                counters.last(TenantContext.requireTenant(), format.scope(year)).orElse(0);
        // Numbers already in use count too, walled ones included (matter numbers are not secret: see
        // docs/security.md, wall 3).
        return format.render(year, Math.max(last, counters.highestInUse(format.shape(year))) + 1);
    }

    /** Allocates the next number for a matter opened on the given day; inside the opening transaction. */
    public String allocate(MatterNumberFormat format, LocalDate openedOn) {
        int year = openedOn.getYear();
        // Above the numbers of this shape already in use, so that allocation never starts among them.
        int inUse = counters.highestInUse(format.shape(year));
        String number = format.render(year, counters.next(TenantContext.requireTenant(), format.scope(year), inUse));
        if (number.length() > 40) {
            throw MatterRefusedException.conflict(
                    "The firm's matter number format has run out of numbers; widen its {SEQ:n}.");
        }
        return number;
    }

    /**
     * Checks a number typed by hand against an enforced format, and moves the counter past it when it
     * fits the format, so that automatic numbers do not run into it later.
     */
    public void typed(Settings firm, String number) {
        if (firm.enforced() && !firm.format().matches(number)) {
            throw MatterRefusedException.invalid(
                    "number must fit the firm's format " + firm.format().pattern() + ", e.g. "
                            + firm.format().render(LocalDate.now(clock).getYear(), 1) + ".");
        }
        int[] year = {LocalDate.now(clock).getYear()};
        firm.format()
                .sequenceOf(number, year)
                .ifPresent(sequence -> counters.atLeast(
                        TenantContext.requireTenant(), firm.format().scope(year[0]), sequence));
    }
}
