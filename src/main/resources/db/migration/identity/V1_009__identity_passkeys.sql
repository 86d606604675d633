-- Passkeys (WebAuthn), in the schema of Spring Security's JDBC repositories. A passkey sign-in
-- presents a credential id before any firm is known, so these tables carry no tenant column and no
-- row-level security (a tenant-less path in docs/security.md). They hold public keys and counters,
-- no secret: user_entities.name is "<firm id>/<user id>", the signed-in principal's name, from which
-- the firm is found.
CREATE TABLE lexvault.user_entities (
    id           varchar(1000) NOT NULL,
    name         varchar(100)  NOT NULL,
    display_name varchar(200),
    PRIMARY KEY (id)
);
CREATE UNIQUE INDEX user_entities_name ON lexvault.user_entities (name);

CREATE TABLE lexvault.user_credentials (
    credential_id              varchar(1000) NOT NULL,
    user_entity_user_id        varchar(1000) NOT NULL REFERENCES lexvault.user_entities (id) ON DELETE CASCADE,
    public_key                 bytea         NOT NULL,
    signature_count            bigint,
    uv_initialized             boolean,
    backup_eligible            boolean       NOT NULL,
    authenticator_transports   varchar(1000),
    public_key_credential_type varchar(100),
    backup_state               boolean       NOT NULL,
    attestation_object         bytea,
    attestation_client_data_json bytea,
    created                    timestamp,
    last_used                  timestamp,
    label                      varchar(1000) NOT NULL,
    PRIMARY KEY (credential_id)
);
CREATE INDEX user_credentials_user ON lexvault.user_credentials (user_entity_user_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.user_entities, lexvault.user_credentials TO ${appRole};
