-- A refused look at a matter is recorded in the audit log (matter.access_denied), and whether the
-- matter exists in the caller's firm is what tells a security officer a probe of random ids from an
-- attempt on a walled matter. Row-level security hides walled matters from the runtime role, so this
-- one boolean comes from a definer function: for the BOUND firm only (the tenant policy still applies
-- inside it), never for another firm's ids, never any column of the matter. The answer is only
-- written to the audit log, never returned to the caller (who gets 404 either way).
CREATE FUNCTION lexvault.matter_exists_in_bound_firm(p_matter uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM lexvault.matters m
                          WHERE m.tenant_id = lexvault.current_tenant_id() AND m.id = p_matter) $$;
REVOKE ALL ON FUNCTION lexvault.matter_exists_in_bound_firm(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.matter_exists_in_bound_firm(uuid) TO ${appRole};
