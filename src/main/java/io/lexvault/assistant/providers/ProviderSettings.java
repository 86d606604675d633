package io.lexvault.assistant.providers;

import io.lexvault.access.Callers;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.RequestAudit;
import io.lexvault.crypto.FieldEncryption;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The firm's assistant settings (administrators, {@code assistant.configure}): provider, address,
 * region, allowed models, the API key, budgets, the firm's on/off switch, client rules and user
 * switches; and the firm's {@link LanguageModel}, built from them for each use. Every change is
 * audited, naming what changed and never the key.
 */
@Service
public class ProviderSettings {

    /** Model names as providers spell them: "claude-sonnet-4-5", "gpt-4o-mini", "mistral-large-latest", "llama3.1:8b". */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}");

    private static final int MAX_MODELS = 20;
    private static final int MAX_KEY_LENGTH = 1000;

    /** The outcome of a connection test, in words. */
    public record ConnectionTest(boolean ok, String message) {}

    private final AssistantSettingsRepository repository;
    private final FieldEncryption encryption;
    private final ProviderCalls calls;
    private final JsonMapper json;
    private final RequestAudit audit;
    private final Callers callers;
    private final Clock clock;
    private final TransactionTemplate transactions;

    ProviderSettings(
            AssistantSettingsRepository repository,
            FieldEncryption encryption,
            ProviderCalls calls,
            JsonMapper json,
            RequestAudit audit,
            Callers callers,
            Clock clock,
            TransactionTemplate transactions) {
        this.transactions = transactions;
        this.repository = repository;
        this.encryption = encryption;
        this.calls = calls;
        this.json = json;
        this.audit = audit;
        this.callers = callers;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public AssistantSettings current() {
        return repository
                .settings(TenantContext.requireTenant())
                .map(AssistantSettingsRepository.StoredSettings::settings)
                .orElse(AssistantSettings.DEFAULTS);
    }

    /**
     * Saves the firm's settings (audited as {@code assistant.settings_changed}: provider, region,
     * address host, models, budgets, and whether the key was set, kept or removed).
     *
     * @throws AssistantSettingsRefusedException naming the field that is not acceptable
     */
    @Transactional
    public AssistantSettings change(SettingsChange change) {
        TenantId tenant = TenantContext.requireTenant();
        String baseUrl = baseUrl(change);
        List<String> models = models(change.models());
        String defaultModel = blankToNull(change.defaultModel());
        if (defaultModel != null && !models.contains(defaultModel)) {
            throw new AssistantSettingsRefusedException("The default model must be one of the allowed models.");
        }
        if (change.provider() != ProviderKind.OFFLINE && models.isEmpty()) {
            throw new AssistantSettingsRefusedException("List at least one model the provider may use.");
        }
        budget("firm", change.firmMonthlyTokens());
        budget("user", change.userMonthlyTokens());
        String newKey = blankToNull(change.newApiKey());
        if (newKey != null
                && (newKey.length() > MAX_KEY_LENGTH || !newKey.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new AssistantSettingsRefusedException(
                    "The API key must be printable ASCII without spaces, at most " + MAX_KEY_LENGTH + " characters.");
        }
        var settings = new AssistantSettings(
                change.enabled(),
                change.provider(),
                baseUrl,
                change.region(),
                models,
                defaultModel,
                false,
                change.firmMonthlyTokens(),
                change.userMonthlyTokens(),
                null);
        boolean replaceKey = newKey != null || change.removeApiKey();
        byte[] ciphertext =
                newKey == null ? null : encryption.encrypt(newKey.getBytes(StandardCharsets.UTF_8), keyContext(tenant));
        repository.save(tenant, settings, replaceKey, ciphertext, clock.instant());
        var details = new HashMap<String, String>();
        details.put("enabled", String.valueOf(change.enabled()));
        details.put("provider", change.provider().key());
        details.put("region", change.region().key());
        details.put(
                "base_url_host",
                baseUrl == null ? "-" : String.valueOf(URI.create(baseUrl).getHost()));
        details.put("models", String.join(",", models));
        details.put("default_model", defaultModel == null ? "-" : defaultModel);
        details.put("api_key", newKey != null ? "set" : change.removeApiKey() ? "removed" : "kept");
        details.put("firm_monthly_tokens", String.valueOf(change.firmMonthlyTokens()));
        details.put("user_monthly_tokens", String.valueOf(change.userMonthlyTokens()));
        audit.succeededInTransaction(
                callers.actor(), AuditAction.ASSISTANT_SETTINGS_CHANGED, "firm", tenant.value(), null, null, details);
        return current();
    }

    /** The client's rule, if it has one (and the caller may see the client). */
    @Transactional(readOnly = true)
    public Optional<ClientRule> clientRule(UUID client) {
        return repository.clientRule(TenantContext.requireTenant(), client);
    }

    /** Every client rule the caller may see, by client id. */
    @Transactional(readOnly = true)
    public Map<UUID, ClientRule> clientRules() {
        return repository.clientRules(TenantContext.requireTenant());
    }

    /**
     * Sets the client's rule, or lifts it ({@code rule} null); audited naming the client.
     *
     * @return false when there is no such client visible to the caller
     */
    @Transactional
    public boolean setClientRule(UUID client, @Nullable ClientRule rule) {
        TenantId tenant = TenantContext.requireTenant();
        if (!repository.setClientRule(tenant, client, rule, clock.instant())) {
            return false;
        }
        audit.succeededInTransaction(
                callers.actor(),
                AuditAction.ASSISTANT_CLIENT_POLICY_CHANGED,
                "client",
                client,
                null,
                client,
                Map.of("rule", rule == null ? "none" : rule.key()));
        return true;
    }

    @Transactional(readOnly = true)
    public boolean userEnabled(UUID user) {
        return repository.userEnabled(TenantContext.requireTenant(), user);
    }

    @Transactional(readOnly = true)
    public List<UUID> usersSwitchedOff() {
        return repository.usersSwitchedOff(TenantContext.requireTenant());
    }

    /** @return false when the user is not the firm's */
    @Transactional
    public boolean switchUser(UUID user, boolean enabled) {
        TenantId tenant = TenantContext.requireTenant();
        if (!repository.switchUser(tenant, user, enabled, clock.instant())) {
            return false;
        }
        audit.succeededInTransaction(
                callers.actor(),
                AuditAction.ASSISTANT_USER_SWITCHED,
                "user",
                user,
                null,
                null,
                Map.of("enabled", String.valueOf(enabled)));
        return true;
    }

    /**
     * The firm's configured model, built now from its settings (the key decrypted for this use only);
     * null when the firm uses the offline answerer or lists no model. Says nothing about policy: that is
     * {@link AssistantPolicy}'s.
     */
    @Transactional(readOnly = true)
    public @Nullable LanguageModel model() {
        TenantId tenant = TenantContext.requireTenant();
        var stored = repository.settings(tenant).orElse(null);
        if (stored == null) {
            return null;
        }
        return build(tenant, stored);
    }

    /**
     * One tiny, non-streamed call to the firm's provider ("Reply with OK", at most 5 tokens; no data of
     * the firm), reported in words; audited with its outcome.
     */
    public ConnectionTest testConnection() {
        // The settings are read in a transaction of their own; none is held open during the call.
        var model = (HttpLanguageModel) transactions.execute(status -> model());
        ConnectionTest result;
        if (model == null) {
            result = new ConnectionTest(true, "The firm uses the offline answerer: there is nothing to connect to.");
        } else {
            try {
                var answer = model.complete(new ModelPrompt("Reply with the single word OK.", "Connection test.", 5));
                result = new ConnectionTest(
                        true,
                        "Connected: " + model.target.displayName() + " answered with model " + model.model() + " ("
                                + answer.promptTokens() + " + " + answer.answerTokens() + " tokens).");
            } catch (ProviderUnavailableException e) {
                result = new ConnectionTest(false, e.getMessage());
            }
        }
        audit.succeeded(
                AuditAction.ASSISTANT_CONNECTION_TESTED,
                "firm",
                TenantContext.requireTenant().value(),
                Map.of("result", result.ok() ? "ok" : "failed"));
        return result;
    }

    private @Nullable LanguageModel build(TenantId tenant, AssistantSettingsRepository.StoredSettings stored) {
        var settings = stored.settings();
        String model = settings.answeringModel();
        if (settings.provider() == ProviderKind.OFFLINE || model == null || settings.baseUrl() == null) {
            return null;
        }
        String key = stored.apiKeyCiphertext() == null
                ? null
                : new String(encryption.decrypt(stored.apiKeyCiphertext(), keyContext(tenant)), StandardCharsets.UTF_8);
        String base = settings.baseUrl();
        return switch (settings.provider()) {
            case ANTHROPIC ->
                new AnthropicMessagesModel(
                        calls,
                        target(tenant, settings.provider(), base + AnthropicMessagesModel.path(base)),
                        json,
                        model,
                        settings.region(),
                        key);
            case OPENAI_COMPATIBLE ->
                new OpenAiCompatibleModel(
                        calls,
                        target(tenant, settings.provider(), base + OpenAiCompatibleModel.path()),
                        json,
                        model,
                        settings.region(),
                        key);
            case OFFLINE -> null;
        };
    }

    private static ProviderCalls.Target target(TenantId tenant, ProviderKind kind, String url) {
        URI uri = URI.create(url);
        String name = (kind == ProviderKind.ANTHROPIC ? "Anthropic" : "The OpenAI-compatible provider") + " at "
                + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        return new ProviderCalls.Target(tenant, kind, name, uri);
    }

    /** Associated data of the key's ciphertext: the firm (added by FieldEncryption) and the purpose. */
    static String keyContext(TenantId tenant) {
        return "assistant-provider-key:" + tenant;
    }

    private static @Nullable String baseUrl(SettingsChange change) {
        String given = blankToNull(change.baseUrl());
        if (change.provider() == ProviderKind.OFFLINE) {
            return given == null ? null : checkedUrl(given, change.region());
        }
        if (given == null) {
            throw new AssistantSettingsRefusedException("The provider's base URL is needed.");
        }
        return checkedUrl(given, change.region());
    }

    private static String checkedUrl(String given, ProviderRegion region) {
        URI uri;
        try {
            uri = URI.create(given.strip());
        } catch (IllegalArgumentException e) {
            throw new AssistantSettingsRefusedException("The base URL is not a valid URL.");
        }
        if (uri.getScheme() == null
                || !uri.getScheme().matches("https?")
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null
                || given.length() > 500) {
            throw new AssistantSettingsRefusedException(
                    "The base URL is an address such as https://api.anthropic.com or http://localhost:11434/v1.");
        }
        // The key travels in a header: in clear only to a server of the firm's own.
        if (uri.getScheme().equals("http") && region != ProviderRegion.LOCAL && !loopback(uri.getHost())) {
            throw new AssistantSettingsRefusedException(
                    "A provider outside the firm's own network must be reached over https.");
        }
        String url = uri.toString();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        // Literal addresses only: nothing is looked up in DNS here.
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static List<String> models(List<String> given) {
        var models = new LinkedHashSet<String>();
        for (String model : given) {
            String name = model.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!MODEL_NAME.matcher(name).matches()) {
                throw new AssistantSettingsRefusedException(
                        "Model names are letters, digits and . _ : / @ + - (at most 200 characters).");
            }
            models.add(name);
        }
        if (models.size() > MAX_MODELS) {
            throw new AssistantSettingsRefusedException("At most " + MAX_MODELS + " models may be listed.");
        }
        return List.copyOf(models);
    }

    private static void budget(String whose, @Nullable Long tokens) {
        if (tokens != null && (tokens < 0 || tokens > 1_000_000_000_000L)) {
            throw new AssistantSettingsRefusedException("The " + whose
                    + " budget is a number of tokens from 0 to 1,000,000,000,000, or empty for no limit.");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
