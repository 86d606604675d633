package io.lexvault.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.testsupport.Browser;
import io.lexvault.testsupport.DemoLikeFirm;
import io.lexvault.testsupport.PageChecks;
import io.lexvault.testsupport.People;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Walks a demo-like firm in Chromium as its administrator, attorney and paralegal: every page reachable
 * from the header's navigation and from the pages it opens (one page per kind of address), plus the
 * signed-out pages, each checked with axe-core (WCAG 2.2 AA) and for sideways scrolling at 1400 px and
 * 390 px. Fails on any problem, listing them all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class WorkspaceBrowserTests {

    private static final int PORT = freePort();
    private static final String SITE = "http://localhost:" + PORT;

    /** Pages per person at most: the walk visits one page per kind of address, so this is not reached. */
    private static final int MAX_PAGES = 60;

    private static final Pattern UUID_IN_PATH =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Addresses that are not pages (downloads, exports, machine endpoints) or that end the session. */
    private static final List<String> NOT_PAGES =
            List.of("/logout", "/api/", "/download", "/export", "/checkpoint", "/proof", "/.well-known/", "/sso");

    @DynamicPropertySource
    static void site(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("lexvault.public-url", () -> SITE);
        // Plain HTTP, as in the demo: no __Host-/Secure cookies.
        properties.add("lexvault.http.secure-cookies", () -> false);
        properties.add("lexvault.identity.sign-in-throttle.attempts", () -> 100000);
        properties.add("lexvault.identity.signup.enabled", () -> true);
    }

    @Autowired
    ApplicationContext context;

    private ChromeDriver browser;
    private DemoLikeFirm firm;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        firm = DemoLikeFirm.create(context);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageReachableFromTheNavigationIsAccessibleAndFitsAPhone() {
        var problems = new ArrayList<String>();
        var visited = new ArrayList<String>();
        for (String path : List.of("/login", "/password-reset", "/signup", "/no-such-page")) {
            browser.get(SITE + path);
            visited.add("signed out " + path);
            problems.addAll(PageChecks.problems(browser));
        }
        for (var person : Map.of(
                        "administrator", firm.administrator(),
                        "attorney", firm.attorney(),
                        "paralegal", firm.paralegal())
                .entrySet()) {
            signIn(person.getValue());
            // The header's menus open, so that their links are checked too.
            browser.executeScript("document.querySelectorAll('header details').forEach(d => d.open = true);");
            problems.addAll(PageChecks.problems(browser));
            for (String path : walk()) {
                browser.get(SITE + path);
                visited.add(person.getKey() + " " + path);
                problems.addAll(PageChecks.problems(browser).stream()
                        .map(problem -> person.getKey() + ": " + problem)
                        .toList());
            }
            // A state no link reaches: a conflict check's results (hits, and for the paralegal the
            // walled matter's restricted hit).
            browser.get(SITE + "/conflicts");
            browser.findElement(By.id("names")).sendKeys("Müller GmbH\nNorthwind Traders");
            browser.findElement(By.cssSelector("#conflict-form button[type=submit]"))
                    .click();
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.id("results-title")).isEmpty());
            visited.add(person.getKey() + " conflict check results");
            problems.addAll(PageChecks.problems(browser).stream()
                    .map(problem -> person.getKey() + " (results): " + problem)
                    .toList());
            problems.addAll(statesNoLinkReaches(person.getKey()).stream()
                    .map(problem -> person.getKey() + ": " + problem)
                    .toList());
            screenshots(person.getKey());
            signOut();
        }
        assertThat(visited).as("the walk reached the pages of every area").hasSizeGreaterThan(40);
        assertThat(problems)
                .as("accessibility and layout problems on " + visited.size() + " pages:\n" + String.join("\n", problems)
                        + "\npages visited:\n" + String.join("\n", visited))
                .isEmpty();
    }

    /**
     * Pages in states that only a form reaches: the audit log filtered by a matter's number, and the
     * API keys page right after a key is made (the key shown once, with its copy button).
     */
    private List<String> statesNoLinkReaches(String who) {
        var problems = new ArrayList<String>();
        if (who.equals("administrator")) {
            browser.get(SITE + "/admin/audit?matter=" + firm.walledNumber());
            problems.addAll(PageChecks.problems(browser));
        }
        browser.get(SITE + "/account/api-keys");
        browser.findElement(By.id("key-name")).sendKeys("Walk " + who);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("key-preset"))).selectByValue("read-only");
        browser.findElement(By.cssSelector("form[action='/account/api-keys'] button[type=submit]"))
                .click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.id("created-key")).isEmpty());
        assertThat(browser.findElement(By.id("copy-key")).isDisplayed())
                .as("the copy button shows with script")
                .isTrue();
        problems.addAll(PageChecks.problems(browser));
        return problems;
    }

    /**
     * With {@code -Dlexvault.screenshots=docs/screenshots}, pictures of the main pages for the README's
     * tour, each as the person who uses it most sees it (1400 px; the home page also at 390 px).
     */
    private void screenshots(String who) {
        String directory = System.getProperty("lexvault.screenshots");
        if (directory == null || directory.isBlank()) {
            return;
        }
        var dir = java.nio.file.Path.of(directory);
        String lease = firm.lease().value().toString();
        var pages = switch (who) {
            case "attorney" ->
                List.of(
                        List.of("home", "/"),
                        List.of("matters", "/matters"),
                        List.of("matter", "/matters/" + lease),
                        List.of("documents", "/matters/" + lease + "/documents"),
                        List.of("search", "/search?q=muller"),
                        List.of("account", "/account"));
            case "administrator" ->
                List.of(
                        List.of("roles", "/admin/roles"),
                        List.of("audit-log", "/admin/audit"),
                        List.of("people", "/admin/users"),
                        List.of("api-keys", "/account/api-keys"));
            default -> List.<List<String>>of();
        };
        for (var page : pages) {
            browser.get(SITE + page.get(1));
            PageChecks.screenshot(browser, 1400, dir.resolve(page.get(0) + ".png"));
        }
        if (who.equals("attorney")) {
            browser.get(SITE + "/");
            PageChecks.screenshot(browser, 390, dir.resolve("home-phone.png"));
        }
        if (who.equals("paralegal")) {
            browser.get(SITE + "/conflicts");
            browser.findElement(By.id("names")).sendKeys("Müller GmbH\nNorthwind Traders");
            browser.findElement(By.cssSelector("#conflict-form button[type=submit]"))
                    .click();
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> !d.findElements(By.id("results-title")).isEmpty());
            PageChecks.screenshot(browser, 1400, dir.resolve("conflict-check.png"));
        }
    }

    /**
     * The pages reachable from home through links (header and page), one per kind of address (ids
     * replaced, query left out), breadth first.
     */
    private List<String> walk() {
        var kinds = new LinkedHashMap<String, String>();
        var queue = new ArrayDeque<String>(List.of("/"));
        Set<String> seen = new LinkedHashSet<>();
        while (!queue.isEmpty() && kinds.size() < MAX_PAGES) {
            String path = queue.poll();
            String kind = UUID_IN_PATH.matcher(path).replaceAll("{id}");
            if (kinds.containsKey(kind) || !seen.add(path)) {
                continue;
            }
            browser.get(SITE + path);
            String landed = browser.getCurrentUrl().replaceFirst("^" + Pattern.quote(SITE), "");
            if (!landed.replaceFirst("[?#].*$", "").equals(path)) {
                continue; // a redirect: the page it lands on is reached as its own link
            }
            kinds.put(kind, path);
            for (WebElement link : browser.findElements(By.cssSelector("a[href]"))) {
                String href = link.getDomAttribute("href");
                if (href == null || !href.startsWith("/") || href.startsWith("//")) {
                    continue;
                }
                String target = href.replaceFirst("[?#].*$", "");
                if (NOT_PAGES.stream().noneMatch(target::contains)) {
                    queue.add(target);
                }
            }
        }
        return List.copyOf(kinds.values());
    }

    private void signIn(People.Person person) {
        browser.get(SITE + "/login");
        browser.findElement(By.id("email")).sendKeys(person.email());
        browser.findElement(By.id("password")).sendKeys(person.password());
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().equals(SITE + "/"));
    }

    private void signOut() {
        browser.get(SITE + "/");
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/login"));
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
