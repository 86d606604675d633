package io.lexvault.assistant.providers;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator submits for the firm's assistant.
 *
 * @param newApiKey a key to store (encrypted); null or blank keeps the stored one
 * @param removeApiKey forget the stored key
 */
public record SettingsChange(
        boolean enabled,
        ProviderKind provider,
        @Nullable String baseUrl,
        ProviderRegion region,
        List<String> models,
        @Nullable String defaultModel,
        @Nullable String newApiKey,
        boolean removeApiKey,
        @Nullable Long firmMonthlyTokens,
        @Nullable Long userMonthlyTokens) {

    public SettingsChange {
        models = List.copyOf(models);
    }

    @Override
    public String toString() {
        // Never the key, should the change end up in a log line or an exception.
        return "SettingsChange[provider=" + provider.key() + ", region=" + region.key() + "]";
    }
}
