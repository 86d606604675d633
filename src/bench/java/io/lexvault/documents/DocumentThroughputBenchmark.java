package io.lexvault.documents;

import io.lexvault.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The documents issue's Measure (docs/benchmarks.md): upload and download throughput of one file
 * through the API of a running {@code lexvault serve} (real HTTP on loopback, API key, streamed
 * multipart and, interleaved with it, the raw-body upload (application/octet-stream), per-firm encryption, filesystem blob store with fsync, SHA-256 both ways) against {@code
 * openssl dgst -sha256} of the same file, rounds interleaved; then the server's heap during 10, 100
 * and 300 MB transfers in a second server with a small fixed heap. Run by {@code
 * bench/document-throughput.sh}; a plain main class, so {@code ./mvnw verify} never runs it.
 *
 * <p>Arguments: file, measured rounds, warm-up rounds, throughput heap (e.g. 512m), heap-check heap
 * (e.g. 96m), heap-check sizes in MB (e.g. 10,100,300). {@code BENCH_SERVER_OPTS} adds JVM options to the throughput
 * server (e.g. a JFR recording).
 */
public final class DocumentThroughputBenchmark {

    private static final double MB = 1024 * 1024;

    private DocumentThroughputBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]).toAbsolutePath();
        int rounds = Integer.parseInt(args[1]);
        int warmUps = Integer.parseInt(args[2]);
        String heap = args[3];
        String smallHeap = args[4];
        long[] sizes =
                Arrays.stream(args[5].split(",")).mapToLong(Long::parseLong).toArray();
        long size = Files.size(file);
        Path work = Path.of("target", "bench", "documents-" + TestDatabase.randomName())
                .toAbsolutePath();
        System.out.printf(
                "file %s, %.1f MB; %d rounds; server -Xmx%s; load average %s%n",
                file, size / MB, rounds, heap, loadAverage());

        var options = new ArrayList<>(List.of("-Xmx" + heap, "-Xlog:gc:file=" + work.resolve("throughput/gc.log")));
        String extra = System.getenv("BENCH_SERVER_OPTS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        try (var server = ServedLexVault.start(
                work.resolve("throughput"), options, Map.of("LEXVAULT_DOCUMENTS_MAXSIZE", "1GB"))) {
            var transfers = new LargeTransfers(server);
            UUID matter = transfers.newMatter("2026-0100");
            // One round trip checked end to end (the client hashes the download), then the warm-up
            // rounds: AES-GCM runs at a few dozen MB/s until C2 has compiled the JDK's GCM code with its
            // AES and GHASH intrinsics, which with 1 MB segments takes several hundred MB.
            String expected = openssl(file).hex();
            var first = transfers.uploadFile(matter, file);
            check(first.sha256().equals(expected) && first.size() == size, "the upload's SHA-256 or size differs");
            var checked = transfers.download(first.document(), true);
            check(
                    checked.status() == 200
                            && checked.size() == size
                            && checked.sha256().equals(expected),
                    "the download differs from the file");
            System.out.printf(
                    "first (cold) round: upload %.1f MB/s, download %.1f MB/s (client hashing)%n",
                    size / MB / (first.nanos() / 1e9), size / MB / (checked.nanos() / 1e9));
            var firstRaw = transfers.uploadFileRaw(matter, file);
            check(
                    firstRaw.sha256().equals(expected) && firstRaw.size() == size,
                    "the raw upload's SHA-256 or size differs");
            System.out.printf("first raw-body upload: %.1f MB/s%n", size / MB / (firstRaw.nanos() / 1e9));
            for (int warm = 0; warm < warmUps; warm++) {
                var up = transfers.uploadFile(matter, file);
                var raw = transfers.uploadFileRaw(matter, file);
                var down = transfers.download(up.document(), false);
                System.out.printf(
                        "warm-up %d: upload %.1f MB/s, raw upload %.1f MB/s, download %.1f MB/s%n",
                        warm + 1,
                        size / MB / (up.nanos() / 1e9),
                        size / MB / (raw.nanos() / 1e9),
                        size / MB / (down.nanos() / 1e9));
            }

            // Each round: openssl, the multipart upload, the raw-body upload and a download, in turn, so
            // that the machine's load moves all four alike.
            double[] opensslRates = new double[rounds];
            double[] uploadRates = new double[rounds];
            double[] rawRates = new double[rounds];
            double[] downloadRates = new double[rounds];
            double[] uploadRatios = new double[rounds];
            double[] rawRatios = new double[rounds];
            double[] downloadRatios = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                var digest = openssl(file);
                var up = transfers.uploadFile(matter, file);
                check(up.sha256().equals(digest.hex()), "the upload's SHA-256 differs from openssl's");
                var raw = transfers.uploadFileRaw(matter, file);
                check(raw.sha256().equals(digest.hex()), "the raw upload's SHA-256 differs from openssl's");
                var down = transfers.download(raw.document(), false);
                check(down.status() == 200 && down.size() == size, "the download is incomplete");
                opensslRates[round] = size / MB / (digest.nanos() / 1e9);
                uploadRates[round] = size / MB / (up.nanos() / 1e9);
                rawRates[round] = size / MB / (raw.nanos() / 1e9);
                downloadRates[round] = size / MB / (down.nanos() / 1e9);
                uploadRatios[round] = 100 * uploadRates[round] / opensslRates[round];
                rawRatios[round] = 100 * rawRates[round] / opensslRates[round];
                downloadRatios[round] = 100 * downloadRates[round] / opensslRates[round];
                System.out.printf(
                        "round %d: openssl %7.1f MB/s | multipart upload %6.1f MB/s (%3.0f%%) | raw upload %6.1f MB/s"
                                + " (%3.0f%%) | download %6.1f MB/s (%3.0f%%) | load %s%n",
                        round + 1,
                        opensslRates[round],
                        uploadRates[round],
                        uploadRatios[round],
                        rawRates[round],
                        rawRatios[round],
                        downloadRates[round],
                        downloadRatios[round],
                        loadAverage());
            }
            System.out.printf(
                    "median: openssl %.1f MB/s | multipart upload %.1f MB/s (%.0f%% of openssl, rounds %.0f-%.0f%%)"
                            + " | raw upload %.1f MB/s (%.0f%%, rounds %.0f-%.0f%%) | download %.1f MB/s (%.0f%%,"
                            + " rounds %.0f-%.0f%%)%n",
                    median(opensslRates),
                    median(uploadRates),
                    median(uploadRatios),
                    min(uploadRatios),
                    max(uploadRatios),
                    median(rawRates),
                    median(rawRatios),
                    min(rawRatios),
                    max(rawRatios),
                    median(downloadRates),
                    median(downloadRatios),
                    min(downloadRatios),
                    max(downloadRatios));
            System.out.printf("throughput server heap: %s%n", GcLog.read(work.resolve("throughput/gc.log")));
        }

        Path gc = work.resolve("heap/gc.log");
        try (var server = ServedLexVault.start(
                work.resolve("heap"),
                List.of("-Xmx" + smallHeap, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + gc),
                Map.of("LEXVAULT_DOCUMENTS_MAXSIZE", "1GB"))) {
            var transfers = new LargeTransfers(server);
            UUID matter = transfers.newMatter("2026-0300");
            for (long mb : sizes) {
                long bytes = mb * 1024 * 1024;
                int from = Files.readAllLines(gc, StandardCharsets.UTF_8).size();
                var up = transfers.uploadText(matter, "generated-" + mb + ".txt", bytes);
                var upHeap = GcLog.of(linesFrom(gc, from));
                from = Files.readAllLines(gc, StandardCharsets.UTF_8).size();
                var down = transfers.download(up.document(), true);
                var downHeap = GcLog.of(linesFrom(gc, from));
                check(
                        up.size() == bytes
                                && down.size() == bytes
                                && down.sha256().equals(up.sha256()),
                        "a heap-check transfer differs");
                check(server.process().isAlive(), "the small-heap server died; see " + server.log());
                System.out.printf(
                        "-Xmx%s, %4d MB: upload %6.1f MB/s, %s%n" + "             download %6.1f MB/s, %s%n",
                        smallHeap,
                        mb,
                        bytes / MB / (up.nanos() / 1e9),
                        upHeap,
                        bytes / MB / (down.nanos() / 1e9),
                        downHeap);
            }
            check(!server.logText().contains("OutOfMemoryError"), "the small-heap server ran out of memory");
        }
    }

    private record Digest(String hex, long nanos) {}

    /** {@code openssl dgst -sha256 <file>}, timed around the whole process as the API calls are. */
    private static Digest openssl(Path file) throws IOException, InterruptedException {
        long started = System.nanoTime();
        var process = new ProcessBuilder("openssl", "dgst", "-sha256", "-r", file.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        check(process.waitFor(5, TimeUnit.MINUTES) && process.exitValue() == 0, "openssl failed: " + output);
        long nanos = System.nanoTime() - started;
        return new Digest(output.substring(0, 64), nanos);
    }

    private static List<String> linesFrom(Path file, int from) throws IOException {
        var lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return lines.subList(Math.min(from, lines.size()), lines.size());
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String loadAverage() throws IOException {
        var load = Path.of("/proc/loadavg");
        return Files.exists(load)
                ? String.join(
                        " ", Arrays.asList(Files.readString(load).split(" ")).subList(0, 3))
                : "?";
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }
}
