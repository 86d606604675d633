package io.lexvault.matters;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.BrowserTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.PageChecks;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A matter's home in Chromium: the overview with its panels, a party added without a page reload (htmx)
 * with the conflict check offered for the new name, and closing the matter through its confirmation
 * page; axe-core and the phone width on every state.
 */
class MatterHomeBrowserTests extends BrowserTest {

    @Autowired
    RoleAssignments roles;

    @Autowired
    Matters matters;

    private People.Person administrator;
    private MatterId matter;

    @BeforeEach
    void aFirmWithAMatter() {
        var firm = Firms.aFirm(tenants, "Browser matter home " + TestDatabase.randomName());
        administrator = People.withRoles(accounts, roles, firm, BuiltInRole.ADMINISTRATOR);
        matter = TenantContext.callAs(
                firm,
                administrator.id().value(),
                () -> matters.open(matters.openClient("Acme Holdings"), "MH-1", "Acme v. Widget"));
    }

    @Test
    void theHomeShowsTheMatterAPartyIsAddedWithoutAReloadAndClosingAsksFirst() {
        signInWithPassword(administrator);
        waitUntil(Duration.ofSeconds(10), () -> !browser.getCurrentUrl().contains("/login"));
        browser.get(SITE + "/matters/" + matter.value());
        var problems = new ArrayList<String>(PageChecks.problems(browser));
        assertThat(browser.findElement(By.id("summary")).getText()).contains("Acme Holdings");
        assertThat(browser.findElements(By.id("change-matter")))
                .as("no open edit form")
                .isEmpty();
        // Files go up from the home's documents panel too, and appear in its list without a reload.
        browser.executeScript("window.notReloaded = true;");
        java.nio.file.Path file;
        try {
            file = java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "browser-uploads"))
                    .resolve("Home note.txt");
            java.nio.file.Files.writeString(file, "A note from the matter's home.\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        browser.findElement(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.id("upload-submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.id("recent-documents")).isEmpty()
                        && d.findElement(By.id("recent-documents")).getText().contains("Home note"));
        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        browser.findElement(By.id("edit-matter")).click();
        assertThat(browser.findElement(By.id("change-matter")).isDisplayed()).isTrue();
        problems.addAll(PageChecks.problems(browser));

        browser.get(SITE + "/matters/" + matter.value() + "/parties");
        browser.executeScript("window.notReloaded = true;");
        browser.findElement(By.id("party-name")).sendKeys("Widget Corp");
        new Select(browser.findElement(By.id("party-kind"))).selectByValue("organisation");
        new Select(browser.findElement(By.id("party-role"))).selectByValue("opposing_party");
        browser.findElement(By.cssSelector("#add-party button[type=submit]")).click();
        var wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(d -> !d.findElements(By.id("offer-conflict-check")).isEmpty());
        assertThat(browser.executeScript("return window.notReloaded === true;"))
                .as("htmx swapped the parties' part, the page stayed")
                .isEqualTo(true);
        assertThat(browser.findElement(By.cssSelector("#parties-live [role=status]"))
                        .getText())
                .isEqualTo("Added Widget Corp.");
        assertThat(browser.findElement(By.id("parties-live")).getText()).contains("Widget Corp");
        problems.addAll(PageChecks.problems(browser));

        browser.get(SITE + "/matters/" + matter.value());
        browser.findElement(By.id("close-matter")).click();
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("h1")).getText().startsWith("Close the matter"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Close the matter MH-1 Acme v. Widget?");
        problems.addAll(PageChecks.problems(browser));
        browser.findElement(By.id("confirm-action")).click();
        wait.until(d -> !d.findElements(By.id("matter-status")).isEmpty()
                && d.findElement(By.id("matter-status")).getText().equalsIgnoreCase("closed"));
        assertThat(problems).isEmpty();
    }
}
