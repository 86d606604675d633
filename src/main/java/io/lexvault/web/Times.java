package io.lexvault.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One way of writing dates and times on every page ({@code ${@times.dateTime(x)}}): year-month-day,
 * 24-hour time, in the reader's own time zone (chosen on the account page, first taken from their
 * browser), with the zone's name after the time so that a time copied into a note or an e-mail still
 * says what it means. Exports keep ISO 8601 in UTC, for machines.
 */
@Component("times")
public final class Times {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ENGLISH);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);
    private static final DateTimeFormatter PRECISE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ENGLISH);

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final ObjectProvider<CallerTimeZone> callerZone;

    public Times(ObjectProvider<CallerTimeZone> callerZone) {
        this.callerZone = callerZone;
    }

    /** The reader's zone (UTC when none is known). */
    public ZoneId zone() {
        var source = callerZone.getIfAvailable();
        return source == null ? UTC : source.zone();
    }

    /** {@code 2026-12-07 15:30 CET}; empty for none. */
    public String dateTime(@Nullable Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone()));
    }

    /** With seconds, where order within a minute matters (the audit log). */
    public String precise(@Nullable Instant instant) {
        return instant == null ? "" : PRECISE.format(instant.atZone(zone()));
    }

    /** {@code 2026-12-07}, the day it was in the reader's zone. */
    public String date(@Nullable Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(zone()));
    }

    /** A calendar day (a matter's opening date) written like every other date. */
    public String day(@Nullable LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    /** The day it was in the reader's zone, for grouping a timeline by day. */
    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone());
    }
}
