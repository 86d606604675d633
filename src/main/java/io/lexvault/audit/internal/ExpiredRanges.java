package io.lexvault.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The ranges of leaves whose event data retention has expired (table {@code audit_expired_ranges},
 * written only by {@code lexvault.expire_audit_events}), and the checks a verifier makes of them:
 * a leaf without its event is accepted only inside a range, so each range must itself be believable.
 */
@Component
public class ExpiredRanges {

    /** Leaves {@code firstLeaf..lastLeaf} (inclusive) lost their data at {@code expiredAt}. */
    public record Range(
            long firstLeaf, long lastLeaf, Instant cutoff, Instant expiredAt, String expiredBy, UUID eventId) {

        String leaves() {
            return firstLeaf + "–" + lastLeaf;
        }
    }

    /** A firm's recorded ranges in leaf order. */
    public static final class Recorded {

        private final List<Range> ranges;
        /** For each range, the furthest leaf it or any range before it reaches (forged overlaps included). */
        private final long[] reach;

        Recorded(List<Range> ranges) {
            this.ranges = List.copyOf(ranges);
            this.reach = new long[ranges.size()];
            long furthest = -1;
            for (int i = 0; i < ranges.size(); i++) {
                furthest = Math.max(furthest, ranges.get(i).lastLeaf());
                reach[i] = furthest;
            }
        }

        public List<Range> ranges() {
            return ranges;
        }

        /** Whether a recorded range covers leaf {@code index}; a binary search, as the verifier asks per leaf. */
        public boolean covers(long index) {
            int low = 0;
            int high = ranges.size() - 1;
            int lastStartingAtOrBefore = -1;
            while (low <= high) {
                int middle = (low + high) >>> 1;
                if (ranges.get(middle).firstLeaf() <= index) {
                    lastStartingAtOrBefore = middle;
                    low = middle + 1;
                } else {
                    high = middle - 1;
                }
            }
            return lastStartingAtOrBefore >= 0 && reach[lastStartingAtOrBefore] >= index;
        }
    }

    private final ExpiredRangeRepository rows;

    ExpiredRanges(ExpiredRangeRepository rows) {
        this.rows = rows;
    }

    /** The firm's ranges, read in the caller's transaction (the firm must be bound to it). */
    public Recorded of(UUID firm) {
        return new Recorded(rows.ranges(firm));
    }

    /**
     * What is wrong with the recorded ranges, each problem naming its range. An honest expiry takes
     * the oldest leaves in order, only those placed before its cutoff, at least a year before it ran,
     * deletes all their events, and writes an {@code audit.events_expired} event naming the range;
     * a range forged to hide deleted events breaks at least one of these.
     */
    public List<String> problems(UUID firm, Recorded recorded) {
        var problems = new ArrayList<String>();
        long treeSize = rows.treeSize(firm);
        long expected = 0;
        for (var range : recorded.ranges()) {
            if (range.firstLeaf() < expected) {
                problems.add("Expired range " + range.leaves() + " overlaps the range before it, which ends at leaf "
                        + (expected - 1) + ".");
            } else if (range.firstLeaf() > expected) {
                problems.add("Expired range " + range.leaves() + " does not follow on from the oldest leaves: leaves "
                        + expected + "–" + (range.firstLeaf() - 1) + " were never expired.");
            }
            if (range.lastLeaf() >= treeSize) {
                problems.add(
                        "Expired range " + range.leaves() + " goes beyond the log, which has " + treeSize + " leaves.");
            }
            expected = Math.max(expected, range.lastLeaf() + 1);
        }
        rows.eachRangeChecked(firm, row -> {
            String range = row.getLong("first_leaf") + "–" + row.getLong("last_leaf");
            if (row.getBoolean("cutoff_too_recent")) {
                problems.add("Expired range " + range + ": its cutoff is less than a year before the expiry"
                        + " (no firm keeps its log for less than a year).");
            }
            long young = row.getLong("placed_after_cutoff");
            if (young > 0) {
                problems.add("Expired range " + range + ": " + young + " of its leaves were placed in the log"
                        + " after its cutoff, so their events were not old enough to expire.");
            }
            long stillThere = row.getLong("events_still_there");
            if (stillThere > 0) {
                problems.add("Expired range " + range + ": " + stillThere + " of its events are still there"
                        + " (no expiry removed them).");
            }
            problems.addAll(recordingEventProblems(row, range, recorded));
        });
        return problems;
    }

    /** The audit.events_expired event that reports the range must be in the log after it, naming it. */
    private static List<String> recordingEventProblems(ResultSet row, String range, Recorded recorded)
            throws SQLException {
        long last = row.getLong("last_leaf");
        Long recordingLeaf = row.getObject("recording_leaf", Long.class);
        if (recordingLeaf != null && recordingLeaf <= last) {
            return List.of("Expired range " + range + ": the event that records it is leaf " + recordingLeaf
                    + ", inside or before the range it reports.");
        }
        if (!row.getBoolean("recording_event_present")) {
            // Legitimately gone only if retention later expired that event too.
            if (recordingLeaf != null && recorded.covers(recordingLeaf)) {
                return List.of();
            }
            return List.of("Expired range " + range + ": the audit.events_expired event that should record it is"
                    + " not in the log.");
        }
        boolean names = "audit.events_expired".equals(row.getString("recording_action"))
                && String.valueOf(row.getLong("first_leaf")).equals(row.getString("recorded_first"))
                && String.valueOf(last).equals(row.getString("recorded_last"));
        return names
                ? List.of()
                : List.of("Expired range " + range + ": the event it names is not an audit.events_expired event for"
                        + " these leaves.");
    }
}
