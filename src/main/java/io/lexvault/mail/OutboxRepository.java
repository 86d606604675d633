package io.lexvault.mail;

import io.lexvault.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outboxes' rows as {@link Outbox} writes them: one per queued message. */
@Repository
class OutboxRepository {

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertWithoutFirm(UUID id, String recipient, String subject, String body, Instant queuedAt) {
        var now = Timestamp.from(queuedAt);
        jdbc.sql("""
                        INSERT INTO lexvault.system_mail_outbox (id, recipient, subject, body, created_at, next_attempt_at)
                        VALUES (:id, :recipient, :subject, :body, :now, :now)
                        """)
                .param("id", id)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("now", now)
                .update();
    }

    void insertForBoundFirm(UUID id, String recipient, String subject, String body, Instant queuedAt) {
        var now = Timestamp.from(queuedAt);
        jdbc.sql("""
                        INSERT INTO lexvault.mail_outbox (tenant_id, id, recipient, subject, body, created_at, next_attempt_at)
                        VALUES (:tenant, :id, :recipient, :subject, :body, :now, :now)
                        """)
                .param("tenant", TenantContext.requireTenant().value())
                .param("id", id)
                .param("recipient", recipient)
                .param("subject", subject)
                .param("body", body)
                .param("now", now)
                .update();
    }
}
