package io.lexvault.identity.internal;

import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.web.CallerTimeZone;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Each person's time zone for reading times: chosen on the account page, or first taken from the
 * browser they sign in with. Pages ask for it once per request (remembered on the request).
 */
@Component
public class AccountTimeZones implements CallerTimeZone {

    private static final String REQUEST_ATTRIBUTE = AccountTimeZones.class.getName();

    /** Region zones only (Europe/Berlin), the names browsers report and people recognise. */
    private static final Pattern REGION = Pattern.compile(
            "^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z0-9_+\\-/]+$");

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final TimeZoneRepository rows;
    private final TransactionTemplate reads;
    private final TransactionTemplate writes;

    AccountTimeZones(TimeZoneRepository rows, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.writes = new TransactionTemplate(transactions);
    }

    /** The zones a person may choose, by name. */
    public static List<String> choices() {
        return ZoneId.getAvailableZoneIds().stream()
                .filter(zone -> REGION.matcher(zone).matches())
                .sorted(Comparator.naturalOrder())
                .toList();
    }

    /** The zone the name means, if it is one of the choices (anything else a browser or a form sends is ignored). */
    public static Optional<ZoneId> parse(@Nullable String name) {
        if (name == null || name.isBlank() || name.length() > 64) {
            return Optional.empty();
        }
        String stripped = name.strip();
        if (!stripped.equals("UTC") && !REGION.matcher(stripped).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(stripped));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public ZoneId zone() {
        var request = RequestContextHolder.getRequestAttributes();
        if (request != null
                && request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) instanceof ZoneId known) {
            return known;
        }
        UUID acting =
                TenantContext.current().map(TenantContext.Binding::actingUser).orElse(null);
        ZoneId zone = acting == null ? UTC : chosen(new UserId(acting)).orElse(UTC);
        if (request != null) {
            request.setAttribute(REQUEST_ATTRIBUTE, zone, RequestAttributes.SCOPE_REQUEST);
        }
        return zone;
    }

    /** The zone the person chose (or their browser gave), if any; in the bound firm. */
    public Optional<ZoneId> chosen(UserId user) {
        var tenant = TenantContext.requireTenant();
        String name = reads.execute(status -> rows.zoneOf(tenant, user).orElse(null));
        return parse(name);
    }

    /** Keeps the person's choice; {@code null} forgets it (times in UTC until their browser says). */
    public void choose(UserId user, @Nullable ZoneId zone) {
        var tenant = TenantContext.requireTenant();
        writes.executeWithoutResult(status -> rows.setZone(tenant, user, zone == null ? null : zone.getId()));
        var request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** At sign-in: the browser's zone becomes the person's when they have none yet (a choice is never overwritten). */
    public void adoptFromBrowser(UserId user, @Nullable String browserZone) {
        var zone = parse(browserZone);
        if (zone.isEmpty()) {
            return;
        }
        var tenant = TenantContext.requireTenant();
        writes.executeWithoutResult(
                status -> rows.setZoneIfNone(tenant, user, zone.get().getId()));
    }
}
