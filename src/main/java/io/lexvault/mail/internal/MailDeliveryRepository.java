package io.lexvault.mail.internal;

import io.lexvault.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outboxes as {@link MailDelivery} reads and marks them. */
@Repository
class MailDeliveryRepository {

    record Due(UUID id, String recipient, String subject, String body, int attempts) {}

    /**
     * The two outboxes: each firm's (read inside that firm's row-level security) and the one for
     * addresses that belong to no firm yet. Table names are constants, never input.
     */
    enum Queue {
        FIRM("lexvault.mail_outbox", "tenant_id = :tenant AND "),
        SYSTEM("lexvault.system_mail_outbox", "");

        final String table;
        final String scope;

        Queue(String table, String scope) {
            this.table = table;
            this.scope = scope;
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return this == FIRM
                    ? statement.param("tenant", TenantContext.requireTenant().value())
                    : statement;
        }
    }

    private final JdbcClient jdbc;

    MailDeliveryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<UUID> firmsWithMailDue(Instant now) {
        return jdbc.sql("SELECT lexvault.firms_with_mail_due(:now)")
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .list();
    }

    /** Claims up to 50 due messages; {@code SKIP LOCKED}, so two nodes never claim the same one. */
    List<Due> claimDue(Queue queue, Instant now) {
        return queue.bind(jdbc.sql("SELECT id, recipient, subject, body, attempts FROM " + queue.table
                                + " WHERE " + queue.scope
                                + "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= :now"
                                + " ORDER BY next_attempt_at LIMIT 50 FOR UPDATE SKIP LOCKED")
                        .param("now", Timestamp.from(now)))
                .query((row, n) -> new Due(
                        row.getObject("id", UUID.class),
                        row.getString("recipient"),
                        row.getString("subject"),
                        row.getString("body"),
                        row.getInt("attempts")))
                .list();
    }

    void markSent(Queue queue, UUID id, Instant now) {
        queue.bind(jdbc.sql("UPDATE " + queue.table
                                + " SET sent_at = :now, body = NULL, attempts = attempts + 1 WHERE "
                                + queue.scope + "id = :id")
                        .param("now", Timestamp.from(now))
                        .param("id", id))
                .update();
    }

    /** Another attempt at {@code next}; after the {@code last}, the message is failed and its body dropped. */
    void markAttemptFailed(Queue queue, UUID id, Instant next, boolean last, Instant now) {
        queue.bind(jdbc.sql("UPDATE " + queue.table
                                + " SET attempts = attempts + 1, next_attempt_at = :next,"
                                + " failed_at = CASE WHEN :last THEN CAST(:now AS timestamptz) END,"
                                + " body = CASE WHEN :last THEN NULL ELSE body END WHERE "
                                + queue.scope + "id = :id")
                        .param("next", Timestamp.from(next))
                        .param("last", last)
                        .param("now", Timestamp.from(now))
                        .param("id", id))
                .update();
    }
}
