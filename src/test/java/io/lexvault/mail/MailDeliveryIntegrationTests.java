package io.lexvault.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.mail.internal.MailDelivery;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.testsupport.FirmTest;
import io.lexvault.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** Without an SMTP server (the demo), mail becomes .eml files only their owner can read. */
// The delivery job polls hourly at most in every test context (TestDatabaseInitializer); the
// settings are the most common context's, so this class shares it.
@SpringBootTest(properties = "lexvault.identity.sign-in-throttle.attempts=100000")
@AutoConfigureMockMvc
class MailDeliveryIntegrationTests extends FirmTest {

    @Autowired
    Outbox outbox;

    @Autowired
    MailDelivery delivery;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void queuedMailIsWrittenAsAPrivateEmlFileAfterCommitOnly() throws Exception {
        var firm = aFirm("Mail");
        String subject = "Hello " + TestDatabase.randomName();
        TenantContext.runAs(
                firm,
                null,
                () -> transactions.executeWithoutResult(status -> {
                    outbox.enqueue("rolled-back@firm.example", subject + " (rolled back)", "never sent");
                    status.setRollbackOnly();
                }));
        TenantContext.runAs(
                firm,
                null,
                () -> transactions.executeWithoutResult(
                        status -> outbox.enqueue("ann@firm.example", subject, "Body text")));
        delivery.deliverDue();
        Path directory = Path.of("target", "test-var", "mail");
        try (var files = Files.list(directory)) {
            var written = files.filter(file -> {
                        try {
                            return Files.readString(file).contains(subject);
                        } catch (java.io.IOException e) {
                            return false;
                        }
                    })
                    .toList();
            assertThat(written).hasSize(1);
            assertThat(Files.readString(written.getFirst()))
                    .contains("To: ann@firm.example", "Body text")
                    .doesNotContain("rolled back");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written.getFirst())))
                    .isEqualTo("rw-------");
        }
    }
}
