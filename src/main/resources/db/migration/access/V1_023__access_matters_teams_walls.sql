-- Wall 3 of docs/security.md: inside a firm, a user sees a matter only through its team or a
-- firm-wide permission (matters.read.all), and never across an ethical wall, whatever roles they hold.
--
-- The minimal clients and matters the matters module builds on are created here, in the access
-- migration, because the team and wall tables reference them and their visibility policy is this
-- module's rule (ADR 0005). The matters module extends them in its own migrations.
--
-- The tenant policy (enable_tenant_rls) is the only PERMISSIVE policy on each table; everything the
-- matter wall adds is a RESTRICTIVE policy, which PostgreSQL ANDs with it: a wall can only ever take
-- rows away, never add any (and IsolationCatalogue refuses anything else).

CREATE TABLE lexvault.clients (
    tenant_id  uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    name       text        NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id)
);
SELECT lexvault.enable_tenant_rls('lexvault.clients');
GRANT SELECT, INSERT, UPDATE ON lexvault.clients TO ${appRole};

CREATE TABLE lexvault.matters (
    tenant_id  uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    client_id  uuid        NOT NULL,
    number     text        NOT NULL CHECK (number ~ '^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$'),
    title      text        NOT NULL CHECK (char_length(btrim(title)) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, number),
    -- Lets team rows carry the matter's client (checked, below) so that their own policy never has to
    -- read matters, whose policy reads the team table (no policy recursion).
    UNIQUE (tenant_id, id, client_id),
    FOREIGN KEY (tenant_id, client_id) REFERENCES lexvault.clients (tenant_id, id)
);
CREATE INDEX matters_by_client ON lexvault.matters (tenant_id, client_id);
SELECT lexvault.enable_tenant_rls('lexvault.matters');
GRANT SELECT, INSERT, UPDATE ON lexvault.matters TO ${appRole};

-- Groups of users (a practice group, a floor), put on teams or screened by walls as a whole.
CREATE TABLE lexvault.user_groups (
    tenant_id  uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    name       text        NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);
SELECT lexvault.enable_tenant_rls('lexvault.user_groups');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.user_groups TO ${appRole};

CREATE TABLE lexvault.user_group_members (
    tenant_id uuid        NOT NULL,
    group_id  uuid        NOT NULL,
    user_id   uuid        NOT NULL,
    added_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, group_id, user_id),
    FOREIGN KEY (tenant_id, group_id) REFERENCES lexvault.user_groups (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
-- "Which groups is the acting user in": read by every visibility check.
CREATE INDEX user_group_members_by_user ON lexvault.user_group_members (tenant_id, user_id, group_id);
SELECT lexvault.enable_tenant_rls('lexvault.user_group_members');
GRANT SELECT, INSERT, DELETE ON lexvault.user_group_members TO ${appRole};

-- A matter's team: users, or groups whose members are on it for as long as they are in the group.
CREATE TABLE lexvault.matter_team_members (
    tenant_id uuid        NOT NULL,
    matter_id uuid        NOT NULL,
    client_id uuid        NOT NULL,
    user_id   uuid,
    group_id  uuid,
    added_by  uuid,
    added_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(user_id, group_id) = 1),
    FOREIGN KEY (tenant_id, matter_id, client_id) REFERENCES lexvault.matters (tenant_id, id, client_id)
        ON DELETE CASCADE ON UPDATE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, group_id) REFERENCES lexvault.user_groups (tenant_id, id) ON DELETE CASCADE
);
-- The visibility check looks up (matter, user) and (matter, group); "my matters" looks up by user.
CREATE UNIQUE INDEX matter_team_members_user ON lexvault.matter_team_members (tenant_id, matter_id, user_id)
    WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX matter_team_members_group ON lexvault.matter_team_members (tenant_id, matter_id, group_id)
    WHERE group_id IS NOT NULL;
CREATE INDEX matter_team_members_by_user ON lexvault.matter_team_members (tenant_id, user_id, matter_id)
    WHERE user_id IS NOT NULL;
CREATE INDEX matter_team_members_by_group ON lexvault.matter_team_members (tenant_id, group_id, matter_id)
    WHERE group_id IS NOT NULL;
SELECT lexvault.enable_tenant_rls('lexvault.matter_team_members');
GRANT SELECT, INSERT, DELETE ON lexvault.matter_team_members TO ${appRole};

-- An ethical wall screens users or groups from one matter, or from every matter of one client
-- (present and future), for a stated reason.
CREATE TABLE lexvault.ethical_walls (
    tenant_id  uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id         uuid        NOT NULL,
    matter_id  uuid,
    client_id  uuid,
    reason     text        NOT NULL CHECK (char_length(btrim(reason)) BETWEEN 1 AND 1000),
    created_by uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    changed_by uuid,
    changed_at timestamptz,
    PRIMARY KEY (tenant_id, id),
    CHECK (num_nonnulls(matter_id, client_id) = 1),
    FOREIGN KEY (tenant_id, matter_id) REFERENCES lexvault.matters (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, client_id) REFERENCES lexvault.clients (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ethical_walls_by_matter ON lexvault.ethical_walls (tenant_id, matter_id) WHERE matter_id IS NOT NULL;
CREATE INDEX ethical_walls_by_client ON lexvault.ethical_walls (tenant_id, client_id) WHERE client_id IS NOT NULL;
SELECT lexvault.enable_tenant_rls('lexvault.ethical_walls');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.ethical_walls TO ${appRole};

CREATE TABLE lexvault.wall_screened (
    tenant_id uuid NOT NULL,
    wall_id   uuid NOT NULL,
    user_id   uuid,
    group_id  uuid,
    CHECK (num_nonnulls(user_id, group_id) = 1),
    FOREIGN KEY (tenant_id, wall_id) REFERENCES lexvault.ethical_walls (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, group_id) REFERENCES lexvault.user_groups (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX wall_screened_user ON lexvault.wall_screened (tenant_id, user_id, wall_id)
    WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX wall_screened_group ON lexvault.wall_screened (tenant_id, group_id, wall_id)
    WHERE group_id IS NOT NULL;
CREATE INDEX wall_screened_by_wall ON lexvault.wall_screened (tenant_id, wall_id);
SELECT lexvault.enable_tenant_rls('lexvault.wall_screened');
GRANT SELECT, INSERT, DELETE ON lexvault.wall_screened TO ${appRole};

-- The acting user's groups, the matters whose team they are on, and what walls screen them from
-- (directly or through a group). Each returns an array, never NULL.
--
-- Speed: the policies below use them as (SELECT ...) sub-selects written out in the policy itself, which
-- PostgreSQL runs as init plans, once per statement, and lazily (the team list is never read for
-- someone holding matters.read.all); each row then costs a few array tests. A function wrapping the
-- whole rule would not do: PostgreSQL does not inline SQL functions that contain sub-selects, so it
-- would run the lookups once per row. enable_matter_wall() below writes the rule into each table's
-- policies instead.
--
-- None is SECURITY DEFINER: they read the wall tables with the caller's rights, inside the bound firm.
-- That is why the wall tables stay readable (tenant policy only) to the runtime role: hiding a wall
-- from the person it screens would make the check miss it and open the matter.
CREATE FUNCTION lexvault.acting_user_groups() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(array_agg(g.group_id), '{}')
          FROM lexvault.user_group_members g
         WHERE g.tenant_id = lexvault.current_tenant_id()
           AND g.user_id = lexvault.current_user_id()
    $$;

CREATE FUNCTION lexvault.acting_user_team_matters() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(array_agg(DISTINCT t.matter_id), '{}')
          FROM lexvault.matter_team_members t
         WHERE t.tenant_id = lexvault.current_tenant_id()
           AND (t.user_id = lexvault.current_user_id() OR t.group_id = ANY (lexvault.acting_user_groups()))
    $$;

CREATE FUNCTION lexvault.acting_user_screened_matters() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(array_agg(DISTINCT w.matter_id) FILTER (WHERE w.matter_id IS NOT NULL), '{}')
          FROM lexvault.wall_screened s
          JOIN lexvault.ethical_walls w ON w.tenant_id = s.tenant_id AND w.id = s.wall_id
         WHERE s.tenant_id = lexvault.current_tenant_id()
           AND (s.user_id = lexvault.current_user_id() OR s.group_id = ANY (lexvault.acting_user_groups()))
    $$;

CREATE FUNCTION lexvault.acting_user_screened_clients() RETURNS uuid[]
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT coalesce(array_agg(DISTINCT w.client_id) FILTER (WHERE w.client_id IS NOT NULL), '{}')
          FROM lexvault.wall_screened s
          JOIN lexvault.ethical_walls w ON w.tenant_id = s.tenant_id AND w.id = s.wall_id
         WHERE s.tenant_id = lexvault.current_tenant_id()
           AND (s.user_id = lexvault.current_user_id() OR s.group_id = ANY (lexvault.acting_user_groups()))
    $$;

-- The matter wall for one row, for single checks (a service asking about one matter, a test). Tables
-- get the same rule through enable_matter_wall(), which writes it out for per-statement evaluation.
-- Visible iff there is an acting user, no wall screens them from the matter or its client, and they
-- are on the team (directly or through a group) or hold matters.read.all. No acting user (a job, a
-- forgotten binding) sees no matter at all.
CREATE FUNCTION lexvault.acting_user_may_see_matter(p_matter uuid, p_client uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT lexvault.current_user_id() IS NOT NULL
           AND NOT (p_matter = ANY (lexvault.acting_user_screened_matters()))
           AND NOT (p_client = ANY (lexvault.acting_user_screened_clients()))
           AND (lexvault.acting_user_holds('matters.read.all') OR p_matter = ANY (lexvault.acting_user_team_matters()))
    $$;

-- Whether a wall screens the acting user (so they may not change or remove it: a screened
-- administrator must not be able to take down their own wall). Per row, but only on writes to walls.
CREATE FUNCTION lexvault.wall_screens_acting_user(p_wall uuid) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
        SELECT EXISTS (SELECT 1 FROM lexvault.wall_screened s
                        WHERE s.tenant_id = lexvault.current_tenant_id()
                          AND s.wall_id = p_wall
                          AND (s.user_id = lexvault.current_user_id()
                               OR s.group_id = ANY (lexvault.acting_user_groups())))
    $$;

GRANT EXECUTE ON FUNCTION lexvault.acting_user_groups(), lexvault.acting_user_team_matters(),
    lexvault.acting_user_screened_matters(), lexvault.acting_user_screened_clients(),
    lexvault.acting_user_may_see_matter(uuid, uuid), lexvault.wall_screens_acting_user(uuid) TO ${appRole};

-- Puts the matter wall on a table whose rows belong to a matter (matters now; documents, chunks, share
-- links and exports later, each with its matter's id and client id): RESTRICTIVE policies for reading,
-- changing and deleting, so nothing of a matter the acting user may not see is read, changed or
-- deleted. No policy for INSERT (a new matter has no team yet: its creator joins it in the same
-- transaction), so an INSERT ... RETURNING needs the new row to be visible already.
CREATE FUNCTION lexvault.enable_matter_wall(target regclass, matter_column name, client_column name)
    RETURNS void
    LANGUAGE plpgsql
    AS $$
DECLARE
    rule text := format(
        '(SELECT lexvault.current_user_id()) IS NOT NULL'
        ' AND NOT (%1$I = ANY ((SELECT lexvault.acting_user_screened_matters())::uuid[]))'
        ' AND NOT (%2$I = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[]))'
        ' AND ((SELECT lexvault.acting_user_holds(''matters.read.all''))'
        '      OR %1$I = ANY ((SELECT lexvault.acting_user_team_matters())::uuid[]))',
        matter_column, client_column);
    command text;
BEGIN
    FOREACH command IN ARRAY ARRAY['SELECT', 'UPDATE', 'DELETE'] LOOP
        EXECUTE format('CREATE POLICY %I ON %s AS RESTRICTIVE FOR %s TO ${appRole} USING (%s)',
                       'matter_wall_' || lower(command), target, command, rule);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION lexvault.enable_matter_wall(regclass, name, name) FROM PUBLIC;

SELECT lexvault.enable_matter_wall('lexvault.matters', 'id', 'client_id');

-- Clients: a client-wide wall hides the client itself from those it screens.
CREATE POLICY client_wall ON lexvault.clients AS RESTRICTIVE FOR ALL TO ${appRole}
    USING (NOT (id = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[])))
    WITH CHECK (NOT (id = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[])));

-- Team rows of a matter the acting user is screened from are neither visible nor changeable (they
-- would name the matter and its people). Not the whole matter wall: that reads this table.
CREATE POLICY team_wall ON lexvault.matter_team_members AS RESTRICTIVE FOR ALL TO ${appRole}
    USING (NOT (matter_id = ANY ((SELECT lexvault.acting_user_screened_matters())::uuid[]))
           AND NOT (client_id = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[])))
    WITH CHECK (NOT (matter_id = ANY ((SELECT lexvault.acting_user_screened_matters())::uuid[]))
                AND NOT (client_id = ANY ((SELECT lexvault.acting_user_screened_clients())::uuid[])));

-- Nobody changes or removes a wall that screens them, nor takes people off it, nor leaves a group
-- on their own (a screened administrator could otherwise walk around their wall).
CREATE POLICY wall_not_by_the_screened_update ON lexvault.ethical_walls AS RESTRICTIVE FOR UPDATE TO ${appRole}
    USING (NOT lexvault.wall_screens_acting_user(id));
CREATE POLICY wall_not_by_the_screened_delete ON lexvault.ethical_walls AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING (NOT lexvault.wall_screens_acting_user(id));
CREATE POLICY screened_not_by_the_screened ON lexvault.wall_screened AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING (NOT lexvault.wall_screens_acting_user(wall_id));
CREATE POLICY group_not_left_alone ON lexvault.user_group_members AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING (user_id IS DISTINCT FROM (SELECT lexvault.current_user_id()));
