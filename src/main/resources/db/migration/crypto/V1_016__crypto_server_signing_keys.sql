-- LexVault's own signing keys (today: the audit log's checkpoint key, Ed25519), one Tink keyset per
-- purpose, stored only encrypted under the root key. Server-wide, not per firm: the checkpoint names
-- its firm, and one published public key lets anyone verify every firm's log. No firm data, so no
-- tenant column (listed in docs/security.md).
CREATE TABLE lexvault.server_signing_keys (
    purpose          text        PRIMARY KEY CHECK (purpose ~ '^[a-z][a-z0-9_-]{0,40}$'),
    encrypted_keyset bytea       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON lexvault.server_signing_keys TO ${appRole};
