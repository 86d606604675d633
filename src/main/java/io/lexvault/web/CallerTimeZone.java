package io.lexvault.web;

import java.time.ZoneId;

/** The time zone the signed-in caller chose for reading times (identity keeps it with the account). */
public interface CallerTimeZone {

    /** The caller's zone; UTC for a visitor not signed in or one who chose none yet. */
    ZoneId zone();
}
