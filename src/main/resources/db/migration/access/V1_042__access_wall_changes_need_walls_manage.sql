-- Who a wall screens changes only through someone who holds walls.manage and whom that wall does not
-- screen (docs/security.md §1, Wall 3), in the database as in the application (Groups, EthicalWalls).
--
-- V1_023 kept the screened from changing or removing their own wall, but a wall that screens a group
-- screens whoever is in the group, and the group's members could be changed by anyone allowed to keep
-- groups (users.manage), the screened administrator included: taking colleagues out of the group, or
-- deleting the group (whose screening rows go with it by a foreign-key cascade, which row-level
-- security does not see), weakened the wall without touching it. And nothing in the database asked
-- for walls.manage at all: raw SQL as the runtime role could take down any wall that did not screen
-- the person running it.
--
-- All policies below are RESTRICTIVE for the runtime role (they only ever take rows away) and read
-- the wall tables with the caller's rights, like every wall lookup (the wall tables stay readable
-- inside the firm, V1_023).

-- Whether any wall screens this group (so that changing who is in it changes whom the wall screens).
CREATE FUNCTION lexvault.group_screened_by_a_wall(p_group uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM lexvault.wall_screened s
                    WHERE s.tenant_id = lexvault.current_tenant_id() AND s.group_id = p_group);
END
$$;

-- Whether the acting user may change who is in this group: always when no wall screens it; otherwise
-- only with walls.manage, and never when one of the walls that screen the group screens the acting
-- user (directly or through any of their groups).
CREATE FUNCTION lexvault.acting_user_may_change_group(p_group uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    AS $$
BEGIN
    IF NOT lexvault.group_screened_by_a_wall(p_group) THEN
        RETURN true;
    END IF;
    IF lexvault.current_user_id() IS NULL OR NOT lexvault.acting_user_holds('walls.manage') THEN
        RETURN false;
    END IF;
    RETURN NOT EXISTS (SELECT 1 FROM lexvault.wall_screened s
                        WHERE s.tenant_id = lexvault.current_tenant_id()
                          AND s.group_id = p_group
                          AND lexvault.wall_screens_acting_user(s.wall_id));
END
$$;

GRANT EXECUTE ON FUNCTION lexvault.group_screened_by_a_wall(uuid), lexvault.acting_user_may_change_group(uuid)
    TO ${appRole};

-- Group members: joining or leaving a group a wall screens is a change to that wall.
CREATE POLICY group_of_a_wall_insert ON lexvault.user_group_members AS RESTRICTIVE FOR INSERT TO ${appRole}
    WITH CHECK (lexvault.acting_user_may_change_group(group_id));
CREATE POLICY group_of_a_wall_delete ON lexvault.user_group_members AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING (lexvault.acting_user_may_change_group(group_id));

-- Groups: one a wall screens is not deleted at all (its screening rows would go by cascade, with no
-- wall change audited or mailed); the wall is changed first, then the group deleted.
CREATE POLICY group_of_a_wall_not_deleted ON lexvault.user_groups AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING (NOT lexvault.group_screened_by_a_wall(id));

-- Walls and whom they screen: walls.manage for every change. The screened were already kept from
-- changing, removing or taking people off their own wall (V1_023); screening more people is not
-- refused to them here (a new wall may screen its own author, or a group they are in), but the
-- application answers 404 for a wall that screens the caller, so they never get that far.
CREATE POLICY wall_needs_walls_manage_insert ON lexvault.ethical_walls AS RESTRICTIVE FOR INSERT TO ${appRole}
    WITH CHECK ((SELECT lexvault.acting_user_holds('walls.manage')));
CREATE POLICY wall_change_needs_walls_manage_update ON lexvault.ethical_walls AS RESTRICTIVE FOR UPDATE TO ${appRole}
    USING ((SELECT lexvault.acting_user_holds('walls.manage')));
CREATE POLICY wall_change_needs_walls_manage_delete ON lexvault.ethical_walls AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING ((SELECT lexvault.acting_user_holds('walls.manage')));
CREATE POLICY screened_needs_walls_manage_insert ON lexvault.wall_screened AS RESTRICTIVE FOR INSERT TO ${appRole}
    WITH CHECK ((SELECT lexvault.acting_user_holds('walls.manage')));
CREATE POLICY screened_needs_walls_manage_delete ON lexvault.wall_screened AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING ((SELECT lexvault.acting_user_holds('walls.manage')));

-- Deleting a group also takes it off every matter team by cascade, which row-level security does not
-- see: someone a wall screens from a matter could so change that matter's team (team_wall forbids
-- exactly that). Whether the group is on such a team is hidden from them (team_wall again), so this
-- definer function answers it: for the BOUND firm and the ACTING user's own screening only, one
-- boolean, never which matter.
CREATE FUNCTION lexvault.group_on_a_team_behind_acting_users_wall(p_group uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
        SELECT EXISTS (SELECT 1 FROM lexvault.matter_team_members t
                        WHERE t.tenant_id = lexvault.current_tenant_id()
                          AND t.group_id = p_group
                          AND (t.matter_id = ANY (lexvault.acting_user_screened_matters())
                               OR t.client_id = ANY (lexvault.acting_user_screened_clients())))
    $$;
REVOKE ALL ON FUNCTION lexvault.group_on_a_team_behind_acting_users_wall(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.group_on_a_team_behind_acting_users_wall(uuid) TO ${appRole};

CREATE POLICY group_on_a_hidden_team_not_deleted ON lexvault.user_groups AS RESTRICTIVE FOR DELETE TO ${appRole}
    USING (NOT lexvault.group_on_a_team_behind_acting_users_wall(id));
