package io.lexvault.mail.internal;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMTP when {@code spring.mail.host} is set (Spring Boot then provides the mail sender); otherwise
 * .eml files under {@code <data dir>/mail}, with a note in the log saying where.
 */
@Configuration(proxyBeanMethods = false)
class MailConfiguration {

    @Bean
    MailDelivery mailDelivery(
            MailDeliveryRepository outboxes,
            TransactionTemplate transactions,
            ObjectProvider<JavaMailSender> smtp,
            @Value("${lexvault.mail.from:LexVault <no-reply@lexvault.invalid>}") String from,
            @Value("${lexvault.data-dir:var}") String dataDirectory,
            Clock clock)
            throws AddressException {
        JavaMailSender sender = smtp.getIfAvailable();
        MailTransport transport;
        if (sender != null) {
            transport = new SmtpTransport(sender);
        } else {
            Path directory = Path.of(dataDirectory).resolve("mail").toAbsolutePath();
            LoggerFactory.getLogger(MailDelivery.class)
                    .info("No SMTP server configured (spring.mail.host): e-mail is written to {}", directory);
            transport = new FileTransport(directory);
        }
        return new MailDelivery(outboxes, transactions, transport, new InternetAddress(from, true), clock);
    }
}
