-- Signed checkpoints of each firm's log: C2SP tlog-checkpoint bodies as C2SP signed notes (Ed25519).
-- Append-only like the log itself; each is consistent with every earlier one (the tree only grows,
-- and they are signed one at a time under the sequencer's lock).
CREATE TABLE lexvault.audit_checkpoints (
    tenant_id uuid        NOT NULL,
    tree_size bigint      NOT NULL CHECK (tree_size >= 0),
    root_hash bytea       NOT NULL CHECK (octet_length(root_hash) = 32),
    note      text        NOT NULL,
    signed_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, tree_size)
);
SELECT lexvault.enable_tenant_rls('lexvault.audit_checkpoints');
GRANT SELECT, INSERT ON lexvault.audit_checkpoints TO ${appRole};
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON lexvault.audit_checkpoints
    FOR EACH ROW EXECUTE FUNCTION lexvault.refuse_audit_change();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON lexvault.audit_checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION lexvault.refuse_audit_change();
