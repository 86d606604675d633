-- A second keyset per firm: documents are encrypted with a StreamingAead keyset (ARCHITECTURE.md §4),
-- kept in the same table as the field keyset, under its own purpose, so it is wrapped under the
-- root key, reached only under the firm's row-level security, and shredded with the firm's other
-- keys. The table's policy (V1_005) already covers the new rows.
ALTER TABLE lexvault.tenant_keysets DROP CONSTRAINT tenant_keysets_purpose_check;
ALTER TABLE lexvault.tenant_keysets
    ADD CONSTRAINT tenant_keysets_purpose_check CHECK (purpose IN ('fields', 'documents'));
