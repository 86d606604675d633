package io.lexvault.assistant.providers;

import java.util.Arrays;

/** What answers the firm's questions: the built-in offline answerer or a model provider's API. */
public enum ProviderKind {
    OFFLINE("offline", "Offline answerer (built in; nothing leaves the server)"),
    ANTHROPIC("anthropic", "Anthropic Messages API"),
    OPENAI_COMPATIBLE(
            "openai-compatible", "OpenAI-compatible Chat Completions (Azure OpenAI, Mistral, vLLM, Ollama, llama.cpp)");

    private final String key;
    private final String label;

    ProviderKind(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** As stored and as {@link LanguageModel#provider()} names it. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static ProviderKind ofKey(String key) {
        return Arrays.stream(values())
                .filter(kind -> kind.key.equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown provider"));
    }
}
