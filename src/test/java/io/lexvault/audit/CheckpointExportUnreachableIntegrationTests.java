package io.lexvault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lexvault.audit.internal.CheckpointUploads;
import io.lexvault.storage.ObjectStoreException;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import io.lexvault.testsupport.MutableClockConfiguration;
import io.lexvault.testsupport.S3MockServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A bucket that cannot be reached delays the copies, never the log; every failure is reported. */
@SpringBootTest(properties = "lexvault.audit.checkpoint-export.interval=PT1H")
@Import(MutableClockConfiguration.class)
@AutoConfigureMockMvc
class CheckpointExportUnreachableIntegrationTests extends AuditLogTest {

    @DynamicPropertySource
    static void unreachableStore(DynamicPropertyRegistry properties) {
        S3MockServer.CREDENTIALS.forEach(System::setProperty); // credentials there, the store is not
        properties.add("lexvault.audit.checkpoint-export.s3.bucket", () -> S3MockServer.BUCKET);
        properties.add("lexvault.audit.checkpoint-export.s3.region", () -> S3MockServer.REGION);
        properties.add(
                "lexvault.audit.checkpoint-export.s3.endpoint", () -> "http://127.0.0.1:" + S3MockServer.closedPort());
        properties.add("lexvault.audit.checkpoint-export.s3.path-style", () -> "true");
    }

    @Autowired
    CheckpointUploads uploads;

    @Autowired
    CheckpointExport export;

    @Test
    void anUnreachableStoreDoesNotHoldUpTheLogAndIsRetriedAndReported() {
        var firm = aFirm("Unreachable");
        for (int i = 0; i < 3; i++) {
            append(firm, i);
            assertThat(sequencer.sequencePending()).isPositive();
        }
        assertThat(TenantContext.callAs(firm, null, () -> log.latestCheckpoint())
                        .orElseThrow()
                        .treeSize())
                .as("sequenced and signed while the store is down")
                .isEqualTo(3);
        assertThat(verifier.verify(firm, null).passed()).isTrue();

        assertThat(uploads.exportDue().failed()).isPositive();
        var status =
                TenantContext.callAs(firm, null, () -> export.uploadStatus()).orElseThrow();
        assertThat(status.waiting()).isEqualTo(3);
        assertThat(status.lastExportedSize()).isNull();
        assertThat(status.lastFailure())
                .isNotBlank()
                .doesNotContain(S3MockServer.CREDENTIALS.get("aws.secretAccessKey"));

        // Not due again before its pause is over, then tried again (and failing again, still reported).
        var attemptsBefore = attempts(firm);
        uploads.exportDue();
        assertThat(attempts(firm)).isEqualTo(attemptsBefore);
        clock.advance(Duration.ofHours(2));
        uploads.exportDue();
        assertThat(attempts(firm)).isGreaterThan(attemptsBefore);

        // On request, the failure reaches the operator at once.
        assertThatThrownBy(() -> TenantContext.callAs(firm, null, () -> export.toS3(null, AuditRecord.Actor.SYSTEM)))
                .isInstanceOf(ObjectStoreException.class);
    }

    private void append(TenantId firm, int n) {
        audit.appendNumbered(firm, "" + n);
    }

    private long attempts(TenantId firm) {
        Long attempts = TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql(
                                "SELECT sum(attempts) FROM lexvault.audit_checkpoint_exports WHERE tenant_id = :tenant")
                        .param("tenant", firm.value())
                        .query(Long.class)
                        .single()));
        return attempts == null ? 0 : attempts;
    }
}
