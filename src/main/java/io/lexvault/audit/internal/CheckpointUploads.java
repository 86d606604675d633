package io.lexvault.audit.internal;

import io.lexvault.audit.internal.CheckpointExportRepository.Due;
import io.lexvault.storage.ObjectStoreException;
import io.lexvault.storage.S3Location;
import io.lexvault.storage.S3Settings;
import io.lexvault.storage.S3Storage;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Copies signed checkpoints to S3. With a bucket configured, the sequencer queues each checkpoint it
 * signs (in its own transaction); this job copies them after commit, firm by firm, and retries with
 * growing pauses. A store that is down delays the copies, never the log: the sequencer does not wait
 * for it. An object already stored is never replaced (conditional write), so a database reset
 * followed by new checkpoints of the same size cannot overwrite the evidence of the old ones.
 */
@Component
@EnableConfigurationProperties(CheckpointExportProperties.class)
public class CheckpointUploads implements DisposableBean {

    /** Objects are the signed note as is, in UTF-8. */
    public static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private static final Logger log = LoggerFactory.getLogger(CheckpointUploads.class);
    private static final List<Duration> BACKOFF =
            List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(30));
    private static final Duration MAX_PAUSE = Duration.ofHours(1);

    /**
     * Another checkpoint is stored under the key: for an automatic copy, two histories were signed
     * with the same size, so the log was reset or rewritten after the first was copied.
     */
    public static final class DifferentCheckpointStoredException extends ObjectStoreException {
        DifferentCheckpointStoredException(S3Location location) {
            super(
                    "A different checkpoint is already stored at " + location
                            + "; it was left alone. Compare it with `lexvault audit verify --checkpoint`:"
                            + " the log may have been reset or rewritten since it was written.",
                    null);
        }
    }

    /** What one run of the job did. */
    public record Run(int exported, int failed) {}

    /** The state of a firm's copies: how far they got, what waits, and why the last attempt failed. */
    public record Status(
            @Nullable Long lastExportedSize,
            int waiting,
            @Nullable String lastFailure) {}

    private final CheckpointExportRepository rows;
    private final TransactionTemplate transactions;
    private final S3Settings settings;
    private final Clock clock;
    private @Nullable S3Storage storage;

    CheckpointUploads(
            CheckpointExportRepository rows,
            TransactionTemplate transactions,
            CheckpointExportProperties properties,
            Clock clock) {
        this.rows = rows;
        this.transactions = transactions;
        this.settings = properties.s3();
        this.clock = clock;
        // Connected at start-up when configured, so a bad region fails the start, not the first copy.
        this.storage = settings.hasBucket() ? S3Storage.connect(settings) : null;
    }

    /** Whether every new checkpoint is copied to the configured bucket. */
    public boolean automatic() {
        return settings.hasBucket();
    }

    public S3Settings settings() {
        return settings;
    }

    /** The object a firm's checkpoint of a given size is copied to: {@code <prefix>/<firm id>/<size>.checkpoint}. */
    public S3Location locationOf(UUID firm, long treeSize) {
        return settings.locationOf(firm + "/" + treeSize + ".checkpoint");
    }

    /** Queues the bound firm's new checkpoint for copying, in the caller's (the sequencer's) transaction. */
    void queue(UUID firm, long treeSize, Timestamp now) {
        // A row for this size can only exist if someone removed checkpoints underneath the log; the
        // copy made then stays, and is what proves it (never overwritten).
        rows.queue(firm, treeSize, now);
    }

    /**
     * Writes a note to S3, never replacing an object. Uses the configured client, or one made for
     * the configured endpoint and region when automatic copies are off.
     *
     * @throws ObjectStoreException when the store cannot be reached, refuses, or holds other bytes
     *     under the key
     */
    public S3Storage.Written upload(S3Location location, String note) {
        S3Storage.Written written;
        if (storage != null) {
            written = storage.putIfAbsent(location, note.getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
        } else {
            try (var once = S3Storage.connect(settings)) {
                written = once.putIfAbsent(location, note.getBytes(StandardCharsets.UTF_8), CONTENT_TYPE);
            }
        }
        if (written == S3Storage.Written.DIFFERENT_OBJECT_STORED) {
            throw new DifferentCheckpointStoredException(location);
        }
        return written;
    }

    /** Copies every checkpoint that is due, firm by firm; runs every few seconds when configured. */
    @Scheduled(
            fixedDelayString = "${lexvault.audit.checkpoint-export.interval:PT5S}",
            initialDelayString = "${lexvault.audit.checkpoint-export.interval:PT5S}")
    public Run exportDue() {
        if (storage == null) {
            return new Run(0, 0);
        }
        Instant now = clock.instant();
        var firms = transactions.execute(status -> rows.firmsWithExportsDue(now));
        int exported = 0;
        int failed = 0;
        for (UUID firm : firms == null ? List.<UUID>of() : firms) {
            Run run = TenantContext.callAs(
                    new TenantId(firm), null, () -> transactions.execute(status -> exportDueOfBoundFirm(firm, now)));
            if (run != null) {
                exported += run.exported();
                failed += run.failed();
            }
        }
        return new Run(exported, failed);
    }

    private Run exportDueOfBoundFirm(UUID firm, Instant now) {
        // SKIP LOCKED: several app nodes never copy the same checkpoint at once.
        var due = rows.claimDue(firm, now);
        int exported = 0;
        int failed = 0;
        for (var checkpoint : due) {
            var location = locationOf(firm, checkpoint.treeSize());
            try {
                upload(location, checkpoint.note());
                rows.exported(firm, checkpoint.treeSize(), location.toString(), now);
                exported++;
            } catch (DifferentCheckpointStoredException e) {
                conflicting(firm, checkpoint, e.getMessage());
                failed++;
            } catch (ObjectStoreException e) {
                failed(firm, checkpoint, e.getMessage(), now);
                return new Run(exported, failed + 1);
            }
        }
        return new Run(exported, failed);
    }

    /**
     * Retrying cannot help, and the copy already there is the evidence: the row is never due again
     * but stays waiting, so `audit verify` keeps listing it. The firm's other copies go on.
     */
    private void conflicting(UUID firm, Due checkpoint, String reason) {
        rows.neverAgain(firm, checkpoint.treeSize(), reason.length() > 300 ? reason.substring(0, 300) : reason);
        log.error("Audit checkpoint {} of firm {} was not copied to S3: {}", checkpoint.treeSize(), firm, reason);
    }

    private void failed(UUID firm, Due checkpoint, String reason, Instant now) {
        Duration pause = checkpoint.attempts() < BACKOFF.size() ? BACKOFF.get(checkpoint.attempts()) : MAX_PAUSE;
        String shortReason = reason.length() > 300 ? reason.substring(0, 300) : reason;
        rows.failed(firm, checkpoint.treeSize(), shortReason, now.plus(pause));
        // The firm's other copies go to the same store, which is likely down for them too: they wait
        // as long, rather than each costing an attempt on the next run.
        rows.postponeWaiting(firm, now.plus(pause));
        log.warn(
                "Audit checkpoint {} of firm {} could not be copied to S3 (attempt {}, next in {}): {}",
                checkpoint.treeSize(),
                firm,
                checkpoint.attempts() + 1,
                pause,
                shortReason);
    }

    /** The bound firm's copies to S3, or empty when automatic copies are off. */
    public Optional<Status> status() {
        if (!automatic()) {
            return Optional.empty();
        }
        UUID firm = TenantContext.requireTenant().value();
        return Optional.ofNullable(transactions.execute(status -> rows.status(firm)));
    }

    @Override
    public void destroy() {
        if (storage != null) {
            storage.close();
            storage = null;
        }
    }
}
