package io.lexvault.search.extraction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Whether Tesseract is installed, and with which of the languages LexVault analyses. OCR runs as
 * Tika's external {@code tesseract} process; without it scans are reported as having no text layer
 * instead of failing. Looked up once at start: installing Tesseract needs a restart.
 *
 * @param available whether {@code tesseract} answered
 * @param languages Tesseract's language argument ("eng+swe+deu"): the installed packs among the
 *     languages LexVault analyses, English first. Each pack adds to the time a page takes.
 */
record Ocr(boolean available, String languages) {

    static final Ocr NONE = new Ocr(false, "eng");

    /** Tesseract's codes of the languages the index analyses, English first. */
    private static final List<String> WANTED =
            List.of("eng", "swe", "nor", "dan", "fin", "deu", "fra", "nld", "spa", "ita", "por");

    static Ocr detect() {
        try {
            Process process = new ProcessBuilder("tesseract", "--list-langs")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return NONE;
            }
            if (process.exitValue() != 0) {
                return NONE;
            }
            Set<String> installed = Set.of(output.strip().split("\\s+"));
            List<String> languages = new ArrayList<>();
            for (String language : WANTED) {
                if (installed.contains(language)) {
                    languages.add(language);
                }
            }
            return languages.isEmpty() ? NONE : new Ocr(true, String.join("+", languages));
        } catch (IOException e) {
            return NONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NONE;
        }
    }
}
