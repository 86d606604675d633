package io.lexvault.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.identity.mfa.SecondFactors;
import io.lexvault.testsupport.Browser;
import io.lexvault.testsupport.BrowserTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.People.Person;
import io.lexvault.testsupport.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Passkeys in a real browser: Chromium's virtual authenticator (CTAP2, platform, user verification)
 * stands in for a phone or laptop. Registration and sign-in go through our pages, our scripts (under
 * the strict CSP) and Spring Security's WebAuthn endpoints.
 */
class PasskeyBrowserTests extends BrowserTest {

    @Override
    protected ChromeDriver startBrowser() {
        return Browser.startWithAuthenticator();
    }

    @Test
    void passkeyRegistersAndSignsInWithoutPasswordAndAsSecondStep() {
        Person person = People.aPerson(accounts, Firms.aFirm(tenants, "Passkey " + TestDatabase.randomName()));

        signInWithPassword(person);
        waitUntilPathIs("/");

        addPasskey("Work laptop");
        assertThat(browser.findElement(By.id("passkeys")).getText()).contains("Work laptop");

        signOut();
        String before = sessionCookie();
        browser.findElement(By.id("passkey-sign-in")).click();
        waitUntilPathIs("/");
        browser.get(SITE + "/account");
        assertThat(browser.getPageSource()).contains(person.email());
        assertThat(sessionCookie()).as("a new session id at sign-in").isNotEqualTo(before);
        browser.get(SITE + "/api/v1/me");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("\"email\":\"" + person.email() + "\"", "\"authenticatedBy\":\"session\"");

        // With a passkey, a password alone is not enough: the passkey serves as the second step.
        signOut();
        signInWithPassword(person);
        waitUntilPathIs("/login/second-factor");
        browser.findElement(By.id("passkey-sign-in")).click();
        waitUntilPathIs("/");

        browser.get(SITE + "/account/two-factor");
        browser.findElement(By.cssSelector("li.passkey .passkey-remove")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("li.passkey")).isEmpty());
        signOut();
        signInWithPassword(person);
        waitUntilPathIs("/");
    }

    @Test
    void anAdministratorsResetRemovesThePasskeys(@Autowired SecondFactors secondFactors) {
        Person person = People.aPerson(accounts, Firms.aFirm(tenants, "Reset " + TestDatabase.randomName()));
        signInWithPassword(person);
        waitUntilPathIs("/");
        addPasskey("Lost phone");

        io.lexvault.tenancy.TenantContext.runAs(person.firm(), null, () -> secondFactors.reset(person.id()));
        browser.get(SITE + "/api/v1/me");
        assertThat(browser.findElement(By.tagName("body")).getText())
                .as("signed out everywhere")
                .contains("401");
        browser.get(SITE + "/login");
        browser.findElement(By.id("passkey-sign-in")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/login?error"));
    }

    @Test
    void aPasskeyOfNoAccountSignsNobodyIn() {
        browser.get(SITE + "/login");
        browser.findElement(By.id("passkey-sign-in")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/login?error"));
        browser.get(SITE + "/api/v1/me");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("401");
    }

    @Test
    void pagesRunUnderTheStrictContentSecurityPolicy() {
        browser.get(SITE + "/login");
        var violations = browser.executeScript("return window.__cspViolations || [];");
        // The sign-in script attaches to the button only if nothing blocked it.
        assertThat(browser.findElement(By.id("passkey-sign-in")).isDisplayed()).isTrue();
        assertThat(violations).asList().isEmpty();
        var logs = browser.manage().logs().get("browser").getAll();
        assertThat(logs).noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
    }

    private void signOut() {
        browser.get(SITE + "/account");
        browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
        waitUntilPathIs("/login");
    }

    private String sessionCookie() {
        var cookie = browser.manage().getCookieNamed("lexvault");
        return cookie == null ? "" : cookie.getValue();
    }

    private void waitUntilPathIs(String path) {
        waitUntil(() -> {
            String url = browser.getCurrentUrl();
            String bare = url.replaceFirst("\\?.*$", "");
            return bare.equals(SITE + path);
        });
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        waitUntil(Duration.ofSeconds(15), condition);
    }

    /** Adds a passkey on the two-factor page through the browser's virtual authenticator. */
    private void addPasskey(String label) {
        browser.get(SITE + "/account/two-factor");
        browser.findElement(By.id("passkey-label")).sendKeys(label);
        browser.findElement(By.id("passkey-add")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("li.passkey")).size() == 1);
    }
}
