package io.lexvault.assistant.providers;

import java.util.function.Consumer;

/** A chat model configured for one firm. Implementations are built per firm, not singletons. */
public interface LanguageModel {

    /** "anthropic" or "openai-compatible". */
    String provider();

    String model();

    /** Where the provider processes the prompt, as configured (e.g. "EU", "US", "local"). */
    String region();

    /** Whether the prompt leaves this server (then it must be pseudonymised first). */
    boolean external();

    /**
     * Streams the answer: {@code delta} receives each piece of text as it arrives; returns the whole
     * answer with token counts.
     *
     * @throws ProviderUnavailableException when the provider is down, slow beyond its timeout, or its
     *     circuit breaker is open
     */
    ModelAnswer answer(ModelPrompt prompt, Consumer<String> delta);
}
