-- The ids of every matter an ethical wall screens the acting user from: matters walled themselves and
-- the matters of walled clients. The audit page hides the events of those matters from the people the
-- wall screens (walls apply to administrators and auditors too). Row-level security hides a screened
-- matter's row from the runtime role, so it cannot find a walled client's matters itself; this definer
-- function can, for the BOUND firm and the ACTING user only, and answers with ids the caller is
-- screened from, never anything of a matter they may see.
CREATE FUNCTION lexvault.acting_user_screened_matter_ids() RETURNS uuid[]
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
        SELECT coalesce(array_agg(m.id), '{}')
          FROM lexvault.matters m
         WHERE m.tenant_id = lexvault.current_tenant_id()
           AND (m.id = ANY (lexvault.acting_user_screened_matters())
                OR m.client_id = ANY (lexvault.acting_user_screened_clients()))
    $$;
REVOKE ALL ON FUNCTION lexvault.acting_user_screened_matter_ids() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.acting_user_screened_matter_ids() TO ${appRole};
