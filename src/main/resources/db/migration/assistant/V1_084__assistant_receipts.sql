-- Assistant (docs/assistant-receipts.md, docs/security.md "AI assistant — receipts and saved answers"):
-- signed answer receipts. A receipt says what an answer was built from (document versions, passage
-- hashes), who asked with which roles, the provider, model, prompt template and token counts — never the
-- question or the answer. The row keeps the exact bytes that were signed (canonical JSON), the
-- Ed25519 signature by the audit key and that key's id, so a receipt downloaded years later is the one
-- issued.
--
-- The matter and its client are on the row (kept in step with the matter by ON UPDATE CASCADE), so
-- forced row-level security and the matter wall hide another firm's and a walled matter's receipts from
-- the runtime role itself. Receipts are append-only: the runtime role may insert and read, never change
-- or delete one.

CREATE TABLE lexvault.assistant_receipts (
    tenant_id      uuid        NOT NULL,
    id             uuid        NOT NULL,
    matter_id      uuid        NOT NULL,
    client_id      uuid        NOT NULL,
    asker_id       uuid        NOT NULL,
    issued_at      timestamptz NOT NULL,
    canonical_json bytea       NOT NULL CHECK (octet_length(canonical_json) BETWEEN 2 AND 1048576),
    signature      bytea       NOT NULL CHECK (octet_length(signature) = 64),
    key_id         text        NOT NULL CHECK (char_length(key_id) BETWEEN 1 AND 500),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, matter_id, client_id) REFERENCES lexvault.matters (tenant_id, id, client_id)
        ON UPDATE CASCADE
);
CREATE INDEX assistant_receipts_by_matter ON lexvault.assistant_receipts (tenant_id, matter_id, issued_at);
SELECT lexvault.enable_tenant_rls('lexvault.assistant_receipts');
SELECT lexvault.enable_matter_wall('lexvault.assistant_receipts', 'matter_id', 'client_id');
-- Issued in the asker's transaction (the application checks the asker sees the matter; the wall has no
-- INSERT policy, the foreign key ties the row to the matter's client); read walled.
GRANT SELECT, INSERT ON lexvault.assistant_receipts TO ${appRole};
