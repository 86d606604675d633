package io.lexvault.assistant.providers;

import java.util.Arrays;

/** A client's rule for the assistant, from its outside-counsel guidelines. */
public enum ClientRule {
    /** No assistant at all on the client's matters. */
    OFF("off", "Off"),
    /** Only the offline answerer or a provider the firm runs itself (region "local"). */
    LOCAL_ONLY("local-only", "Local or offline only"),
    /** Only providers processing in the EU (or local ones, or the offline answerer). */
    EU_ONLY("eu-only", "EU-region only");

    private final String key;
    private final String label;

    ClientRule(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static ClientRule ofKey(String key) {
        return Arrays.stream(values())
                .filter(rule -> rule.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown client rule"));
    }
}
