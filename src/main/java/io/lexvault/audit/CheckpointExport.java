package io.lexvault.audit;

import io.lexvault.audit.internal.AuditSequencer;
import io.lexvault.audit.internal.CheckpointNotes;
import io.lexvault.audit.internal.CheckpointUploads;
import io.lexvault.crypto.ServerSigningKeys;
import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.Account;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Accounts;
import io.lexvault.identity.RequestOrigin;
import io.lexvault.mail.Outbox;
import io.lexvault.storage.S3Location;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.PublicAddress;
import io.lexvault.web.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the bound firm's latest signed checkpoint to places the database administrator does not
 * control: a file, an S3 bucket, the mailboxes of the firm's officers. Whoever keeps such a copy can
 * later prove that the log was rewritten, truncated or reset (`lexvault audit verify --checkpoint`).
 * Each export on request is recorded in the firm's log as {@link AuditAction#CHECKPOINT_EXPORTED}
 * with the kind of destination, never credentials.
 *
 * <p>Officers are the firm's active users whose roles grant {@code audit.read} (with the built-in
 * roles: administrators and auditors): the people who answer for the log and can check it.
 */
@Service
public class CheckpointExport {

    /** The permission that makes a user one of the firm's officers for checkpoint mail. */
    public static final String OFFICER_PERMISSION = "audit.read";

    /** @param destination where it went: a file path or {@code s3://bucket/key} */
    public record Exported(long treeSize, String destination) {}

    public record Mailed(long treeSize, int recipients) {}

    /** How the automatic copies to S3 stand for the bound firm. */
    public record UploadStatus(
            @Nullable Long lastExportedSize,
            int waiting,
            @Nullable String lastFailure) {}

    /** The firm's log has no signed checkpoint yet (nothing has been sequenced). */
    public static class NoCheckpointYetException extends Refusal {
        NoCheckpointYetException() {
            super(Reason.NOT_FOUND, "The firm's audit log has no signed checkpoint yet.");
        }
    }

    private final AuditLog log;
    private final AuditLedger ledger;
    private final CheckpointUploads uploads;
    private final Accounts accounts;
    private final AccessGrants grants;
    private final Outbox outbox;
    private final Tenants tenants;
    private final ServerSigningKeys signingKeys;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String publicUrl;

    CheckpointExport(
            AuditLog log,
            AuditLedger ledger,
            CheckpointUploads uploads,
            Accounts accounts,
            AccessGrants grants,
            Outbox outbox,
            Tenants tenants,
            ServerSigningKeys signingKeys,
            TransactionTemplate transactions,
            Clock clock,
            PublicAddress publicAddress) {
        this.log = log;
        this.ledger = ledger;
        this.uploads = uploads;
        this.accounts = accounts;
        this.grants = grants;
        this.outbox = outbox;
        this.tenants = tenants;
        this.signingKeys = signingKeys;
        this.transactions = transactions;
        this.clock = clock;
        this.publicUrl = publicAddress.publicUrl();
    }

    /**
     * Writes the latest checkpoint to a new file (an existing one is never overwritten).
     *
     * @throws NoCheckpointYetException when there is none
     * @throws UncheckedIOException when the file exists or cannot be written
     */
    public Exported toFile(Path target, AuditRecord.Actor actor) {
        var latest = latest();
        try {
            Files.writeString(target, latest.note(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
        }
        recordAlone(actor, Map.of("destination", "file", "tree_size", String.valueOf(latest.treeSize())));
        return new Exported(latest.treeSize(), target.toString());
    }

    /**
     * Writes the latest checkpoint to S3: to {@code target}, or when null to the configured bucket
     * under {@code <prefix>/<firm id>/<tree size>.checkpoint} (where the automatic copies go). An
     * object already there is never replaced; the same bytes count as done.
     *
     * @throws NoCheckpointYetException when there is none
     * @throws io.lexvault.storage.ObjectStoreException when the store cannot be reached, refuses, or
     *     holds a different checkpoint under the key
     * @throws IllegalStateException when {@code target} is null and no bucket is configured
     */
    public Exported toS3(@Nullable S3Location target, AuditRecord.Actor actor) {
        var latest = latest();
        var location = target != null
                ? target
                : uploads.locationOf(TenantContext.requireTenant().value(), latest.treeSize());
        var written = uploads.upload(location, latest.note());
        recordAlone(
                actor,
                Map.of(
                        "destination",
                        "s3",
                        "tree_size",
                        String.valueOf(latest.treeSize()),
                        "configured_bucket",
                        String.valueOf(target == null),
                        "written",
                        written.name().toLowerCase(java.util.Locale.ROOT)));
        return new Exported(latest.treeSize(), location.toString());
    }

    /**
     * Mails the latest checkpoint, the verifier key and why to keep them to each of the firm's
     * officers, through the outbox: queued and recorded in one transaction, sent after commit.
     *
     * @throws NoCheckpointYetException when there is none
     */
    public Mailed mailToOfficers(AuditRecord.Actor actor) {
        var firm = TenantContext.requireTenant();
        Mailed mailed = transactions.execute(status -> {
            var latest = latest();
            var officers = officers();
            // A firm's name is typed by people: no line breaks into the subject or the paragraph.
            String firmName = tenants.current().name().replaceAll("\\p{Cntrl}", " ");
            String subject = "Audit checkpoint of " + firmName + " (" + latest.treeSize() + " events)";
            String body = mailBody(firmName, latest);
            for (var officer : officers) {
                outbox.enqueue(officer.email(), subject, body);
            }
            ledger.append(record(
                    actor,
                    Map.of(
                            "destination",
                            "mail",
                            "tree_size",
                            String.valueOf(latest.treeSize()),
                            "recipients",
                            String.valueOf(officers.size()))));
            return new Mailed(latest.treeSize(), officers.size());
        });
        if (mailed == null) {
            throw new IllegalStateException("No result from mailing the checkpoint of " + firm.value());
        }
        return mailed;
    }

    /** How the automatic copies to S3 stand, or empty when they are switched off. */
    public Optional<UploadStatus> uploadStatus() {
        return uploads.status()
                .map(status -> new UploadStatus(status.lastExportedSize(), status.waiting(), status.lastFailure()));
    }

    /** Active users of the bound firm whose roles grant {@link #OFFICER_PERMISSION}. */
    private List<Account> officers() {
        var firm = TenantContext.requireTenant();
        return accounts.all().stream()
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .filter(account -> grants.of(firm, account.id()).permissions().contains(OFFICER_PERMISSION))
                .toList();
    }

    private String mailBody(String firmName, AuditLog.Checkpoint latest) {
        // The name the note was signed under, which is this server's address when the server signed
        // it, even where this runs as a command started without that address.
        String keyName = CheckpointNotes.signerNames(latest.note()).stream()
                .findFirst()
                .orElse(CheckpointNotes.keyName(publicUrl));
        String verifierKey = CheckpointNotes.verifierKey(
                keyName, signingKeys.forPurpose(AuditSequencer.CHECKPOINT_KEY).publicKey());
        return """
                You receive this as one of the officers of %1$s in LexVault: your role lets you read the firm's \
                audit log.

                Please keep this message, unchanged, where LexVault's operators and database administrators \
                cannot reach it (your own mail archive is such a place). The checkpoint below is signed by \
                LexVault and fixes the firm's audit log as it stood at %2$d events: every later state of the log \
                must extend it. If anyone later rewrites, deletes or rolls back events in the database, the log \
                can no longer be shown to extend this checkpoint, and `lexvault audit verify --checkpoint <file>` \
                (or any verifier following LexVault's docs/audit-format.md) says so. Without copies kept outside, \
                a database restored from an old backup could not be told from the real history.

                Checkpoint (save the lines between the markers as a file, exactly):
                -----BEGIN CHECKPOINT-----
                %3$s-----END CHECKPOINT-----

                Verifier key, also published at %4$s/.well-known/lexvault-audit-keys:
                %5$s
                """.formatted(firmName, latest.treeSize(), latest.note(), stripSlash(publicUrl), verifierKey);
    }

    private AuditLog.Checkpoint latest() {
        return log.latestCheckpoint().orElseThrow(NoCheckpointYetException::new);
    }

    /** Records an export that happened outside any transaction (a file, an object): in one of its own. */
    private void recordAlone(AuditRecord.Actor actor, Map<String, String> details) {
        var event = record(actor, details);
        transactions.executeWithoutResult(status -> ledger.append(event));
    }

    private AuditRecord record(AuditRecord.Actor actor, Map<String, String> details) {
        var origin = RequestOrigin.current();
        return new AuditRecord(
                AuditAction.CHECKPOINT_EXPORTED,
                AuditOutcome.SUCCESS,
                clock.instant(),
                actor,
                "checkpoint",
                null,
                null,
                null,
                origin.address(),
                origin.userAgent(),
                details);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
