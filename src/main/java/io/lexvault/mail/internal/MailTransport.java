package io.lexvault.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Hands a finished message to the world: an SMTP server, or a directory of .eml files. */
interface MailTransport {

    MimeMessage newMessage();

    /** @return where the message went, for the log (never its recipient or content) */
    String deliver(MimeMessage message) throws MessagingException;
}
