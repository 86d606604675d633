package io.lexvault.matters.parties;

import java.util.Arrays;
import java.util.Optional;

/** What a party is to the matter. */
public enum PartyRole {
    CLIENT("client", "Client"),
    OPPOSING_PARTY("opposing_party", "Opposing party"),
    OPPOSING_COUNSEL("opposing_counsel", "Opposing counsel"),
    WITNESS("witness", "Witness"),
    EXPERT("expert", "Expert"),
    OTHER("other", "Other");

    private final String key;
    private final String title;

    PartyRole(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** What the database, the API and conflict results call it. */
    public String key() {
        return key;
    }

    /** What pages show. */
    public String title() {
        return title;
    }

    public static Optional<PartyRole> byKey(String key) {
        return Arrays.stream(values()).filter(r -> r.key.equals(key)).findFirst();
    }
}
