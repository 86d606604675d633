-- The Merkle log's leaves (ADR 0003): an event is written with its action and queued; the sequencer
-- later takes committed queue rows in queue order and appends them as leaves, one firm at a time.
CREATE TABLE lexvault.audit_queue (
    tenant_id uuid   NOT NULL,
    event_id  uuid   NOT NULL,
    queued    bigint GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (tenant_id, event_id)
);
SELECT lexvault.enable_tenant_rls('lexvault.audit_queue');
-- The queue is the one audit table rows leave: the sequencer deletes what it has placed.
GRANT SELECT, INSERT, DELETE ON lexvault.audit_queue TO ${appRole};

-- Leaf = the event's canonical JSON (RFC 8785); leaf_hash = SHA-256(0x00 || leaf) (RFC 6962).
CREATE TABLE lexvault.audit_leaves (
    tenant_id  uuid        NOT NULL,
    leaf_index bigint      NOT NULL CHECK (leaf_index >= 0),
    event_id   uuid        NOT NULL,
    leaf_hash  bytea       NOT NULL CHECK (octet_length(leaf_hash) = 32),
    sequenced_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, leaf_index),
    UNIQUE (tenant_id, event_id)
);
SELECT lexvault.enable_tenant_rls('lexvault.audit_leaves');
GRANT SELECT, INSERT ON lexvault.audit_leaves TO ${appRole};
CREATE TRIGGER audit_leaves_append_only BEFORE UPDATE OR DELETE ON lexvault.audit_leaves
    FOR EACH ROW EXECUTE FUNCTION lexvault.refuse_audit_change();
CREATE TRIGGER audit_leaves_no_truncate BEFORE TRUNCATE ON lexvault.audit_leaves
    FOR EACH STATEMENT EXECUTE FUNCTION lexvault.refuse_audit_change();

-- The sequencer works firm by firm; which firms have events waiting is all it may learn without one.
CREATE POLICY owner_queue_scan ON lexvault.audit_queue FOR SELECT TO ${ownerRole} USING (true);
CREATE FUNCTION lexvault.firms_with_unsequenced_events() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT DISTINCT q.tenant_id FROM lexvault.audit_queue q $$;
REVOKE ALL ON FUNCTION lexvault.firms_with_unsequenced_events() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.firms_with_unsequenced_events() TO ${appRole};
