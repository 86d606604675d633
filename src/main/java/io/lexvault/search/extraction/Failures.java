package io.lexvault.search.extraction;

import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import org.jspecify.annotations.Nullable;

/**
 * The reason a person reads when a file could not be extracted. Parsers' own messages are never shown
 * (they can quote the file, and say nothing useful to a lawyer); each failure is mapped to one of a few
 * sentences by its type and, where libraries give nothing better, by the words of its message.
 */
final class Failures {

    static final String PREFIX = "could not extract: ";

    private Failures() {}

    /** A bomb (zip, XML entity or nesting) found anywhere in the chain of causes, or null. */
    static @Nullable String bomb(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("zip bomb")) {
                // Tika's SecureContentHandler (output/input ratio, XML depth) and POI's ZipSecureFile
                return "it looks like a zip bomb (it expands far beyond its size)";
            }
            if (message.contains("entity expansion")
                    || message.contains("entityexpansion")
                    || message.contains("jaxp00010001")
                    || message.contains("entity replacement")) {
                return "it looks like an XML entity bomb (too many entity expansions)";
            }
            if (cause instanceof StackOverflowError) {
                return "its structure is nested too deeply";
            }
        }
        return null;
    }

    /** The reason for any other failure of the parse. */
    static String reason(Throwable failure) {
        String bomb = bomb(failure);
        if (bomb != null) {
            return bomb;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof EncryptedDocumentException
                    || cause instanceof org.apache.poi.EncryptedDocumentException
                    || cause.getClass().getSimpleName().contains("InvalidPassword")) {
                return "it is password protected";
            }
            if (cause instanceof OutOfMemoryError) {
                return "it needs more memory than a document may use";
            }
        }
        return "the file is damaged or not a valid file of its type";
    }
}
