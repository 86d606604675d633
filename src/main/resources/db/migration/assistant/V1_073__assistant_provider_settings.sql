-- The AI assistant's per-firm settings (docs/security.md, "AI assistant — providers"): which model
-- provider answers (the built-in offline answerer unless an administrator chooses another), where it
-- runs, which models may be used, the provider's API key (encrypted with the firm's field key, Tink
-- AEAD bound to the firm and the purpose "assistant-provider-key"; never stored or shown in clear),
-- and monthly token budgets. One row per firm; no row means the defaults: assistant on, offline.

CREATE TABLE lexvault.assistant_settings (
    tenant_id          uuid        NOT NULL PRIMARY KEY REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    -- Off: no answers at all, not even offline extracts.
    enabled            boolean     NOT NULL DEFAULT true,
    provider           text        NOT NULL DEFAULT 'offline'
                                   CHECK (provider IN ('offline', 'anthropic', 'openai-compatible')),
    base_url           text        CHECK (base_url IS NULL OR (char_length(base_url) <= 500 AND base_url ~ '^https?://')),
    -- Where the provider processes prompts, as the firm declares it: shown to users, and what a
    -- client's "EU-region only" rule is checked against.
    region             text        NOT NULL DEFAULT 'local' CHECK (region IN ('EU', 'US', 'local', 'other')),
    -- Allowed model names, one per element; the default must be one of them.
    models             text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(models) <= 20),
    default_model      text        CHECK (default_model IS NULL OR char_length(default_model) BETWEEN 1 AND 200),
    api_key_ciphertext bytea       CHECK (api_key_ciphertext IS NULL OR octet_length(api_key_ciphertext) <= 4096),
    -- Tokens (prompt + answer) per calendar month (UTC); NULL means no limit.
    firm_monthly_tokens bigint     CHECK (firm_monthly_tokens IS NULL OR firm_monthly_tokens >= 0),
    user_monthly_tokens bigint     CHECK (user_monthly_tokens IS NULL OR user_monthly_tokens >= 0),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT assistant_settings_default_model_allowed
        CHECK (default_model IS NULL OR default_model = ANY (models)),
    -- A provider other than the offline answerer needs an address to call.
    CONSTRAINT assistant_settings_provider_has_url CHECK (provider = 'offline' OR base_url IS NOT NULL)
);
SELECT lexvault.enable_tenant_rls('lexvault.assistant_settings');
GRANT SELECT, INSERT, UPDATE ON lexvault.assistant_settings TO ${appRole};

-- A client's rule from its outside-counsel guidelines; no row means no rule of the client's. Screened
-- users do not see the row (the client wall, same shape as on clients): they cannot ask about the
-- client's matters anyway.
CREATE TABLE lexvault.assistant_client_policies (
    tenant_id  uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    policy     text        NOT NULL CHECK (policy IN ('off', 'local-only', 'eu-only')),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, client_id),
    FOREIGN KEY (tenant_id, client_id) REFERENCES lexvault.clients (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.assistant_client_policies');
CREATE POLICY client_wall ON lexvault.assistant_client_policies AS RESTRICTIVE FOR ALL TO ${appRole}
    USING (NOT (client_id = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[])))
    WITH CHECK (NOT (client_id = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[])));
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.assistant_client_policies TO ${appRole};

-- A user the assistant is switched off for; no row means the user may use it (with assistant.use).
CREATE TABLE lexvault.assistant_user_switches (
    tenant_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    enabled    boolean     NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.assistant_user_switches');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.assistant_user_switches TO ${appRole};

-- Tokens spent per user per calendar month (UTC): the firm's spending is the sum of its users' rows.
-- Counts only, never what was asked or answered.
CREATE TABLE lexvault.assistant_token_spending (
    tenant_id     uuid   NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    month         date   NOT NULL CHECK (extract(day FROM month) = 1),
    user_id       uuid   NOT NULL,
    prompt_tokens bigint NOT NULL DEFAULT 0 CHECK (prompt_tokens >= 0),
    answer_tokens bigint NOT NULL DEFAULT 0 CHECK (answer_tokens >= 0),
    PRIMARY KEY (tenant_id, month, user_id)
);
SELECT lexvault.enable_tenant_rls('lexvault.assistant_token_spending');
GRANT SELECT, INSERT, UPDATE ON lexvault.assistant_token_spending TO ${appRole};
