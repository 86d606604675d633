-- Baseline for every module: the tenant context functions, the row-level security helper, and the
-- firms (tenants) themselves. Runs as the owner role; ${appRole} is the runtime role.

-- Functions are executable only where a migration grants it, never by PUBLIC by default.
ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

-- The tenant and acting user of the current transaction, set by the application with
-- set_config(..., true). Unset or empty means "none", which matches no row.
--
-- They count only in the transaction that set them: the application also records that
-- transaction's start time (now(), in microseconds) in lexvault.context_started. A value someone set
-- for the whole session (set_config(..., false)) therefore never applies to a later statement, such
-- as an autocommit query on a reused pooled connection: its transaction started at another time.
CREATE FUNCTION lexvault.context_is_current() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT current_setting('lexvault.context_started', true)
                 = (extract(epoch FROM now()) * 1000000)::bigint::text $$;

CREATE FUNCTION lexvault.current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN lexvault.context_is_current()
                      THEN nullif(current_setting('lexvault.tenant_id', true), '')::uuid END $$;

CREATE FUNCTION lexvault.current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN lexvault.context_is_current()
                      THEN nullif(current_setting('lexvault.user_id', true), '')::uuid END $$;

GRANT EXECUTE ON FUNCTION lexvault.context_is_current(), lexvault.current_tenant_id(), lexvault.current_user_id()
    TO ${appRole};

-- Every migration that creates a table with tenant_id calls this in the same migration:
-- ENABLE and FORCE row level security (FORCE so that not even the owner escapes it), and one policy
-- for reads and writes. The setting is wrapped in a sub-select so PostgreSQL evaluates it once per
-- query instead of once per row.
CREATE FUNCTION lexvault.enable_tenant_rls(target regclass) RETURNS void
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format(
        'CREATE POLICY tenant_isolation ON %s'
        ' USING (tenant_id = (SELECT lexvault.current_tenant_id()))'
        ' WITH CHECK (tenant_id = (SELECT lexvault.current_tenant_id()))',
        target);
END
$$;

CREATE TABLE lexvault.tenants (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    slug       text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
    status     text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked')),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A firm sees its own row only. The owner role reaches every row, but only through the
-- SECURITY DEFINER functions below (the runtime role is not a member of it).
ALTER TABLE lexvault.tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE lexvault.tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON lexvault.tenants
    USING (id = (SELECT lexvault.current_tenant_id()));
CREATE POLICY owner_maintenance ON lexvault.tenants TO ${ownerRole}
    USING (true) WITH CHECK (true);
GRANT SELECT ON lexvault.tenants TO ${appRole};

-- The narrow paths that work without a tenant (listed in docs/security.md).

-- Creating a firm: the caller has no tenant yet.
CREATE FUNCTION lexvault.register_tenant(p_name text, p_slug text) RETURNS uuid
    LANGUAGE sql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ INSERT INTO lexvault.tenants (id, name, slug) VALUES (gen_random_uuid(), p_name, p_slug) RETURNING id $$;

-- Resolving a firm from its slug (sign-in, CLI): returns only the id and status, no firm data.
CREATE FUNCTION lexvault.find_tenant_by_slug(p_slug text) RETURNS TABLE (id uuid, status text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT t.id, t.status FROM lexvault.tenants t WHERE t.slug = p_slug $$;

-- Locking or unlocking a firm: an operator action, deliberately not granted to the runtime role
-- (a web request must not be able to lock or unlock any firm); the operator CLI calls it with the
-- administrative login.
CREATE FUNCTION lexvault.set_tenant_status(p_id uuid, p_status text) RETURNS boolean
    LANGUAGE sql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ UPDATE lexvault.tenants SET status = p_status WHERE id = p_id RETURNING true $$;

REVOKE ALL ON FUNCTION lexvault.register_tenant(text, text), lexvault.find_tenant_by_slug(text),
    lexvault.set_tenant_status(uuid, text), lexvault.enable_tenant_rls(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.register_tenant(text, text), lexvault.find_tenant_by_slug(text) TO ${appRole};
