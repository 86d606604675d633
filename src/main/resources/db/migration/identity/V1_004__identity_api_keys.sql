-- API keys: "lvk_" + 32 random bytes in base62, shown once. Only an HMAC-SHA-256 of the key under a
-- server secret is stored, so a copy of the database (a backup, a read replica) yields no usable key,
-- and nobody can test guesses against it without the secret either.
CREATE TABLE lexvault.api_keys (
    tenant_id      uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id             uuid        NOT NULL,
    user_id        uuid        NOT NULL,
    name           text        NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
    -- The first characters of the key, enough for a person to recognise it in a list, far too few to use.
    display_prefix text        NOT NULL CHECK (display_prefix ~ '^lvk_[0-9A-Za-z]{6}$'),
    secret_hmac    bytea       NOT NULL CHECK (octet_length(secret_hmac) = 32),
    scopes         text[]      NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz,
    last_used_at   timestamptz,
    revoked_at     timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX api_keys_secret_hmac_key ON lexvault.api_keys (secret_hmac);
CREATE INDEX api_keys_owner ON lexvault.api_keys (tenant_id, user_id);
SELECT lexvault.enable_tenant_rls('lexvault.api_keys');
GRANT SELECT, INSERT, UPDATE ON lexvault.api_keys TO ${appRole};

-- A request carrying a key names no firm: find where the key lives, and nothing else.
CREATE POLICY owner_api_key_lookup ON lexvault.api_keys FOR SELECT TO ${ownerRole} USING (true);

CREATE FUNCTION lexvault.find_api_key(p_secret_hmac bytea) RETURNS TABLE (tenant_id uuid, key_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT k.tenant_id, k.id
            FROM lexvault.api_keys k JOIN lexvault.tenants t ON t.id = k.tenant_id
           WHERE k.secret_hmac = p_secret_hmac AND k.revoked_at IS NULL AND t.status = 'active' $$;
REVOKE ALL ON FUNCTION lexvault.find_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.find_api_key(bytea) TO ${appRole};
