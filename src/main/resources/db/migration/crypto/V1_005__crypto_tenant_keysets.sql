-- Each firm's own keys (ARCHITECTURE.md §4): a Tink keyset per firm and purpose, stored only
-- encrypted under the root key, with the firm's id as associated data so a keyset cannot be moved
-- to another firm. Deleting a firm's rows here makes all of its encrypted data unreadable
-- (crypto-shredding).
CREATE TABLE lexvault.tenant_keysets (
    tenant_id        uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    purpose          text        NOT NULL CHECK (purpose IN ('fields')),
    encrypted_keyset bytea       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, purpose)
);
SELECT lexvault.enable_tenant_rls('lexvault.tenant_keysets');
GRANT SELECT, INSERT ON lexvault.tenant_keysets TO ${appRole};
