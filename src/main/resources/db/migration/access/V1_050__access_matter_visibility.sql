-- Speed of the matter wall, second step (docs/benchmarks.md, "Matter wall"; ADR 0010). After V1_026
-- the policies still cost 1 to 4 ms per statement against statements of 0.3 to 0.8 ms: every
-- statement on a walled table looked the acting user's groups, teams, walls and matters.read.all up
-- again (about ten queries, the team lookup running the team table's own wall policy twice more).
--
-- Now each user's view of the firm's matters is kept in one row, matter_visibility, written by
-- triggers on every table it is made of, in the same transaction as the change; the policies read
-- that one row (an index lookup per statement) and test each row against its arrays as before. The
-- rule itself does not change, nor do the policies' names or what they apply to; the RESTRICTIVE
-- policies stay the enforcement. The application does not read this table: MatterAccess computes the
-- same rule from the source tables, so a bug in the triggers and one in the application would both be
-- needed for a matter to leak (docs/security.md, wall 3).
--
-- Correctness of the copy:
-- - Every change that can change a user's view recomputes that user's row from the source tables
--   (matter_visibility_computed below, the rule of V1_023/V1_026): group membership, teams (users and
--   groups), whom walls screen, what a wall surrounds, role assignments, a custom role's permissions,
--   and the built-in roles' permissions (migrations). Deletions by foreign-key cascade (a user, a
--   group, a matter, a wall, a custom role) fire the same triggers on the rows they delete.
-- - Concurrency: the recomputation reads with a fresh snapshot after taking a transaction-level
--   advisory lock: exclusive on the user for a change that concerns one user, exclusive on the firm
--   for one that concerns a group, a wall or a role (whose set of users is read under that lock), and
--   shared on the firm for the former. Two changes that concern the same user are therefore
--   serialised, and the second recomputes after the first has committed, seeing it. This needs READ
--   COMMITTED (a fresh snapshot per statement); the triggers refuse to run in any other isolation
--   level rather than write a stale row.
-- - A user with no row sees no matter (the lookups answer empty arrays and false): failing closed.
-- - The triggers run with the owner's rights (they must see every row of the firm, including team rows
--   the acting user's wall hides), inside the bound firm only: they refuse to run for another firm than
--   the transaction's (the tenant policy still applies to the owner).
-- MatterVisibilityIntegrationTests compares the table with the rule after random changes.

CREATE TABLE lexvault.matter_visibility (
    tenant_id        uuid    NOT NULL,
    user_id          uuid    NOT NULL,
    reads_all        boolean NOT NULL,
    team_matters     uuid[]  NOT NULL,
    screened_matters uuid[]  NOT NULL,
    screened_clients uuid[]  NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.matter_visibility');
-- Read only, and only one's own row: a colleague's row would name matters (ids) a wall hides from
-- the reader. Written by the triggers below only.
GRANT SELECT ON lexvault.matter_visibility TO ${appRole};
CREATE POLICY matter_visibility_own_row ON lexvault.matter_visibility AS RESTRICTIVE FOR SELECT TO ${appRole}
    USING (user_id = (SELECT lexvault.current_user_id()));

-- The rule, computed from the source tables for any user of the bound firm (V1_026's lookups with the
-- user as a parameter). Owner only; called by the triggers and, for comparison, by the tests' owner.
CREATE FUNCTION lexvault.matter_visibility_computed(p_tenant uuid, p_user uuid,
        OUT reads_all boolean, OUT team_matters uuid[], OUT screened_matters uuid[], OUT screened_clients uuid[])
    LANGUAGE plpgsql STABLE
    AS $$
DECLARE
    user_groups uuid[];
BEGIN
    user_groups := (SELECT coalesce(array_agg(g.group_id), '{}')
                      FROM lexvault.user_group_members g
                     WHERE g.tenant_id = p_tenant AND g.user_id = p_user);
    reads_all := EXISTS (
        SELECT 1 FROM lexvault.role_assignments a
         WHERE a.tenant_id = p_tenant
           AND a.user_id = p_user
           AND (EXISTS (SELECT 1 FROM lexvault.built_in_role_permissions b
                         WHERE b.role = a.role AND b.permission = 'matters.read.all')
                OR EXISTS (SELECT 1 FROM lexvault.custom_role_permissions c
                            WHERE c.tenant_id = a.tenant_id AND c.role = a.role
                              AND c.permission = 'matters.read.all')));
    SELECT coalesce(array_agg(DISTINCT w.matter_id) FILTER (WHERE w.matter_id IS NOT NULL), '{}'),
           coalesce(array_agg(DISTINCT w.client_id) FILTER (WHERE w.client_id IS NOT NULL), '{}')
      INTO screened_matters, screened_clients
      FROM lexvault.wall_screened s
      JOIN lexvault.ethical_walls w ON w.tenant_id = s.tenant_id AND w.id = s.wall_id
     WHERE s.tenant_id = p_tenant
       AND (s.user_id = p_user OR s.group_id = ANY (user_groups));
    -- The team matters no wall screens them from, by the matter or by its client (team rows carry the
    -- matter's client, kept by a cascading foreign key; a client change is an UPDATE of the team rows,
    -- which recomputes the row). What the runtime role's team lookup of V1_026 found: team_wall hid
    -- the team rows of screened matters and clients from it.
    team_matters := (SELECT coalesce(array_agg(DISTINCT t.matter_id), '{}')
                       FROM lexvault.matter_team_members t
                      WHERE t.tenant_id = p_tenant
                        AND (t.user_id = p_user OR t.group_id = ANY (user_groups))
                        AND NOT (t.matter_id = ANY (screened_matters))
                        AND NOT (t.client_id = ANY (screened_clients)));
END
$$;

-- Rewrites the rows of p_users (every user of the firm when NULL) in the bound firm, after taking the
-- locks described above: p_firm_wide for a change concerning a group, wall or role, else the users'.
CREATE FUNCTION lexvault.refresh_matter_visibility(p_tenant uuid, p_users uuid[], p_groups uuid[], p_firm_wide boolean)
    RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    affected uuid[] := coalesce(p_users, '{}');
    u uuid;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM lexvault.tenants t WHERE t.id = p_tenant) THEN
        RETURN; -- the firm itself is being deleted (its rows go by cascade)
    END IF;
    IF lexvault.current_tenant_id() IS DISTINCT FROM p_tenant THEN
        RAISE EXCEPTION 'matter visibility: a change to firm % outside that firm''s context', p_tenant
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RAISE EXCEPTION 'matter visibility: teams, groups, walls and roles change in READ COMMITTED transactions only'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    IF p_firm_wide OR p_users IS NULL OR cardinality(coalesce(p_groups, '{}')) > 0 THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('lexvault.matter_visibility:' || p_tenant, 0));
        IF p_users IS NULL THEN
            affected := (SELECT coalesce(array_agg(x.id), '{}') FROM lexvault.users x WHERE x.tenant_id = p_tenant);
        ELSE
            affected := affected || (SELECT coalesce(array_agg(g.user_id), '{}')
                                       FROM lexvault.user_group_members g
                                      WHERE g.tenant_id = p_tenant AND g.group_id = ANY (p_groups));
        END IF;
    ELSE
        PERFORM pg_advisory_xact_lock_shared(hashtextextended('lexvault.matter_visibility:' || p_tenant, 0));
        FOREACH u IN ARRAY (SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}') FROM unnest(affected) x) LOOP
            PERFORM pg_advisory_xact_lock(hashtextextended('lexvault.matter_visibility:' || p_tenant || ':' || u, 0));
        END LOOP;
    END IF;
    -- Fresh snapshots from here on (READ COMMITTED): whatever the lock waited for is visible.
    DELETE FROM lexvault.matter_visibility v WHERE v.tenant_id = p_tenant AND v.user_id = ANY (affected);
    INSERT INTO lexvault.matter_visibility (tenant_id, user_id, reads_all, team_matters, screened_matters,
                                            screened_clients)
    SELECT p_tenant, x.id, c.reads_all, c.team_matters, c.screened_matters, c.screened_clients
      FROM lexvault.users x
     CROSS JOIN LATERAL lexvault.matter_visibility_computed(p_tenant, x.id) c
     WHERE x.tenant_id = p_tenant AND x.id = ANY (affected);
END
$$;

-- The triggers: one function per table, statement-level with the changed rows as transition tables
-- (a cascade deleting a group's hundred team rows recomputes each member once, not a hundred times).
CREATE FUNCTION lexvault.matter_visibility_after_members() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    r record;
BEGIN
    -- matter_team_members, wall_screened: a user's row concerns that user, a group's everyone in it.
    -- (A transition table exists only for its events: old rows for DELETE and UPDATE, new for INSERT
    -- and UPDATE.)
    IF TG_OP <> 'INSERT' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.user_id) FILTER (WHERE c.user_id IS NOT NULL) AS users,
                            array_agg(DISTINCT c.group_id) FILTER (WHERE c.group_id IS NOT NULL) AS groups FROM changed_old c GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility(r.tenant_id, coalesce(r.users, '{}'), coalesce(r.groups, '{}'), false);
        END LOOP;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.user_id) FILTER (WHERE c.user_id IS NOT NULL) AS users,
                            array_agg(DISTINCT c.group_id) FILTER (WHERE c.group_id IS NOT NULL) AS groups FROM changed_new c GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility(r.tenant_id, coalesce(r.users, '{}'), coalesce(r.groups, '{}'), false);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION lexvault.matter_visibility_after_group_members() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    r record;
BEGIN
    -- Joining or leaving a group concerns that user only.
    IF TG_OP <> 'INSERT' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.user_id) AS users FROM changed_old c GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility(r.tenant_id, r.users, '{}', false);
        END LOOP;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.user_id) AS users FROM changed_new c GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility(r.tenant_id, r.users, '{}', false);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION lexvault.matter_visibility_after_walls() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    r record;
BEGIN
    -- A wall moved to another matter or client: everyone it screens (its screening rows are deleted
    -- with it by cascade, which the wall_screened trigger sees, so only UPDATE comes here).
    FOR r IN
        SELECT n.tenant_id, array_agg(DISTINCT n.id) AS walls
          FROM changed_new n JOIN changed_old o ON o.tenant_id = n.tenant_id AND o.id = n.id
         WHERE (o.matter_id, o.client_id) IS DISTINCT FROM (n.matter_id, n.client_id)
         GROUP BY n.tenant_id
    LOOP
        -- Whom the wall screens is read under the firm lock (a concurrent screening waits for it).
        PERFORM pg_advisory_xact_lock(hashtextextended('lexvault.matter_visibility:' || r.tenant_id, 0));
        PERFORM lexvault.refresh_matter_visibility(
            r.tenant_id,
            (SELECT coalesce(array_agg(s.user_id), '{}') FROM lexvault.wall_screened s
              WHERE s.tenant_id = r.tenant_id AND s.wall_id = ANY (r.walls) AND s.user_id IS NOT NULL),
            (SELECT coalesce(array_agg(s.group_id), '{}') FROM lexvault.wall_screened s
              WHERE s.tenant_id = r.tenant_id AND s.wall_id = ANY (r.walls) AND s.group_id IS NOT NULL),
            true);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE FUNCTION lexvault.matter_visibility_after_role_assignments() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    r record;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.user_id) AS users FROM changed_old c GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility(r.tenant_id, r.users, '{}', false);
        END LOOP;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.user_id) AS users FROM changed_new c GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility(r.tenant_id, r.users, '{}', false);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION lexvault.refresh_matter_visibility_of_role_holders(p_tenant uuid, p_roles text[]) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('lexvault.matter_visibility:' || p_tenant, 0));
    PERFORM lexvault.refresh_matter_visibility(
        p_tenant,
        (SELECT coalesce(array_agg(DISTINCT a.user_id), '{}') FROM lexvault.role_assignments a
          WHERE a.tenant_id = p_tenant AND a.role = ANY (p_roles)),
        '{}', true);
END
$$;

CREATE FUNCTION lexvault.matter_visibility_after_custom_role_permissions() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    r record;
BEGIN
    -- Everyone holding a custom role that gains or loses matters.read.all, read under the firm lock.
    IF TG_OP <> 'INSERT' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.role) AS roles FROM changed_old c
                  WHERE c.permission = 'matters.read.all' GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility_of_role_holders(r.tenant_id, r.roles);
        END LOOP;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        FOR r IN SELECT c.tenant_id, array_agg(DISTINCT c.role) AS roles FROM changed_new c
                  WHERE c.permission = 'matters.read.all' GROUP BY c.tenant_id LOOP
            PERFORM lexvault.refresh_matter_visibility_of_role_holders(r.tenant_id, r.roles);
        END LOOP;
    END IF;
    RETURN NULL;
END
$$;

-- Every firm's users, each firm in its own context (the owner sees a firm's rows only inside it):
-- this migration's backfill, and a change to the built-in roles' matters.read.all (migrations only).
CREATE FUNCTION lexvault.refresh_matter_visibility_of_every_firm() RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    firm uuid;
    saved_tenant text := current_setting('lexvault.tenant_id', true);
    saved_user text := current_setting('lexvault.user_id', true);
    saved_started text := current_setting('lexvault.context_started', true);
BEGIN
    FOR firm IN SELECT t.id FROM lexvault.tenants t LOOP
        PERFORM set_config('lexvault.tenant_id', firm::text, true),
                set_config('lexvault.user_id', '', true),
                set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true);
        PERFORM lexvault.refresh_matter_visibility(firm, NULL, '{}', true);
    END LOOP;
    PERFORM set_config('lexvault.tenant_id', coalesce(saved_tenant, ''), true),
            set_config('lexvault.user_id', coalesce(saved_user, ''), true),
            set_config('lexvault.context_started', coalesce(saved_started, ''), true);
END
$$;

CREATE FUNCTION lexvault.matter_visibility_after_built_in_role_permissions() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
BEGIN
    IF (TG_OP <> 'INSERT' AND EXISTS (SELECT 1 FROM changed_old o WHERE o.permission = 'matters.read.all'))
       OR (TG_OP <> 'DELETE' AND EXISTS (SELECT 1 FROM changed_new n WHERE n.permission = 'matters.read.all')) THEN
        PERFORM lexvault.refresh_matter_visibility_of_every_firm();
    END IF;
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION lexvault.matter_visibility_computed(uuid, uuid),
    lexvault.refresh_matter_visibility(uuid, uuid[], uuid[], boolean),
    lexvault.refresh_matter_visibility_of_every_firm(),
    lexvault.refresh_matter_visibility_of_role_holders(uuid, text[]),
    lexvault.matter_visibility_after_members(), lexvault.matter_visibility_after_group_members(),
    lexvault.matter_visibility_after_walls(), lexvault.matter_visibility_after_role_assignments(),
    lexvault.matter_visibility_after_custom_role_permissions(),
    lexvault.matter_visibility_after_built_in_role_permissions() FROM PUBLIC;

-- Statement-level triggers with transition tables take one event each.
DO $$
DECLARE
    spec text[];
    event text;
BEGIN
    FOREACH spec SLICE 1 IN ARRAY ARRAY[
        ARRAY['user_group_members', 'matter_visibility_after_group_members', 'INSERT,DELETE,UPDATE'],
        ARRAY['matter_team_members', 'matter_visibility_after_members', 'INSERT,DELETE,UPDATE'],
        ARRAY['wall_screened', 'matter_visibility_after_members', 'INSERT,DELETE,UPDATE'],
        ARRAY['ethical_walls', 'matter_visibility_after_walls', 'UPDATE'],
        ARRAY['role_assignments', 'matter_visibility_after_role_assignments', 'INSERT,DELETE,UPDATE'],
        ARRAY['custom_role_permissions', 'matter_visibility_after_custom_role_permissions', 'INSERT,DELETE,UPDATE'],
        ARRAY['built_in_role_permissions', 'matter_visibility_after_built_in_role_permissions', 'INSERT,DELETE,UPDATE']]
    LOOP
        FOREACH event IN ARRAY string_to_array(spec[3], ',') LOOP
            EXECUTE format('CREATE TRIGGER %I AFTER %s ON lexvault.%I REFERENCING %s FOR EACH STATEMENT'
                           ' EXECUTE FUNCTION lexvault.%I()',
                           'matter_visibility_' || lower(event), event, spec[1],
                           CASE event WHEN 'INSERT' THEN 'NEW TABLE AS changed_new'
                                      WHEN 'DELETE' THEN 'OLD TABLE AS changed_old'
                                      ELSE 'OLD TABLE AS changed_old NEW TABLE AS changed_new' END,
                           spec[2]);
        END LOOP;
    END LOOP;
END
$$;

-- The acting user's row, read by the policies once per statement (init plans). Same names and
-- contracts as before (arrays never NULL; the team matters without the screened ones, as the runtime
-- role's lookup found them through team_wall), so every policy and function that calls them now reads
-- the row (client_wall and team_wall of V1_023 unchanged); the rule behind them is
-- matter_visibility_computed.
CREATE OR REPLACE FUNCTION lexvault.acting_user_team_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN coalesce((SELECT v.team_matters FROM lexvault.matter_visibility v
                      WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id()),
                    '{}');
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_matters() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN coalesce((SELECT v.screened_matters FROM lexvault.matter_visibility v
                      WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id()),
                    '{}');
END
$$;

CREATE OR REPLACE FUNCTION lexvault.acting_user_screened_clients() RETURNS uuid[]
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN coalesce((SELECT v.screened_clients FROM lexvault.matter_visibility v
                      WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id()),
                    '{}');
END
$$;


-- matters.read.all for the matter policies (acting_user_holds stays the general check).
CREATE FUNCTION lexvault.acting_user_reads_all_matters() RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN coalesce((SELECT v.reads_all FROM lexvault.matter_visibility v
                      WHERE v.tenant_id = lexvault.current_tenant_id() AND v.user_id = lexvault.current_user_id()),
                    false);
END
$$;
GRANT EXECUTE ON FUNCTION lexvault.acting_user_reads_all_matters() TO ${appRole};

-- The same rule, written so that a statement runs two or three lookups, not five: someone holding
-- matters.read.all sees every matter no wall screens them from (by the matter or its client); anyone
-- else sees exactly their team matters, from which the row already leaves out the screened ones. The
-- lookups are init plans as before, run once per statement and only when needed (CASE). Tables that
-- get the wall from a later migration get this version; the five that have it are redone below, under
-- the same policy names. No row for the acting user (nobody acting, or a user with no role, team or
-- wall): not matters.read.all, no team matters, nothing shows. (Tried and measured worse: sub-selects
-- on matter_visibility written into the policy, planned again in every statement where PL/pgSQL keeps
-- its plans; one init plan for the whole row tested by a function, which PostgreSQL then calls per row.)
CREATE OR REPLACE FUNCTION lexvault.enable_matter_wall(target regclass, matter_column name, client_column name)
    RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    rule text := format(
        'CASE WHEN (SELECT lexvault.acting_user_reads_all_matters())'
        ' THEN NOT (%1$I = ANY ((SELECT lexvault.acting_user_screened_matters())::uuid[]))'
        '      AND NOT (%2$I = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[]))'
        ' ELSE %1$I = ANY ((SELECT lexvault.acting_user_team_matters())::uuid[]) END',
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

SELECT lexvault.enable_matter_wall('lexvault.matters', 'id', 'client_id');
SELECT lexvault.enable_matter_wall('lexvault.matter_parties', 'matter_id', 'client_id');
SELECT lexvault.enable_matter_wall('lexvault.conflict_reports', 'matter_id', 'client_id');
SELECT lexvault.enable_matter_wall('lexvault.documents', 'matter_id', 'client_id');
SELECT lexvault.enable_matter_wall('lexvault.document_versions', 'matter_id', 'client_id');

-- Single-row checks (conflict checks) read the row as well.
CREATE OR REPLACE FUNCTION lexvault.acting_user_may_see_matter(p_matter uuid, p_client uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT lexvault.current_user_id() IS NOT NULL
           AND NOT (p_matter = ANY (lexvault.acting_user_screened_matters()))
           AND NOT (p_client = ANY (lexvault.acting_user_screened_clients()))
           AND (lexvault.acting_user_reads_all_matters() OR p_matter = ANY (lexvault.acting_user_team_matters()))
    $$;

-- The backfill: every user of every firm.
SELECT lexvault.refresh_matter_visibility_of_every_firm();
