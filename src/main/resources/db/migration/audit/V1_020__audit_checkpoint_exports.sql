-- Signed checkpoints waiting to be copied to S3 (when lexvault.audit.checkpoint-export.s3.bucket is
-- set), queued by the sequencer in the transaction that signs them, so none is lost if the store is
-- down; a job copies them after commit and retries with growing pauses. The rows only record the
-- copying: the checkpoints themselves stay append-only in audit_checkpoints.
CREATE TABLE lexvault.audit_checkpoint_exports (
    tenant_id       uuid        NOT NULL,
    tree_size       bigint      NOT NULL CHECK (tree_size >= 0),
    queued_at       timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_failure    text        CHECK (char_length(last_failure) <= 300),
    exported_to     text        CHECK (char_length(exported_to) <= 1100),
    exported_at     timestamptz,
    PRIMARY KEY (tenant_id, tree_size)
);
CREATE INDEX audit_checkpoint_exports_due ON lexvault.audit_checkpoint_exports (next_attempt_at)
    WHERE exported_at IS NULL;
SELECT lexvault.enable_tenant_rls('lexvault.audit_checkpoint_exports');
GRANT SELECT, INSERT, UPDATE ON lexvault.audit_checkpoint_exports TO ${appRole};

-- The export job works firm by firm; which firms have copies due is all it may learn without one.
CREATE POLICY owner_checkpoint_exports_scan ON lexvault.audit_checkpoint_exports FOR SELECT TO ${ownerRole} USING (true);
CREATE FUNCTION lexvault.firms_with_checkpoint_exports_due(p_now timestamptz) RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT DISTINCT x.tenant_id FROM lexvault.audit_checkpoint_exports x
           WHERE x.exported_at IS NULL AND x.next_attempt_at <= p_now $$;
REVOKE ALL ON FUNCTION lexvault.firms_with_checkpoint_exports_due(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.firms_with_checkpoint_exports_due(timestamptz) TO ${appRole};
