-- Root key rotation (`lexvault keys rotate-root`, docs/security.md §7): every keyset wrapped under
-- the root key is wrapped again under a new one. The firms' keys and their ciphertexts stay as they
-- are; only the wrapping changes.
--
-- A firm's keysets are re-wrapped in a transaction bound to that firm (row-level security, V1_005;
-- the runtime role already may update encrypted_keyset, V1_030). rewrapped_at tells an operator
-- when a row was last re-wrapped.
ALTER TABLE lexvault.tenant_keysets ADD COLUMN rewrapped_at timestamptz;
GRANT UPDATE (rewrapped_at) ON lexvault.tenant_keysets TO ${appRole};

-- LexVault's own signing keys (V1_016) are wrapped under the same root key, so they are re-wrapped
-- too; otherwise removing the old root key would lose the audit checkpoint key. The runtime role
-- may replace only the wrapped bytes (and when), never the purpose. It holds the root key and the
-- unwrapped signing key in memory anyway, so this grants no power over the key it did not have.
ALTER TABLE lexvault.server_signing_keys ADD COLUMN rewrapped_at timestamptz;
GRANT UPDATE (encrypted_keyset, rewrapped_at) ON lexvault.server_signing_keys TO ${appRole};

-- Which firms have keysets to re-wrap: ids only, nothing else of any firm (like
-- firms_with_audit_log, V1_018). The rotation then binds each firm in turn; its rows are reached
-- only under that firm's row-level security.
CREATE POLICY owner_keysets_scan ON lexvault.tenant_keysets FOR SELECT TO ${ownerRole} USING (true);
CREATE FUNCTION lexvault.firms_with_keysets() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT DISTINCT tenant_id FROM lexvault.tenant_keysets $$;
REVOKE ALL ON FUNCTION lexvault.firms_with_keysets() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.firms_with_keysets() TO ${appRole};
