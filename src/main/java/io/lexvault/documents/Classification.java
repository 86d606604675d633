package io.lexvault.documents;

import java.util.Locale;

/** A document's classification label; CONFIDENTIAL unless someone holding documents.classify says otherwise. */
public enum Classification {
    PUBLIC,
    CONFIDENTIAL,
    RESTRICTED;

    /**
     * Reads a label as sent ({@code restricted}, {@code RESTRICTED}).
     *
     * @throws UploadRefusedException (400) for anything else
     */
    public static Classification parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw UploadRefusedException.malformed("classification is PUBLIC, CONFIDENTIAL or RESTRICTED.");
        }
    }
}
