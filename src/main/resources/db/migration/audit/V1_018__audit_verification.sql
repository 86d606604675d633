-- `lexvault audit verify` checks every firm that has a log. Which firms those are is all it may learn
-- without binding one (ids only, like firms_with_unsequenced_events); checkpoints count too, so a
-- firm whose leaves were all deleted is still checked, and fails.
CREATE POLICY owner_leaves_scan ON lexvault.audit_leaves FOR SELECT TO ${ownerRole} USING (true);
CREATE POLICY owner_checkpoints_scan ON lexvault.audit_checkpoints FOR SELECT TO ${ownerRole} USING (true);
CREATE FUNCTION lexvault.firms_with_audit_log() RETURNS SETOF uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT tenant_id FROM lexvault.audit_leaves UNION SELECT tenant_id FROM lexvault.audit_checkpoints $$;
REVOKE ALL ON FUNCTION lexvault.firms_with_audit_log() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.firms_with_audit_log() TO ${appRole};
