package io.lexvault.assistant.providers;

import io.lexvault.tenancy.TenantId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The assistant's tables: firm settings, client rules, user switches and monthly token spending. */
@Repository
class AssistantSettingsRepository {

    /** The settings row with the key still encrypted (null when none is set). */
    record StoredSettings(AssistantSettings settings, byte @Nullable [] apiKeyCiphertext) {}

    /** Tokens spent this month: by the firm (all its users) and by one user. */
    record Spending(long firm, long user) {}

    private final JdbcClient jdbc;

    AssistantSettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredSettings> settings(TenantId tenant) {
        return jdbc.sql("""
                        SELECT enabled, provider, base_url, region, models, default_model, api_key_ciphertext,
                               firm_monthly_tokens, user_monthly_tokens, updated_at
                          FROM lexvault.assistant_settings WHERE tenant_id = :tenant
                        """)
                .param("tenant", tenant.value())
                .query((row, n) -> {
                    byte[] key = row.getBytes("api_key_ciphertext");
                    return new StoredSettings(
                            new AssistantSettings(
                                    row.getBoolean("enabled"),
                                    ProviderKind.ofKey(row.getString("provider")),
                                    row.getString("base_url"),
                                    ProviderRegion.ofKey(row.getString("region")),
                                    strings(row.getArray("models")),
                                    row.getString("default_model"),
                                    key != null,
                                    nullableLong(row, "firm_monthly_tokens"),
                                    nullableLong(row, "user_monthly_tokens"),
                                    row.getTimestamp("updated_at").toInstant()),
                            key);
                })
                .optional();
    }

    /**
     * Saves the settings; {@code keyCiphertext} replaces the stored key when {@code replaceKey}, else
     * the stored one stays.
     */
    void save(
            TenantId tenant,
            AssistantSettings settings,
            boolean replaceKey,
            byte @Nullable [] keyCiphertext,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO lexvault.assistant_settings
                               (tenant_id, enabled, provider, base_url, region, models, default_model, api_key_ciphertext,
                                firm_monthly_tokens, user_monthly_tokens, updated_at)
                        VALUES (:tenant, :enabled, :provider, :baseUrl, :region, :models, :defaultModel, :key,
                                :firmTokens, :userTokens, :now)
                        ON CONFLICT (tenant_id) DO UPDATE
                           SET enabled = EXCLUDED.enabled, provider = EXCLUDED.provider, base_url = EXCLUDED.base_url,
                               region = EXCLUDED.region, models = EXCLUDED.models, default_model = EXCLUDED.default_model,
                               api_key_ciphertext = CASE WHEN :replaceKey THEN EXCLUDED.api_key_ciphertext
                                                         ELSE lexvault.assistant_settings.api_key_ciphertext END,
                               firm_monthly_tokens = EXCLUDED.firm_monthly_tokens,
                               user_monthly_tokens = EXCLUDED.user_monthly_tokens, updated_at = EXCLUDED.updated_at
                        """)
                .param("tenant", tenant.value())
                .param("enabled", settings.enabled())
                .param("provider", settings.provider().key())
                .param("baseUrl", settings.baseUrl())
                .param("region", settings.region().key())
                .param("models", settings.models().toArray(String[]::new))
                .param("defaultModel", settings.defaultModel())
                .param("key", keyCiphertext)
                .param("replaceKey", replaceKey)
                .param("firmTokens", settings.firmMonthlyTokens())
                .param("userTokens", settings.userMonthlyTokens())
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<ClientRule> clientRule(TenantId tenant, UUID client) {
        return jdbc.sql("""
                        SELECT policy FROM lexvault.assistant_client_policies
                         WHERE tenant_id = :tenant AND client_id = :client
                        """)
                .param("tenant", tenant.value())
                .param("client", client)
                .query((row, n) -> ClientRule.ofKey(row.getString("policy")))
                .optional();
    }

    /** Every client rule of the firm the caller may see (the client wall hides screened clients' rows). */
    Map<UUID, ClientRule> clientRules(TenantId tenant) {
        return jdbc
                .sql("SELECT client_id, policy FROM lexvault.assistant_client_policies WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query((row, n) ->
                        Map.entry(row.getObject("client_id", UUID.class), ClientRule.ofKey(row.getString("policy"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Sets ({@code rule} given) or lifts the client's rule; false when the client is not the firm's or not visible. */
    boolean setClientRule(TenantId tenant, UUID client, @Nullable ClientRule rule, Instant now) {
        // Only a client the caller sees: row-level security (and the client wall) on clients decides.
        boolean visible = jdbc.sql("SELECT count(*) FROM lexvault.clients WHERE tenant_id = :tenant AND id = :client")
                        .param("tenant", tenant.value())
                        .param("client", client)
                        .query(Long.class)
                        .single()
                > 0;
        if (!visible) {
            return false;
        }
        if (rule == null) {
            jdbc.sql("DELETE FROM lexvault.assistant_client_policies WHERE tenant_id = :tenant AND client_id = :client")
                    .param("tenant", tenant.value())
                    .param("client", client)
                    .update();
            return true;
        }
        return jdbc.sql("""
                        INSERT INTO lexvault.assistant_client_policies (tenant_id, client_id, policy, updated_at)
                        SELECT c.tenant_id, c.id, :policy, :now FROM lexvault.clients c
                         WHERE c.tenant_id = :tenant AND c.id = :client
                        ON CONFLICT (tenant_id, client_id) DO UPDATE SET policy = EXCLUDED.policy, updated_at = EXCLUDED.updated_at
                        """)
                        .param("tenant", tenant.value())
                        .param("client", client)
                        .param("policy", rule.key())
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    boolean userEnabled(TenantId tenant, UUID user) {
        return jdbc.sql("""
                        SELECT enabled FROM lexvault.assistant_user_switches WHERE tenant_id = :tenant AND user_id = :user
                        """)
                .param("tenant", tenant.value())
                .param("user", user)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    /** The users of the firm the assistant is switched off for. */
    List<UUID> usersSwitchedOff(TenantId tenant) {
        return jdbc.sql("""
                        SELECT user_id FROM lexvault.assistant_user_switches
                         WHERE tenant_id = :tenant AND NOT enabled
                        """).param("tenant", tenant.value()).query(UUID.class).list();
    }

    /** False when the user is not the firm's. */
    boolean switchUser(TenantId tenant, UUID user, boolean enabled, Instant now) {
        return jdbc.sql("""
                        INSERT INTO lexvault.assistant_user_switches (tenant_id, user_id, enabled, updated_at)
                        SELECT u.tenant_id, u.id, :enabled, :now FROM lexvault.users u
                         WHERE u.tenant_id = :tenant AND u.id = :user
                        ON CONFLICT (tenant_id, user_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at
                        """)
                        .param("tenant", tenant.value())
                        .param("user", user)
                        .param("enabled", enabled)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    Spending spending(TenantId tenant, LocalDate month, UUID user) {
        return jdbc.sql("""
                        SELECT coalesce(sum(prompt_tokens + answer_tokens), 0) AS firm,
                               coalesce(sum(prompt_tokens + answer_tokens) FILTER (WHERE user_id = :user), 0) AS mine
                          FROM lexvault.assistant_token_spending
                         WHERE tenant_id = :tenant AND month = :month
                        """)
                .param("tenant", tenant.value())
                .param("month", month)
                .param("user", user)
                .query((row, n) -> new Spending(row.getLong("firm"), row.getLong("mine")))
                .single();
    }

    void addSpending(TenantId tenant, LocalDate month, UUID user, long promptTokens, long answerTokens) {
        jdbc.sql("""
                        INSERT INTO lexvault.assistant_token_spending (tenant_id, month, user_id, prompt_tokens, answer_tokens)
                        VALUES (:tenant, :month, :user, :prompt, :answer)
                        ON CONFLICT (tenant_id, month, user_id) DO UPDATE
                           SET prompt_tokens = lexvault.assistant_token_spending.prompt_tokens + EXCLUDED.prompt_tokens,
                               answer_tokens = lexvault.assistant_token_spending.answer_tokens + EXCLUDED.answer_tokens
                        """)
                .param("tenant", tenant.value())
                .param("month", month)
                .param("user", user)
                .param("prompt", promptTokens)
                .param("answer", answerTokens)
                .update();
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.asList((String[]) array.getArray());
    }

    private static @Nullable Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
