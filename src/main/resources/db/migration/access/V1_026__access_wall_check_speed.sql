-- Speed of the matter wall in PostgreSQL (docs/benchmarks.md, "Matter wall: what the policies add to
-- the matter list"). The rule and the policies of V1_023 stay as they are; only the bodies of the
-- per-user lookups change, with the same results. CREATE OR REPLACE keeps their grants, and the
-- policies, which call them by name as (SELECT ...) init plans, pick the new bodies up.
--
-- Measured (bench/matter-walls.sh: 10,000 matters, 11,980 team rows), the policies' time went almost
-- entirely into these lookups, not into the per-row array tests (the team lookup alone 7.5 ms of a
-- 10.6 ms list statement, the list without the policies 0.6 ms):
-- - "t.group_id = ANY (lexvault.acting_user_groups())" in a WHERE clause is not evaluated once: the
--   (not inlinable) group lookup can run again for every team or screening row examined.
-- - SQL functions that are not inlined are planned again at every call, row-level security included
--   (the team table's own policy calls two more lookups): a fixed cost of several planner runs in
--   every statement on a walled table.
-- Now 1.2 ms for the team lookup and 3.1 ms for the statement.
-- They are now PL/pgSQL: each looks the acting user's groups up once, into a variable, and PostgreSQL
-- keeps the plans of their queries for the session (a pooled connection), re-planning only when
-- something they depend on changes (a table, a policy, the role). The tenant and the acting user are
-- read at execution, as before, never baked into a plan. Still STABLE (the statement's snapshot),
-- still not SECURITY DEFINER (the caller's rights, inside the bound firm).

CREATE OR REPLACE FUNCTION lexvault.acting_user_groups() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN (SELECT coalesce(array_agg(g.group_id), '{}')
              FROM lexvault.user_group_members g
             WHERE g.tenant_id = lexvault.current_tenant_id()
               AND g.user_id = lexvault.current_user_id());
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_team_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    acting_groups uuid[] := lexvault.acting_user_groups();
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT t.matter_id), '{}')
              FROM lexvault.matter_team_members t
             WHERE t.tenant_id = lexvault.current_tenant_id()
               AND (t.user_id = lexvault.current_user_id() OR t.group_id = ANY (acting_groups)));
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    acting_groups uuid[] := lexvault.acting_user_groups();
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT w.matter_id) FILTER (WHERE w.matter_id IS NOT NULL), '{}')
              FROM lexvault.wall_screened s
              JOIN lexvault.ethical_walls w ON w.tenant_id = s.tenant_id AND w.id = s.wall_id
             WHERE s.tenant_id = lexvault.current_tenant_id()
               AND (s.user_id = lexvault.current_user_id() OR s.group_id = ANY (acting_groups)));
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_clients() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    acting_groups uuid[] := lexvault.acting_user_groups();
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT w.client_id) FILTER (WHERE w.client_id IS NOT NULL), '{}')
              FROM lexvault.wall_screened s
              JOIN lexvault.ethical_walls w ON w.tenant_id = s.tenant_id AND w.id = s.wall_id
             WHERE s.tenant_id = lexvault.current_tenant_id()
               AND (s.user_id = lexvault.current_user_id() OR s.group_id = ANY (acting_groups)));
END
$$;

-- The permission check of V1_022 (matters.read.all in the matter policy), the same way: its SET clause
-- already kept it from being inlined, so it was planned again in every statement.
CREATE OR REPLACE FUNCTION lexvault.acting_user_holds(p_permission text) RETURNS boolean
    LANGUAGE plpgsql STABLE SET search_path = lexvault, pg_temp
    AS $$
BEGIN
    RETURN EXISTS (
        SELECT 1 FROM lexvault.role_assignments a
         WHERE a.tenant_id = lexvault.current_tenant_id()
           AND a.user_id = lexvault.current_user_id()
           AND (EXISTS (SELECT 1 FROM lexvault.built_in_role_permissions b
                         WHERE b.role = a.role AND b.permission = p_permission)
                OR EXISTS (SELECT 1 FROM lexvault.custom_role_permissions c
                            WHERE c.tenant_id = a.tenant_id AND c.role = a.role AND c.permission = p_permission)));
END
$$;

-- Read on writes to walls only (per row), but it had the same per-row group lookup.
CREATE OR REPLACE FUNCTION lexvault.wall_screens_acting_user(p_wall uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
DECLARE
    acting_groups uuid[] := lexvault.acting_user_groups();
BEGIN
    RETURN EXISTS (SELECT 1 FROM lexvault.wall_screened s
                    WHERE s.tenant_id = lexvault.current_tenant_id()
                      AND s.wall_id = p_wall
                      AND (s.user_id = lexvault.current_user_id() OR s.group_id = ANY (acting_groups)));
END
$$;
