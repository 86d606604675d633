package io.lexvault.matters.clients;

import io.lexvault.matters.MatterRefusedException;
import java.util.Locale;

/** Whether a client is a natural person or an organisation (only organisations have a company number). */
public enum ClientKind {
    PERSON,
    ORGANISATION;

    /** The stored and API form: {@code person} or {@code organisation}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ClientKind fromKey(String key) {
        for (var kind : values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        throw MatterRefusedException.invalid("kind is person or organisation.");
    }
}
