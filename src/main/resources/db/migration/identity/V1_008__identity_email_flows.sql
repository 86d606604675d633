-- Password reset requests, as typed into the public form. They are queued here for every address,
-- known or not, and handled by a background job: the response to the visitor is the same single
-- insert whether or not the address has an account. Rows are deleted as soon as they are handled.
-- No firm is known yet, so no tenant column (a tenant-less path in docs/security.md).
CREATE TABLE lexvault.password_reset_requests (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text        NOT NULL CHECK (char_length(email) <= 254),
    requested_at timestamptz NOT NULL
);
-- UPDATE only because SELECT ... FOR UPDATE SKIP LOCKED (several nodes share the queue) needs it.
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.password_reset_requests TO ${appRole};

-- One-time password reset links: 32 random bytes, stored only as HMAC-SHA-256, valid 30 minutes.
-- The link names the firm, so it is redeemed inside that firm's row-level security.
CREATE TABLE lexvault.password_reset_tokens (
    tenant_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    token_hmac bytea       NOT NULL CHECK (octet_length(token_hmac) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    PRIMARY KEY (tenant_id, token_hmac),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.password_reset_tokens');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.password_reset_tokens TO ${appRole};

-- E-mail verification: a 6-digit code, stored as HMAC, valid 30 minutes, at most 5 tries.
CREATE TABLE lexvault.email_verification_codes (
    tenant_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    code_hmac  bytea       NOT NULL CHECK (octet_length(code_hmac) = 32),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    attempts   integer     NOT NULL DEFAULT 0,
    -- At most 5 codes an hour: each new code brings 5 new tries, so the codes themselves are limited.
    codes_sent        integer     NOT NULL DEFAULT 1,
    window_started_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.email_verification_codes');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.email_verification_codes TO ${appRole};
