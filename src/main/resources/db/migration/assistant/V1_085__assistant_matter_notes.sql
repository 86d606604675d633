-- Assistant (docs/security.md "AI assistant — receipts and saved answers"): answers a person chose to
-- keep, saved as notes on the matter with the receipt of what each was built from. Nothing else of a
-- conversation is stored anywhere. Title and answer are encrypted with the firm's field keyset (Tink
-- AES-256-GCM), the associated data naming firm, matter, note and part, so a ciphertext moved to
-- another row, matter or firm does not decrypt; crypto-shredding the firm leaves them unreadable.
--
-- Matter and client on the row (kept in step by ON UPDATE CASCADE): forced row-level security and the
-- matter wall hide another firm's and a walled matter's notes from the runtime role itself.

CREATE TABLE lexvault.matter_notes (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    matter_id        uuid        NOT NULL,
    client_id        uuid        NOT NULL,
    author_id        uuid        NOT NULL,
    receipt_id       uuid        NOT NULL,
    created_at       timestamptz NOT NULL,
    title_ciphertext bytea       NOT NULL,
    body_ciphertext  bytea       NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, matter_id, client_id) REFERENCES lexvault.matters (tenant_id, id, client_id)
        ON UPDATE CASCADE,
    FOREIGN KEY (tenant_id, receipt_id) REFERENCES lexvault.assistant_receipts (tenant_id, id)
);
CREATE INDEX matter_notes_by_matter ON lexvault.matter_notes (tenant_id, matter_id, created_at);
SELECT lexvault.enable_tenant_rls('lexvault.matter_notes');
SELECT lexvault.enable_matter_wall('lexvault.matter_notes', 'matter_id', 'client_id');
-- Saved by a person who sees the matter (checked by the application; the wall has no INSERT policy),
-- read walled. Not changed or deleted by the application yet.
GRANT SELECT, INSERT ON lexvault.matter_notes TO ${appRole};
