package io.lexvault.mail.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.UUID;

/**
 * Writes each message as an .eml file (open it with any mail program) when no SMTP server is
 * configured: the demo, and a server not yet set up. Files are readable by their owner only, since
 * messages carry one-time links.
 */
final class FileTransport implements MailTransport {

    private final Path directory;
    private final Session session = Session.getInstance(new Properties());

    FileTransport(Path directory) {
        this.directory = directory;
    }

    @Override
    public MimeMessage newMessage() {
        return new MimeMessage(session);
    }

    @Override
    public String deliver(MimeMessage message) throws MessagingException {
        try {
            if (!Files.isDirectory(directory)) {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            }
            Path file = directory.resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".eml");
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                message.writeTo(out);
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write mail to " + directory, e);
        }
    }
}
