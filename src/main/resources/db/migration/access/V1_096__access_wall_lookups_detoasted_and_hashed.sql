-- Speed of the matter wall, third step (issue 14 row 1; docs/benchmarks.md "Matter wall"; ADR 0021).
-- The rule, the table it reads (matter_visibility, V1_050), the triggers that keep it and the policy
-- names are unchanged; only how a statement evaluates the rule changes. Measured with
-- bench/matter-walls.sh and EXPLAIN (ANALYZE, BUFFERS) before choosing:
--
-- 1. The lookups handed the policies a TOAST pointer, not the array. A user's team_matters of ~150
--    uuids (2.4 kB) is stored out of line; a PL/pgSQL function that RETURNs the column's value returns
--    the pointer, the init plan keeps the pointer, and `id = ANY ($n)` fetched and copied the array
--    from the TOAST table again for EVERY row it tested (3 buffer reads a row: 438 of the attorney
--    list's 831 buffers, most of its wall cost). The lookups now assign the value to a PL/pgSQL array
--    variable, which reads it in full (an expanded array), so the init plan holds the array itself
--    and the table is read once per statement (the list's buffers fall to those of the statement
--    without the wall, plus the one row).
-- 2. `id = ANY (team)` compared each row with every team matter in turn (~150 comparisons a row).
--    The non-read-all branch is now `id IN (SELECT unnest(team))`: an uncorrelated sub-select, which
--    PostgreSQL runs once per statement into a hash table (hashed SubPlan) and probes once per row.
--    Same answer: ids and team entries are never NULL. The matters.read.all branch keeps its array
--    tests: the screened arrays hold a handful of ids.
--
-- A per-user table of visible matter ids (one row per user and matter, kept by triggers also on
-- matter creation, deletion and client moves) was weighed and not built: for the lists measured it
-- would give the same hashed probe (the sub-select would read ~150 index entries instead of one row),
-- at the price of 10,000 rows per administrator-like user and trigger work on every new matter. What
-- is left is the fixed cost of one or two PL/pgSQL lookups per statement (ADR 0021).

CREATE OR REPLACE FUNCTION lexvault.acting_user_team_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    found uuid[]; -- assigning reads a stored (TOAST) value in full: the caller gets the array itself
BEGIN
    found := (SELECT v.team_matters FROM lexvault.matter_visibility v
               WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id());
    RETURN coalesce(found, '{}');
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    found uuid[]; -- see acting_user_team_matters
BEGIN
    found := (SELECT v.screened_matters FROM lexvault.matter_visibility v
               WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id());
    RETURN coalesce(found, '{}');
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_clients() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    found uuid[]; -- see acting_user_team_matters
BEGIN
    found := (SELECT v.screened_clients FROM lexvault.matter_visibility v
               WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id());
    RETURN coalesce(found, '{}');
END
$$;

-- The rule as V1_050 wrote it, the team test now a hashed sub-select. Tables walled by later
-- migrations get this version.
CREATE OR REPLACE FUNCTION lexvault.enable_matter_wall(target regclass, matter_column name, client_column name)
    RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    rule text := format(
        'CASE WHEN (SELECT lexvault.acting_user_reads_all_matters())'
        ' THEN NOT (%1$I = ANY ((SELECT lexvault.acting_user_screened_matters())::uuid[]))'
        '      AND NOT (%2$I = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[]))'
        ' ELSE %1$I IN (SELECT unnest(lexvault.acting_user_team_matters())) END',
        matter_column, client_column);
    command text;
BEGIN
    FOREACH command IN ARRAY ARRAY['SELECT', 'UPDATE', 'DELETE'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS %I ON %s', 'matter_wall_' || lower(command), target);
        EXECUTE format('CREATE POLICY %I ON %s AS RESTRICTIVE FOR %s TO ${appRole} USING (%s)',
                       'matter_wall_' || lower(command), target, command, rule);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION lexvault.enable_matter_wall(regclass, name, name) FROM PUBLIC;

-- Every table that has the wall now (whichever migration gave it), with the matter column its policy
-- names; the client column is client_id on all of them. A table whose policy does not read as the
-- V1_050 rule stops the migration rather than be left with an unknown rule.
DO $$
DECLARE
    walled record;
    matter_column text;
BEGIN
    FOR walled IN
        SELECT p.polrelid::regclass AS target, pg_get_expr(p.polqual, p.polrelid) AS qual
          FROM pg_policy p
         WHERE p.polname = 'matter_wall_select'
         ORDER BY p.polrelid::regclass::text
    LOOP
        matter_column := substring(walled.qual FROM 'ELSE \((\w+) (?:= ANY|IN) ');
        IF matter_column IS NULL
           OR NOT EXISTS (SELECT 1 FROM pg_attribute a
                           WHERE a.attrelid = walled.target AND a.attname = 'client_id' AND NOT a.attisdropped) THEN
            RAISE EXCEPTION 'matter wall on %: unexpected rule %', walled.target, walled.qual;
        END IF;
        PERFORM lexvault.enable_matter_wall(walled.target, matter_column::name, 'client_id');
    END LOOP;
END
$$;
