package io.lexvault.audit.internal;

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
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final S3Settings settings;
    private final Clock clock;
    private @Nullable S3Storage storage;

    CheckpointUploads(
            JdbcClient jdbc, TransactionTemplate transactions, CheckpointExportProperties properties, Clock clock) {
        this.jdbc = jdbc;
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
        jdbc.sql("""
                        INSERT INTO lexvault.audit_checkpoint_exports (tenant_id, tree_size, queued_at, next_attempt_at)
                        VALUES (:tenant, :size, :now, :now) ON CONFLICT DO NOTHING
                        """)
                .param("tenant", firm)
                .param("size", treeSize)
                .param("now", now)
                .update();
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
        var firms = transactions.execute(status -> jdbc.sql("SELECT lexvault.firms_with_checkpoint_exports_due(:now)")
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .list());
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

    private record Due(long treeSize, String note, int attempts) {}

    private Run exportDueOfBoundFirm(UUID firm, Instant now) {
        // SKIP LOCKED: several app nodes never copy the same checkpoint at once.
        var due = jdbc.sql("""
                        SELECT x.tree_size, c.note, x.attempts FROM lexvault.audit_checkpoint_exports x
                          JOIN lexvault.audit_checkpoints c ON c.tenant_id = x.tenant_id AND c.tree_size = x.tree_size
                         WHERE x.tenant_id = :tenant AND x.exported_at IS NULL AND x.next_attempt_at <= :now
                         ORDER BY x.tree_size LIMIT 20 FOR UPDATE OF x SKIP LOCKED
                        """)
                .param("tenant", firm)
                .param("now", Timestamp.from(now))
                .query((row, n) -> new Due(row.getLong("tree_size"), row.getString("note"), row.getInt("attempts")))
                .list();
        int exported = 0;
        int failed = 0;
        for (var checkpoint : due) {
            var location = locationOf(firm, checkpoint.treeSize());
            try {
                upload(location, checkpoint.note());
                jdbc.sql("""
                                UPDATE lexvault.audit_checkpoint_exports
                                   SET exported_at = :now, exported_to = :to, attempts = attempts + 1, last_failure = NULL
                                 WHERE tenant_id = :tenant AND tree_size = :size
                                """)
                        .param("now", Timestamp.from(now))
                        .param("to", location.toString())
                        .param("tenant", firm)
                        .param("size", checkpoint.treeSize())
                        .update();
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
        jdbc.sql("""
                        UPDATE lexvault.audit_checkpoint_exports
                           SET attempts = attempts + 1, next_attempt_at = 'infinity', last_failure = :reason
                         WHERE tenant_id = :tenant AND tree_size = :size
                        """)
                .param("reason", reason.length() > 300 ? reason.substring(0, 300) : reason)
                .param("tenant", firm)
                .param("size", checkpoint.treeSize())
                .update();
        log.error("Audit checkpoint {} of firm {} was not copied to S3: {}", checkpoint.treeSize(), firm, reason);
    }

    private void failed(UUID firm, Due checkpoint, String reason, Instant now) {
        Duration pause = checkpoint.attempts() < BACKOFF.size() ? BACKOFF.get(checkpoint.attempts()) : MAX_PAUSE;
        String shortReason = reason.length() > 300 ? reason.substring(0, 300) : reason;
        jdbc.sql("""
                        UPDATE lexvault.audit_checkpoint_exports
                           SET attempts = attempts + 1, next_attempt_at = :next, last_failure = :reason
                         WHERE tenant_id = :tenant AND tree_size = :size
                        """)
                .param("next", Timestamp.from(now.plus(pause)))
                .param("reason", shortReason)
                .param("tenant", firm)
                .param("size", checkpoint.treeSize())
                .update();
        // The firm's other copies go to the same store, which is likely down for them too: they wait
        // as long, rather than each costing an attempt on the next run.
        jdbc.sql("""
                        UPDATE lexvault.audit_checkpoint_exports SET next_attempt_at = :next
                         WHERE tenant_id = :tenant AND exported_at IS NULL AND next_attempt_at < :next
                        """)
                .param("next", Timestamp.from(now.plus(pause)))
                .param("tenant", firm)
                .update();
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
        return Optional.ofNullable(transactions.execute(status -> jdbc.sql("""
                        SELECT max(tree_size) FILTER (WHERE exported_at IS NOT NULL) AS last_exported,
                               count(*) FILTER (WHERE exported_at IS NULL) AS waiting,
                               (SELECT last_failure FROM lexvault.audit_checkpoint_exports f
                                 WHERE f.tenant_id = :tenant AND f.exported_at IS NULL AND f.last_failure IS NOT NULL
                                 ORDER BY f.tree_size DESC LIMIT 1) AS last_failure
                          FROM lexvault.audit_checkpoint_exports WHERE tenant_id = :tenant
                        """)
                .param("tenant", firm)
                .query((row, n) -> new Status(
                        row.getObject("last_exported", Long.class),
                        row.getInt("waiting"),
                        row.getString("last_failure")))
                .single()));
    }

    @Override
    public void destroy() {
        if (storage != null) {
            storage.close();
            storage = null;
        }
    }
}
