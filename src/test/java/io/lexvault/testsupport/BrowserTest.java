package io.lexvault.testsupport;

import io.lexvault.identity.Accounts;
import io.lexvault.tenancy.Tenants;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real server (Tomcat) on a fixed port with Chromium in front of it, a fresh browser for each
 * test. Every browser test class shares this one configuration and so one Spring context: a second
 * context would need a port of its own while the first still holds this one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class BrowserTest {

    /** WebAuthn checks the origin exactly, so the server gets a fixed port chosen before it starts. */
    protected static final int PORT = FreePorts.any();

    protected static final String SITE = "http://localhost:" + PORT;

    @DynamicPropertySource
    static void site(DynamicPropertyRegistry properties) {
        properties.add("server.port", () -> PORT);
        properties.add("lexvault.public-url", () -> SITE);
        // Plain HTTP, as in the demo: no __Host-/Secure cookies.
        properties.add("lexvault.http.secure-cookies", () -> false);
        properties.add("lexvault.identity.sign-in-throttle.attempts", () -> 100000);
        // Small enough that the documents tests reach the limit with a browser upload.
        properties.add("lexvault.documents.max-size", () -> "4MB");
    }

    @Autowired
    protected Tenants tenants;

    @Autowired
    protected Accounts accounts;

    protected ChromeDriver browser;

    /** The browser a test drives; a subclass may give it more (a passkey authenticator). */
    protected ChromeDriver startBrowser() {
        return Browser.start();
    }

    @BeforeEach
    void openBrowser() {
        browser = startBrowser();
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Submits the sign-in form with the person's address and password; where it leads is the test's. */
    protected void signInWithPassword(People.Person person) {
        browser.get(SITE + "/login");
        browser.findElement(By.id("email")).sendKeys(person.email());
        browser.findElement(By.id("password")).sendKeys(person.password());
        browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]"))
                .click();
    }

    protected void waitUntil(Duration timeout, BooleanSupplier condition) {
        new WebDriverWait(browser, timeout)
                .withMessage(() -> "at " + browser.getCurrentUrl())
                .until(driver -> condition.getAsBoolean());
    }
}
