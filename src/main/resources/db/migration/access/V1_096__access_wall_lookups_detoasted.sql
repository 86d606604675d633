-- Speed of the matter wall, third step (issue 14 row 1; docs/benchmarks.md "Matter wall"; ADR 0021).
-- The rule, the table it reads (matter_visibility, V1_050), the triggers that keep it, the policies and
-- their text are unchanged; only what the three array lookups hand the policies changes.
--
-- Measured with bench/matter-walls.sh and EXPLAIN (ANALYZE, BUFFERS): the lookups handed the policies
-- a TOAST pointer, not the array. A user's team_matters of ~150 uuids (2.4 kB) is stored out of line;
-- a PL/pgSQL function that RETURNs the column's value returns the pointer, the init plan keeps the
-- pointer, and `id = ANY ($n)` fetched and copied the array from the TOAST table again for EVERY row it
-- tested: three buffer reads a row, 438 of the attorney's list's 831 buffers (393 without the wall),
-- and most of the wall's cost on that list. The lookups now assign the value to a PL/pgSQL array
-- variable, which reads it in full (PL/pgSQL keeps arrays expanded in memory), so the init plan holds
-- the array itself and the TOAST table is read once per statement. The screened arrays are small as a
-- rule, but one screened by many walls is stored out of line too, so they get the same treatment.
--
-- Tried and not kept (ADR 0021): the team test as a hashed sub-select (`id IN (SELECT unnest(team))`),
-- which probes a hash table instead of comparing a row with every team matter; it saved execution time
-- on the attorney's list but added planning time to every walled statement, read-all holders' too
-- (who never run it), and the planner may pick the per-row variant of such a sub-plan on a small
-- estimate, calling the lookup per row.

CREATE OR REPLACE FUNCTION lexvault.acting_user_team_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    value uuid[]; -- assigning reads a stored (TOAST) value in full: the caller gets the array itself
BEGIN
    value := (SELECT v.team_matters FROM lexvault.matter_visibility v
               WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id());
    RETURN coalesce(value, '{}');
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    value uuid[]; -- see acting_user_team_matters
BEGIN
    value := (SELECT v.screened_matters FROM lexvault.matter_visibility v
               WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id());
    RETURN coalesce(value, '{}');
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_clients() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    value uuid[]; -- see acting_user_team_matters
BEGIN
    value := (SELECT v.screened_clients FROM lexvault.matter_visibility v
               WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id());
    RETURN coalesce(value, '{}');
END
$$;
