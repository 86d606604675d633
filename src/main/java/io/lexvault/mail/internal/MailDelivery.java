package io.lexvault.mail.internal;

import io.lexvault.mail.internal.MailDeliveryRepository.Due;
import io.lexvault.mail.internal.MailDeliveryRepository.Queue;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers queued mail, firm by firm (each inside its own tenant context), a batch at a time. Rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED}, so several app nodes never send one message twice.
 * Failures retry with growing pauses; after the last, the message is marked failed.
 */
public class MailDelivery {

    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
    private static final List<Duration> BACKOFF = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofHours(4),
            Duration.ofHours(12));

    private final MailDeliveryRepository outboxes;
    private final TransactionTemplate transactions;
    private final MailTransport transport;
    private final InternetAddress from;
    private final Clock clock;

    MailDelivery(
            MailDeliveryRepository outboxes,
            TransactionTemplate transactions,
            MailTransport transport,
            InternetAddress from,
            Clock clock) {
        this.outboxes = outboxes;
        this.transactions = transactions;
        this.transport = transport;
        this.from = from;
        this.clock = clock;
    }

    /** Sends what is due now; returns how many messages went out. Also runs every few seconds. */
    @Scheduled(
            fixedDelayString = "${lexvault.mail.poll-interval:PT5S}",
            initialDelayString = "${lexvault.mail.poll-interval:PT5S}")
    public int deliverDue() {
        Instant now = clock.instant();
        var firms = transactions.execute(status -> outboxes.firmsWithMailDue(now));
        Integer system = transactions.execute(status -> deliverFrom(Queue.SYSTEM, now));
        int sent = system == null ? 0 : system;
        for (UUID firm : firms == null ? List.<UUID>of() : firms) {
            Integer delivered = TenantContext.callAs(
                    new TenantId(firm), null, () -> transactions.execute(status -> deliverForBoundFirm(now)));
            sent += delivered == null ? 0 : delivered;
        }
        return sent;
    }

    private int deliverForBoundFirm(Instant now) {
        return deliverFrom(Queue.FIRM, now);
    }

    private int deliverFrom(Queue queue, Instant now) {
        var due = outboxes.claimDue(queue, now);
        int sent = 0;
        for (var message : due) {
            try {
                String where = transport.deliver(compose(message, now));
                outboxes.markSent(queue, message.id(), now);
                log.info("Mail {} delivered to {}", message.id(), where);
                sent++;
            } catch (MessagingException | RuntimeException e) {
                boolean last = message.attempts() >= BACKOFF.size();
                outboxes.markAttemptFailed(
                        queue,
                        message.id(),
                        now.plus(BACKOFF.get(Math.min(message.attempts(), BACKOFF.size() - 1))),
                        last,
                        now);
                log.warn(
                        "Mail {} could not be delivered (attempt {}{}): {}",
                        message.id(),
                        message.attempts() + 1,
                        last ? ", giving up" : "",
                        e.getMessage());
            }
        }
        return sent;
    }

    private jakarta.mail.internet.MimeMessage compose(Due message, Instant now) throws MessagingException {
        var mime = transport.newMessage();
        mime.setFrom(from);
        mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.recipient(), true));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setText(message.body() == null ? "" : message.body(), StandardCharsets.UTF_8.name());
        mime.setSentDate(Date.from(now));
        mime.setHeader("Auto-Submitted", "auto-generated");
        return mime;
    }
}
