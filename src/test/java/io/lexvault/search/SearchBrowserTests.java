package io.lexvault.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.documents.Classification;
import io.lexvault.documents.Documents;
import io.lexvault.documents.UploadForm;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.search.extraction.Fixtures;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.BrowserTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.PageChecks;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The search page in Chromium, by keyboard alone: "/" on another page goes to the header's search box,
 * the arrow keys move between the documents found, Enter opens one, and a passage's page number opens
 * the PDF's preview at that page. axe-core on the results.
 */
class SearchBrowserTests extends BrowserTest {

    @Autowired
    RoleAssignments roles;

    @Autowired
    Matters matters;

    @Autowired
    Documents documents;

    private People.Person attorney;
    private MatterId matter;

    @BeforeEach
    void aFirmWithTwoDocumentsAboutTheSameThing() {
        var firm = Firms.aFirm(tenants, "Browser search " + TestDatabase.randomName());
        attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        matter = TenantContext.callAs(
                firm, attorney.id().value(), () -> matters.open(matters.openClient("Acme"), "SB-1", "Acme v. Widget"));
        // A first page of more than one chunk's words (200), so that page 2 starts chunks of its own.
        var recitals = new ArrayList<String>(List.of("Share purchase agreement"));
        for (int i = 1; i <= 30; i++) {
            recitals.add("Recital " + i + ": the parties have agreed the terms set out in this agreement.");
        }
        byte[] pdf = Fixtures.pdf(
                List.of(recitals, List.of("Indemnity", "The seller shall indemnify the buyer for Quorvantic losses.")));
        TenantContext.runAs(firm, attorney.id().value(), () -> {
            upload("Share purchase agreement", "spa.pdf", pdf);
            upload("Letter on Quorvantic losses", "letter.txt", "A letter about the Quorvantic losses.\n".getBytes());
        });
    }

    private void upload(String title, String name, byte[] content) {
        try {
            documents.upload(
                    matter,
                    new UploadForm(null, Classification.CONFIDENTIAL, title, null),
                    name,
                    new ByteArrayInputStream(content),
                    () -> {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theKeyboardFindsAndOpensADocumentAtThePassagesPage() {
        signInWithPassword(attorney);
        waitUntil(Duration.ofSeconds(10), () -> !browser.getCurrentUrl().contains("/login"));
        browser.get(SITE + "/matters");
        var body = browser.findElement(By.tagName("body"));
        new Actions(browser).moveToElement(body, 0, 0).click().perform();
        new Actions(browser).sendKeys("/").perform();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("site-search-q");

        // Indexing runs after the upload's commit: the search is typed again until both are found.
        var wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> {
            d.get(SITE + "/matters");
            new Actions(d)
                    .sendKeys("/")
                    .sendKeys("quorvantic")
                    .sendKeys(Keys.ENTER)
                    .perform();
            return d.getCurrentUrl().contains("/search")
                    && d.findElements(By.cssSelector("#search-results .result-link"))
                                    .size()
                            == 2;
        });
        var problems = new ArrayList<String>(PageChecks.problems(browser));
        List<WebElement> results = browser.findElements(By.cssSelector("#search-results .result-link"));

        // From the page, the arrow keys move between the documents; up from the first stays on it.
        browser.findElement(By.id("results-heading")).click();
        new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
        assertThat(browser.switchTo().activeElement()).isEqualTo(results.get(0));
        new Actions(browser).sendKeys("j").perform();
        assertThat(browser.switchTo().activeElement()).isEqualTo(results.get(1));
        new Actions(browser).sendKeys(Keys.ARROW_UP).sendKeys(Keys.ARROW_UP).perform();
        assertThat(browser.switchTo().activeElement()).isEqualTo(results.get(0));

        // The PDF's passage names its page; that page number opens the preview at the page.
        var passage = browser.findElement(By.cssSelector("#search-results .passage-link"));
        assertThat(passage.getText()).isEqualTo("Page 2");
        passage.click();
        wait.until(d -> !d.findElements(By.id("preview-frame")).isEmpty());
        assertThat(browser.findElement(By.id("preview-frame")).getAttribute("src"))
                .endsWith("#page=2");
        assertThat(browser.findElement(By.id("preview-page")).getText()).isEqualTo("Opened at page 2.");

        // Enter on a focused result opens it: the text file is not previewable, so its matter's list.
        browser.navigate().back();
        wait.until(d ->
                !d.findElements(By.cssSelector("#search-results .result-link")).isEmpty());
        var text = browser.findElements(By.cssSelector("#search-results .result-link")).stream()
                .filter(e -> e.getText().startsWith("Letter"))
                .findFirst()
                .orElseThrow();
        text.sendKeys(Keys.ENTER);
        wait.until(d -> d.getCurrentUrl().endsWith("/matters/" + matter.value() + "/documents"));
        assertThat(problems).isEmpty();
    }
}
