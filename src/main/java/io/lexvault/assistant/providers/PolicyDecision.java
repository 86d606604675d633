package io.lexvault.assistant.providers;

import org.jspecify.annotations.Nullable;

/**
 * Whether the assistant may answer about a matter for the current user, and with what: the strictest of
 * the firm's, the client's and the user's settings. {@code rule} says in words which setting decided
 * (shown on the page). {@code model} is null when only the offline answerer may be used (or none is
 * configured).
 */
public record PolicyDecision(boolean allowed, @Nullable LanguageModel model, String rule) {}
