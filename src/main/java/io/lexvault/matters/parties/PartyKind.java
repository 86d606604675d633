package io.lexvault.matters.parties;

import java.util.Arrays;
import java.util.Optional;

/** Whether a party is a natural person or an organisation. */
public enum PartyKind {
    PERSON("person"),
    ORGANISATION("organisation");

    private final String key;

    PartyKind(String key) {
        this.key = key;
    }

    /** What the database and the API call it. */
    public String key() {
        return key;
    }

    public static Optional<PartyKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
