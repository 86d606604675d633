package io.lexvault.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every browser test checks on every page it visits, at desktop width (1400 px) and phone width
 * (390 px): axe-core's WCAG 2.2 A/AA rules (the vendored {@code axe.min.js}, never downloaded) and
 * that the page does not scroll sideways. Returns the problems as sentences naming page, width and
 * elements, so one run lists everything to fix.
 */
public final class PageChecks {

    public static final List<Integer> WIDTHS = List.of(1400, 390);

    /** axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
    private static final List<String> WCAG_AA_TAGS =
            List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa");

    private static final String AXE = axeSource();

    private PageChecks() {}

    /** The problems of the page the browser shows, at both widths; the page is left at desktop width. */
    public static List<String> problems(ChromeDriver browser) {
        var problems = new ArrayList<String>();
        String page = pathOf(browser);
        try {
            for (int width : WIDTHS) {
                atWidth(browser, width);
                for (String violation : axeViolations(browser)) {
                    problems.add(page + " at " + width + " px: " + violation);
                }
                for (String overflow : overflow(browser)) {
                    problems.add(page + " at " + width + " px scrolls sideways: " + overflow);
                }
            }
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
        return problems;
    }

    /** Emulates a screen of that width (a phone's, with its viewport meta honoured, below 600 px). */
    private static void atWidth(ChromeDriver browser, int width) {
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        width,
                        "height",
                        width < 600 ? 844 : 1000,
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        width < 600));
    }

    /** The WCAG A/AA violations axe-core finds, one sentence per rule with the elements it names. */
    @SuppressWarnings("unchecked")
    static List<String> axeViolations(ChromeDriver browser) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object loaded = browser.executeScript("return typeof window.axe !== 'undefined';");
        if (!Boolean.TRUE.equals(loaded)) {
            browser.executeScript(AXE);
        }
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                   .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                       + v.nodes.slice(0, 5).map(n => n.target.join(' ')
                           + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ').trim() + ']' : ''))
                         .join('; '))))
                   .catch(e => done(['axe-core failed: ' + e]));
                """, WCAG_AA_TAGS);
        return (List<String>) result;
    }

    /** The elements that stick out to the right of the viewport, when the page scrolls sideways. */
    @SuppressWarnings("unchecked")
    static List<String> overflow(ChromeDriver browser) {
        Object result = browser.executeScript("""
                const root = document.documentElement;
                if (root.scrollWidth <= root.clientWidth) return [];
                const limit = root.clientWidth;
                const out = [];
                for (const el of document.body.querySelectorAll('*')) {
                  const r = el.getBoundingClientRect();
                  if (r.right > limit + 1 && r.width > 0) {
                    let inScroller = false;
                    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                      const s = getComputedStyle(p).overflowX;
                      if (s === 'auto' || s === 'scroll' || s === 'hidden') { inScroller = true; break; }
                    }
                    if (!inScroller) {
                      out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                          + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : '')
                          + ' right edge ' + Math.round(r.right) + ' px');
                    }
                  }
                }
                return ['page is ' + root.scrollWidth + ' px wide in a ' + limit + ' px viewport'].concat(out.slice(0, 6));
                """);
        return (List<String>) result;
    }

    /**
     * A picture of the whole page as a reader at that width sees it (the viewport made as tall as the
     * page, up to 3000 px), as PNG, for docs/screenshots.
     */
    public static void screenshot(ChromeDriver browser, int width, Path file) {
        try {
            atWidth(browser, width);
            Object height = browser.executeScript("return document.documentElement.scrollHeight;");
            int tall = Math.min(3000, Math.max(width < 600 ? 844 : 800, ((Number) height).intValue()));
            browser.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", tall, "deviceScaleFactor", 1, "mobile", width < 600));
            Files.createDirectories(file.getParent());
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private static String pathOf(ChromeDriver browser) {
        String url = browser.getCurrentUrl();
        if (url == null) {
            return "(no page)";
        }
        int start = url.indexOf('/', url.indexOf("//") + 2);
        return start < 0 ? url : url.substring(start);
    }

    private static String axeSource() {
        try (InputStream in = PageChecks.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js missing from src/test/resources/axe");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
