package io.lexvault.assistant.providers;

import java.util.Arrays;

/** Where the firm declares its provider processes prompts: shown to users, checked against client rules. */
public enum ProviderRegion {
    EU("EU"),
    US("US"),
    /** Run by the firm itself (its own server or network), e.g. Ollama or vLLM. */
    LOCAL("local"),
    OTHER("other");

    private final String key;

    ProviderRegion(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static ProviderRegion ofKey(String key) {
        return Arrays.stream(values())
                .filter(region -> region.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown region"));
    }
}
