-- Custom roles as firms manage them (create, copy, edit, delete; docs/security.md §8).
--
-- A deleted custom role keeps its row, marked deleted_at, and loses its permissions and assignments
-- in the same transaction. Its key is therefore never reused: an audit event naming custom_x means
-- the same role for ever, and a later role that happened to get the same title cannot silently
-- inherit old grants.
ALTER TABLE lexvault.custom_roles ADD COLUMN deleted_at timestamptz;

-- Titles are what people choose roles by: two live roles of one firm never share one, whatever the
-- case (built-in titles are refused by the application, which knows them).
CREATE UNIQUE INDEX custom_roles_live_title ON lexvault.custom_roles (tenant_id, lower(title))
    WHERE deleted_at IS NULL;

-- role_assignments.role holds built-in and custom keys alike, so a foreign key cannot check it. This
-- trigger does: a role can only be assigned when it is built in or a live custom role of the same firm
-- (so a bug or a hand-written INSERT cannot grant a key that a later role might take). FOR SHARE keeps
-- the role from being deleted until the assigning transaction ends; the deleting transaction then
-- sees the new assignment and removes it with the others. Runs with the caller's rights, so row-level
-- security keeps the lookup inside the firm being written.
CREATE FUNCTION lexvault.check_assigned_role_exists() RETURNS trigger
    LANGUAGE plpgsql SET search_path = lexvault, pg_temp
    AS $$
BEGIN
    IF NEW.role LIKE 'custom\_%' THEN
        PERFORM 1 FROM lexvault.custom_roles
         WHERE tenant_id = NEW.tenant_id AND key = NEW.role AND deleted_at IS NULL
           FOR SHARE;
    ELSE
        PERFORM 1 FROM lexvault.built_in_role_permissions WHERE role = NEW.role;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % does not exist in this firm', NEW.role USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER role_assignments_role_exists BEFORE INSERT OR UPDATE ON lexvault.role_assignments
    FOR EACH ROW EXECUTE FUNCTION lexvault.check_assigned_role_exists();

-- The same for a role's permissions: none may be added to a deleted role (which would revive it for
-- anyone who still held it).
CREATE FUNCTION lexvault.check_custom_role_is_live() RETURNS trigger
    LANGUAGE plpgsql SET search_path = lexvault, pg_temp
    AS $$
BEGIN
    PERFORM 1 FROM lexvault.custom_roles
     WHERE tenant_id = NEW.tenant_id AND key = NEW.role AND deleted_at IS NULL;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'custom role % does not exist in this firm', NEW.role USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER custom_role_permissions_role_is_live BEFORE INSERT OR UPDATE ON lexvault.custom_role_permissions
    FOR EACH ROW EXECUTE FUNCTION lexvault.check_custom_role_is_live();
