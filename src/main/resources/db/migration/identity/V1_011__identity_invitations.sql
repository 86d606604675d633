-- Invitations: an administrator invites an address into the firm, with roles. The link holds 32
-- random bytes (stored only as HMAC-SHA-256) and the firm id; it works once, for 72 hours.
CREATE TABLE lexvault.invitations (
    tenant_id   uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id          uuid        NOT NULL,
    email       text        NOT NULL CHECK (email = lower(email) AND char_length(email) BETWEEN 3 AND 254),
    roles       text[]      NOT NULL,
    token_hmac  bytea       NOT NULL CHECK (octet_length(token_hmac) = 32),
    invited_by  uuid,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, token_hmac)
);
SELECT lexvault.enable_tenant_rls('lexvault.invitations');
GRANT SELECT, INSERT, UPDATE ON lexvault.invitations TO ${appRole};
