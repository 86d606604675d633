-- A refused look at a matter is recorded (matter.access_denied) with the matter AND its client, so
-- that the audit views hide it from the people a wall around that matter or client screens
-- (docs/security.md §1). Row-level security hides a walled matter's row from the runtime role, so the
-- client comes from a definer function, like matter_exists_in_bound_firm (V1_027): for the BOUND firm
-- only, one id, written to the audit log and never returned to the caller (who gets 404 either way).
-- Null when the matter does not exist in the bound firm.
CREATE FUNCTION lexvault.matter_client_in_bound_firm(p_matter uuid) RETURNS uuid
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT m.client_id FROM lexvault.matters m
           WHERE m.tenant_id = lexvault.current_tenant_id() AND m.id = p_matter $$;
REVOKE ALL ON FUNCTION lexvault.matter_client_in_bound_firm(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.matter_client_in_bound_firm(uuid) TO ${appRole};

-- It answers everything the existence check did (a client, or none): one definer function less.
DROP FUNCTION lexvault.matter_exists_in_bound_firm(uuid);
