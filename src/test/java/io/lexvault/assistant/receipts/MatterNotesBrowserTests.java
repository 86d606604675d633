package io.lexvault.assistant.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.access.BuiltInRole;
import io.lexvault.access.roles.RoleAssignments;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.BrowserTest;
import io.lexvault.testsupport.Firms;
import io.lexvault.testsupport.PageChecks;
import io.lexvault.testsupport.People;
import io.lexvault.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The matter's notes page in Chromium: reached from the matter page, it lists a saved answer with its
 * receipt link, passes axe-core's WCAG 2.2 AA rules and does not scroll sideways at desktop and phone
 * widths.
 */
class MatterNotesBrowserTests extends BrowserTest {

    @Autowired
    RoleAssignments roles;

    @Autowired
    Matters matters;

    @Autowired
    AnswerReceipts receipts;

    @Autowired
    MatterNotes notes;

    @Test
    void theNotesPageListsASavedAnswerWithItsReceiptAndPassesTheAccessibilityChecks() {
        var firm = Firms.aFirm(tenants, "Browser notes " + TestDatabase.randomName());
        var attorney = People.withRoles(accounts, roles, firm, BuiltInRole.ATTORNEY);
        MatterId matter = TenantContext.callAs(
                firm, attorney.id().value(), () -> matters.open(matters.openClient("Acme"), "NB-1", "Acme v. Widget"));
        var receipt = TenantContext.callAs(
                firm,
                attorney.id().value(),
                () -> receipts.issue(new ReceiptContent(
                        matter.value(),
                        attorney.id().value(),
                        List.of("attorney"),
                        List.of(),
                        "offline",
                        "extractive-v1",
                        "answer-v1",
                        0,
                        0,
                        Instant.now())));
        TenantContext.callAs(
                firm,
                attorney.id().value(),
                () -> notes.saveAnswer(
                        matter.value(),
                        "When is the price due?",
                        "On completion [1].\n\n> \"The purchaser pays the price on completion.\" [1]",
                        receipt.id()));

        signInWithPassword(attorney);
        waitUntil(Duration.ofSeconds(10), () -> !browser.getCurrentUrl().contains("/login"));
        browser.get(SITE + "/matters/" + matter.value());
        browser.findElement(By.id("notes-link")).click();
        waitUntil(Duration.ofSeconds(10), () -> browser.getCurrentUrl().endsWith("/notes"));
        assertThat(browser.findElement(By.id("notes")).getText())
                .contains("When is the price due?")
                .contains("On completion [1].");
        assertThat(browser.findElement(By.linkText("Receipt")).getAttribute("href"))
                .endsWith("/api/v1/assistant/receipts/" + receipt.id());
        assertThat(PageChecks.problems(browser)).isEmpty();
    }
}
