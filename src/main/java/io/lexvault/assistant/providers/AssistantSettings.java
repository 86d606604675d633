package io.lexvault.assistant.providers;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A firm's assistant settings as administrators see them: never the API key, only whether one is set.
 *
 * @param firmMonthlyTokens tokens (prompt and answer) the whole firm may spend per calendar month; null:
 *     no limit
 * @param userMonthlyTokens the same for each user
 */
public record AssistantSettings(
        boolean enabled,
        ProviderKind provider,
        @Nullable String baseUrl,
        ProviderRegion region,
        List<String> models,
        @Nullable String defaultModel,
        boolean hasApiKey,
        @Nullable Long firmMonthlyTokens,
        @Nullable Long userMonthlyTokens,
        @Nullable Instant updatedAt) {

    /** A firm that never changed anything: assistant on, offline answerer, no limits. */
    public static final AssistantSettings DEFAULTS = new AssistantSettings(
            true, ProviderKind.OFFLINE, null, ProviderRegion.LOCAL, List.of(), null, false, null, null, null);

    public AssistantSettings {
        models = List.copyOf(models);
    }

    /** The model answers come from: the default, else the first allowed one; null when none is listed. */
    public @Nullable String answeringModel() {
        if (defaultModel != null) {
            return defaultModel;
        }
        return models.isEmpty() ? null : models.getFirst();
    }
}
