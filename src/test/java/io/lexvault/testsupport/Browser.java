package io.lexvault.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its chromedriver: both come from the distribution (installed
 * by .ci/run), never downloaded by a test tool.
 *
 * <p>Without them, browser tests are skipped with a note, so that {@code ./mvnw verify} still runs on
 * a machine that has only a JDK; CI sets LEXVAULT_REQUIRE_BROWSER, and there a missing browser fails.
 */
public final class Browser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {}

    /** Whether browser tests can run here; fails instead when CI requires them and they cannot. */
    public static boolean available() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("LEXVAULT_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver"
                    + " (apt-get install -y chromium chromium-driver)");
        }
        return present;
    }

    /** A browser with a virtual passkey authenticator (CTAP2, platform, user verification). */
    public static ChromeDriver startWithAuthenticator() {
        var browser = start();
        ((org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator) browser)
                .addVirtualAuthenticator(new org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions()
                        .setProtocol(
                                org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(
                                org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true)
                        .setIsUserConsenting(true));
        return browser;
    }

    public static ChromeDriver start() {
        assumeTrue(available(), "chromium and chromium-driver are not installed: browser tests skipped");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: Chromium refuses to run as root otherwise (CI runs as root); the pages it loads
        // are our own, from localhost. No background networking: the machine has no internet.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,1000");
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .build();
        return new ChromeDriver(service, options);
    }
}
