-- Single sign-on per firm (OpenID Connect). The client secret is stored encrypted with the firm's
-- own key (crypto module), bound to the firm.
CREATE TABLE lexvault.sso_configurations (
    tenant_id                uuid        NOT NULL PRIMARY KEY REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    issuer                   text        NOT NULL CHECK (issuer ~ '^https?://'),
    client_id                text        NOT NULL CHECK (char_length(client_id) BETWEEN 1 AND 300),
    client_secret_ciphertext bytea       NOT NULL,
    updated_at               timestamptz NOT NULL
);
SELECT lexvault.enable_tenant_rls('lexvault.sso_configurations');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.sso_configurations TO ${appRole};

-- Which identity-provider account (issuer + subject) is linked to which user. The first SSO sign-in
-- links by verified e-mail address within the firm; afterwards only that subject signs in as the
-- user, so an address reassigned at the provider does not hand over the LexVault account.
CREATE TABLE lexvault.sso_links (
    tenant_id  uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    issuer     text        NOT NULL,
    subject    text        NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 255),
    linked_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, issuer, subject),
    UNIQUE (tenant_id, user_id, issuer),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.sso_links');
GRANT SELECT, INSERT, DELETE ON lexvault.sso_links TO ${appRole};
