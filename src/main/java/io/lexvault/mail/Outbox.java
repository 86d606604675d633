package io.lexvault.mail;

import io.lexvault.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues e-mail for the bound firm in the caller's transaction: it is sent only if that transaction
 * commits, and retried until the mail server takes it.
 */
@Service
public class Outbox {

    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Queues a message to an address that belongs to no firm yet (a sign-up confirmation). Anything
     * about an existing firm or account goes through {@link #enqueue} instead.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueueWithoutFirm(String recipient, String subject, String body) {
        var id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
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
        return id;
    }

    /** Queues a plain-text message; returns its id. */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID enqueue(String recipient, String subject, String body) {
        var id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
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
        return id;
    }
}
