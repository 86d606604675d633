-- Second factors. TOTP secrets are stored encrypted with the firm's own key (crypto module), bound
-- to the user; last_used_step makes each code usable once, across every app node.
CREATE TABLE lexvault.totp_credentials (
    tenant_id         uuid        NOT NULL,
    user_id           uuid        NOT NULL,
    secret_ciphertext bytea       NOT NULL,
    last_used_step    bigint      NOT NULL,
    created_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.totp_credentials');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.totp_credentials TO ${appRole};

-- Ten single-use backup codes per user, stored only as HMAC-SHA-256 under the server secret.
CREATE TABLE lexvault.backup_codes (
    tenant_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    code_hmac  bytea       NOT NULL CHECK (octet_length(code_hmac) = 32),
    created_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (tenant_id, user_id, code_hmac),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.backup_codes');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.backup_codes TO ${appRole};
