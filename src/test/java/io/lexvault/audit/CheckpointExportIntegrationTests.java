package io.lexvault.audit;

import static io.lexvault.testsupport.AuditTampering.tamper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.lexvault.access.BuiltInRole;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.audit.internal.CheckpointUploads;
import io.lexvault.mail.internal.MailDelivery;
import io.lexvault.storage.ObjectStoreException;
import io.lexvault.storage.S3Location;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import io.lexvault.testsupport.AuditLogTest;
import io.lexvault.testsupport.S3MockServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Signed checkpoints leave the database administrator's reach: copied to a real S3 API server
 * (S3Mock, its own process) as they are signed or on request, and mailed to the firm's officers
 * through a real SMTP server (GreenMail). What arrives is read back with independent clients and
 * checked with the published key.
 */
@SpringBootTest(
        properties = {
            "lexvault.identity.sign-in-throttle.attempts=100000",
            "lexvault.public-url=https://lexvault.test",
            "lexvault.audit.checkpoint-export.interval=PT1H",
            "lexvault.audit.checkpoint-export.s3.prefix=/firms/checkpoints/"
        })
@AutoConfigureMockMvc
class CheckpointExportIntegrationTests extends AuditLogTest {

    private static final String PREFIX = "firms/checkpoints";
    private static final int EVENTS = 5;

    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry properties) {
        var s3 = S3MockServer.shared();
        properties.add("lexvault.audit.checkpoint-export.s3.bucket", () -> S3MockServer.BUCKET);
        properties.add("lexvault.audit.checkpoint-export.s3.region", () -> S3MockServer.REGION);
        properties.add(
                "lexvault.audit.checkpoint-export.s3.endpoint",
                () -> s3.endpoint().toString());
        properties.add("lexvault.audit.checkpoint-export.s3.path-style", () -> "true");
        properties.add("spring.mail.host", () -> "127.0.0.1");
        properties.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    private final S3Client bucket = S3MockServer.shared().client();

    @Autowired
    CheckpointUploads uploads;

    @Autowired
    CheckpointExport export;

    @Autowired
    MailDelivery delivery;

    @Test
    void everyNewlySignedCheckpointLandsInTheBucketAsSignedAndVerifies() throws Exception {
        var firm = aFirmWithLog();
        uploads.exportDue();

        var stored = storedCheckpoints(firm);
        assertThat(stored).hasSize(EVENTS);
        var publicKey = publishedKey();
        for (var checkpoint : stored) {
            String key = PREFIX + "/" + firm.value() + "/" + checkpoint.size() + ".checkpoint";
            var object = bucket.getObjectAsBytes(GetObjectRequest.builder()
                    .bucket(S3MockServer.BUCKET)
                    .key(key)
                    .build());
            assertThat(object.asByteArray())
                    .as("object %s is the stored note byte for byte", key)
                    .isEqualTo(checkpoint.note().getBytes(StandardCharsets.UTF_8));
            assertThat(object.response().contentType()).startsWith("text/plain");
            var verified = CheckpointNotes.verify(
                    object.asUtf8String(), CheckpointNotes.keyName("https://lexvault.test"), publicKey);
            assertThat(verified).isPresent();
            assertThat(verified.get().size()).isEqualTo(checkpoint.size());
            assertThat(verified.get().origin()).isEqualTo("lexvault.test/lexvault/audit/" + firm.value());
        }
        var status = TenantContext.callAs(firm, null, () -> export.uploadStatus());
        assertThat(status).contains(new CheckpointExport.UploadStatus((long) EVENTS, 0, null));
    }

    @Test
    void aCheckpointOnRequestGoesToTheNamedObjectIsNeverOverwrittenAndIsAudited() {
        var firm = aFirmWithLog();
        var target = S3Location.parse("s3://" + S3MockServer.BUCKET + "/requested/" + firm.value() + ".checkpoint");
        String latest = latestNote(firm);

        var exported = TenantContext.callAs(firm, null, () -> export.toS3(target, AuditRecord.Actor.SYSTEM));
        assertThat(exported).isEqualTo(new CheckpointExport.Exported(EVENTS, target.toString()));
        assertThat(object(target.key())).isEqualTo(latest);

        // The log grows (the export itself is an event); a later checkpoint never replaces the first.
        sequencer.sequencePending();
        assertThat(latestNote(firm)).isNotEqualTo(latest);
        assertThatThrownBy(() -> TenantContext.callAs(firm, null, () -> export.toS3(target, AuditRecord.Actor.SYSTEM)))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("A different checkpoint is already stored at " + target);
        assertThat(object(target.key())).isEqualTo(latest);

        var recorded = exportEvents(firm);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst())
                .containsEntry("actor_type", "system")
                .containsEntry("destination", "s3")
                .containsEntry("tree_size", String.valueOf(EVENTS))
                .containsEntry("configured_bucket", "false");
        assertThat(recorded.getFirst().values())
                .as("no credentials in the details")
                .noneMatch(value -> value.contains(S3MockServer.CREDENTIALS.get("aws.secretAccessKey"))
                        || value.contains(S3MockServer.CREDENTIALS.get("aws.accessKeyId")));
    }

    @Test
    void aCheckpointCopiedToS3RevealsALaterDatabaseReset() throws Exception {
        var firm = aFirmWithLog();
        uploads.exportDue();
        String copied = object(PREFIX + "/" + firm.value() + "/" + EVENTS + ".checkpoint");

        // A restore of an older backup (every table as it was at 3 leaves), then the firm works on.
        tamper(connection -> {
            execute(connection, """
                    WITH gone AS (DELETE FROM lexvault.audit_leaves WHERE tenant_id = ? AND leaf_index >= 3 RETURNING event_id)
                    DELETE FROM lexvault.audit_events WHERE id IN (SELECT event_id FROM gone)
                    """, firm);
            execute(connection, "DELETE FROM lexvault.audit_checkpoints WHERE tenant_id = ? AND tree_size > 3", firm);
            execute(
                    connection,
                    "DELETE FROM lexvault.audit_checkpoint_exports WHERE tenant_id = ? AND tree_size > 3",
                    firm);
        });
        audit.appendEachSequenced(firm, EVENTS);
        assertThat(verifier.verify(firm, null).passed())
                .as("consistent with itself")
                .isTrue();

        var report = verifier.verify(firm, copied);
        assertThat(report.passed()).isFalse();
        assertThat(report.problems().getFirst()).contains("checkpoint kept outside");

        // The new history's checkpoints of sizes already copied do not replace the copies, and stay
        // reported; its larger ones are copied as usual.
        uploads.exportDue();
        assertThat(object(PREFIX + "/" + firm.value() + "/" + EVENTS + ".checkpoint"))
                .isEqualTo(copied);
        assertThat(object(PREFIX + "/" + firm.value() + "/" + (3 + EVENTS) + ".checkpoint"))
                .isEqualTo(latestNote(firm));
        uploads.exportDue(); // never due again
        var status =
                TenantContext.callAs(firm, null, () -> export.uploadStatus()).orElseThrow();
        assertThat(status.waiting()).as("sizes 4 and 5 of the new history").isEqualTo(2);
        assertThat(status.lastExportedSize()).isEqualTo(3 + EVENTS);
        assertThat(status.lastFailure()).startsWith("A different checkpoint is already stored at s3://");
    }

    @Test
    void officersReceiveTheCheckpointByMailAndOthersDoNot() throws Exception {
        var firm = aFirm("Checkpoint mail");
        var administrator = withRole(firm, BuiltInRole.ADMINISTRATOR);
        var auditor = withRole(firm, BuiltInRole.AUDITOR);
        var paralegal = withRole(firm, BuiltInRole.PARALEGAL);
        var formerAuditor = withRole(firm, BuiltInRole.AUDITOR);
        TenantContext.runAs(firm, null, () -> accounts.deactivate(formerAuditor.id()));
        audit.appendEachSequenced(firm, 3);
        Cookie session = http.signIn(auditor);
        sequencer.sequencePending(); // the sign-in too
        String latest = latestNote(firm);

        var response = mvc.perform(
                        post("/api/v1/audit/checkpoint/mail").cookie(session).with(csrf()))
                .andReturn()
                .getResponse();
        assertThat(response.getStatus()).isEqualTo(202);
        var answer = json.readTree(response.getContentAsString());
        assertThat(answer.get("recipients").asInt()).isEqualTo(2);
        assertThat(answer.get("treeSize").asLong()).isEqualTo(Long.parseLong(latest.split("\n")[1]));
        delivery.deliverDue();

        assertThat(mailTo(paralegal.email())).isEmpty();
        assertThat(mailTo(formerAuditor.email())).isEmpty();
        String published = mvc.perform(get("/.well-known/lexvault-audit-keys"))
                .andReturn()
                .getResponse()
                .getContentAsString()
                .strip();
        for (var officer : List.of(administrator, auditor)) {
            var mail = mailTo(officer.email());
            assertThat(mail).as("mail to %s", officer.email()).hasSize(1);
            String body = ((String) mail.getFirst().getContent()).replace("\r\n", "\n");
            String note = between(body, "-----BEGIN CHECKPOINT-----\n", "-----END CHECKPOINT-----");
            assertThat(note).isEqualTo(latest);
            assertThat(CheckpointNotes.verify(note, CheckpointNotes.keyName("https://lexvault.test"), publishedKey()))
                    .isPresent();
            assertThat(body)
                    .contains(published)
                    .contains("https://lexvault.test/.well-known/lexvault-audit-keys")
                    .contains("lexvault audit verify --checkpoint");
        }

        var recorded = exportEvents(firm);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.getFirst())
                .containsEntry("actor_type", "user")
                .containsEntry("actor_id", auditor.id().value().toString())
                .containsEntry("destination", "mail")
                .containsEntry("recipients", "2");
    }

    @Test
    void mailingTheCheckpointNeedsAuditExport() throws Exception {
        var firm = aFirm("Checkpoint mail");
        audit.appendEachSequenced(firm, 1);
        for (var role : List.of(BuiltInRole.PARALEGAL, BuiltInRole.ATTORNEY)) {
            Cookie session = http.signIn(withRole(firm, role));
            assertThat(http.statusOf(session, post("/api/v1/audit/checkpoint/mail"), null))
                    .as("as %s", role)
                    .isEqualTo(403);
        }
        assertThat(mvc.perform(post("/api/v1/audit/checkpoint/mail").with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
        assertThat(exportEvents(firm)).isEmpty();

        var empty = aFirm("Checkpoint mail");
        var emptyAuditor = withRole(empty, BuiltInRole.AUDITOR);
        Cookie session = http.signIn(emptyAuditor); // recorded, but not yet sequenced: no checkpoint
        assertThat(http.statusOf(session, post("/api/v1/audit/checkpoint/mail"), null))
                .isEqualTo(404);
    }

    /** A firm whose log has {@link #EVENTS} leaves, each sequenced (and checkpointed) on its own. */
    private TenantId aFirmWithLog() {
        var firm = aFirm("Checkpoint export");
        audit.appendEachSequenced(firm, EVENTS);
        return firm;
    }

    private record Stored(long size, String note) {}

    private List<Stored> storedCheckpoints(TenantId firm) {
        return TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql("""
                                SELECT tree_size, note FROM lexvault.audit_checkpoints
                                 WHERE tenant_id = :tenant ORDER BY tree_size
                                """)
                        .param("tenant", firm.value())
                        .query((row, n) -> new Stored(row.getLong("tree_size"), row.getString("note")))
                        .list()));
    }

    private String latestNote(TenantId firm) {
        return storedCheckpoints(firm).getLast().note();
    }

    /** The details of the firm's checkpoint exports, with who acted ({@code actor_type}, {@code actor_id}). */
    @SuppressWarnings("unchecked")
    private List<Map<String, String>> exportEvents(TenantId firm) {
        return TenantContext.callAs(
                firm,
                null,
                () -> transactions.execute(status -> jdbc.sql("""
                                SELECT actor_type, actor_id, details::text AS details FROM lexvault.audit_events
                                 WHERE tenant_id = :tenant AND action = 'audit.checkpoint_exported'
                                """)
                        .param("tenant", firm.value())
                        .query((row, n) -> {
                            var all = new java.util.HashMap<String, String>(
                                    json.readValue(row.getString("details"), Map.class));
                            all.put("actor_type", row.getString("actor_type"));
                            all.put("actor_id", String.valueOf(row.getObject("actor_id")));
                            return (Map<String, String>) all;
                        })
                        .list()));
    }

    private byte[] publishedKey() throws Exception {
        String line = mvc.perform(get("/.well-known/lexvault-audit-keys"))
                .andReturn()
                .getResponse()
                .getContentAsString()
                .strip();
        byte[] typed = Base64.getDecoder().decode(line.split("\\+", 3)[2]);
        return Arrays.copyOfRange(typed, 1, typed.length);
    }

    private @Nullable String object(String key) {
        try {
            return bucket.getObjectAsBytes(GetObjectRequest.builder()
                            .bucket(S3MockServer.BUCKET)
                            .key(key)
                            .build())
                    .asUtf8String();
        } catch (NoSuchKeyException e) {
            return null;
        }
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(recipient -> recipient.toString().equals(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from + 1);
        assertThat(from).as("start marker in:\n%s", text).isNotNegative();
        assertThat(to).as("end marker in:\n%s", text).isPositive();
        return text.substring(from + start.length(), to);
    }

    private static void execute(Connection connection, String sql, TenantId firm) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            statement.setObject(1, firm.value());
            statement.executeUpdate();
        }
    }
}
