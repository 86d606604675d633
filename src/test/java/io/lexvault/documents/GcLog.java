package io.lexvault.documents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Heap use read from a unified GC log ({@code -Xlog:gc:file=...}): each collection's line such as
 * {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 41M->12M(80M) 3.1ms}. The peak after a
 * collection is what stayed reachable; the peak before one is what the heap held at most, garbage
 * included.
 */
record GcLog(int collections, long peakBeforeMb, long peakAfterMb, long committedMb) {

    private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    static GcLog read(Path file) throws IOException {
        return of(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    /** The collections in {@code lines} (e.g. the lines a transfer added to the log). */
    static GcLog of(List<String> lines) {
        int collections = 0;
        long before = 0;
        long after = 0;
        long committed = 0;
        for (String line : lines) {
            var pause = PAUSE.matcher(line);
            if (pause.find()) {
                collections++;
                before = Math.max(before, Long.parseLong(pause.group(1)));
                after = Math.max(after, Long.parseLong(pause.group(2)));
                committed = Math.max(committed, Long.parseLong(pause.group(3)));
            }
        }
        return new GcLog(collections, before, after, committed);
    }

    @Override
    public String toString() {
        return collections + " collections, peak " + peakBeforeMb + " MB used before a collection, " + peakAfterMb
                + " MB live after one, " + committedMb + " MB committed";
    }
}
