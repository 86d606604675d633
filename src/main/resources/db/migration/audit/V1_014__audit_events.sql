-- The audit log's events, per firm. Append-only: the runtime role may insert and read, nothing more,
-- and a trigger refuses UPDATE, DELETE and TRUNCATE for everyone (a superuser included) short of
-- dropping the trigger, which the Merkle checkpoints then expose. An event is written in the same
-- transaction as its action, so nothing commits unaudited.
CREATE TABLE lexvault.audit_events (
    tenant_id   uuid        NOT NULL,
    id          uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_type  text        NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'anonymous')),
    actor_id    uuid,
    action      text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    outcome     text        NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    target_type text        CHECK (target_type ~ '^[a-z][a-z_]{0,40}$'),
    target_id   uuid,
    matter_id   uuid,
    source_ip   text        CHECK (char_length(source_ip) <= 64),
    user_agent  text        CHECK (char_length(user_agent) <= 300),
    request_id  text        CHECK (char_length(request_id) <= 100),
    details     jsonb       NOT NULL DEFAULT '{}' CHECK (octet_length(details::text) <= 4000),
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_events_time ON lexvault.audit_events (tenant_id, occurred_at);
SELECT lexvault.enable_tenant_rls('lexvault.audit_events');
GRANT SELECT, INSERT ON lexvault.audit_events TO ${appRole};

CREATE FUNCTION lexvault.refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION lexvault.refuse_audit_change() FROM PUBLIC;

CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON lexvault.audit_events
    FOR EACH ROW EXECUTE FUNCTION lexvault.refuse_audit_change();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON lexvault.audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION lexvault.refuse_audit_change();

-- Events that belong to no firm: refused sign-ins with an address nobody has, throttling, refused
-- API keys. Same columns and the same append-only rule; no tenant column (a tenant-less path in
-- docs/security.md): it holds no firm data, only what an anonymous visitor sent.
CREATE TABLE lexvault.audit_server_events (
    id          uuid        PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    action      text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    outcome     text        NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
    source_ip   text        CHECK (char_length(source_ip) <= 64),
    user_agent  text        CHECK (char_length(user_agent) <= 300),
    details     jsonb       NOT NULL DEFAULT '{}' CHECK (octet_length(details::text) <= 4000)
);
CREATE INDEX audit_server_events_time ON lexvault.audit_server_events (occurred_at);
GRANT SELECT, INSERT ON lexvault.audit_server_events TO ${appRole};
CREATE TRIGGER audit_server_events_append_only BEFORE UPDATE OR DELETE ON lexvault.audit_server_events
    FOR EACH ROW EXECUTE FUNCTION lexvault.refuse_audit_change();
CREATE TRIGGER audit_server_events_no_truncate BEFORE TRUNCATE ON lexvault.audit_server_events
    FOR EACH STATEMENT EXECUTE FUNCTION lexvault.refuse_audit_change();
