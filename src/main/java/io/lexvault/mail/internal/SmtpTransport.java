package io.lexvault.mail.internal;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP through Spring Mail ({@code spring.mail.*}). */
final class SmtpTransport implements MailTransport {

    private final JavaMailSender sender;

    SmtpTransport(JavaMailSender sender) {
        this.sender = sender;
    }

    @Override
    public MimeMessage newMessage() {
        return sender.createMimeMessage();
    }

    @Override
    public String deliver(MimeMessage message) {
        sender.send(message);
        return "the SMTP server";
    }
}
