-- What roles allow, where PostgreSQL can see it, so that row-level security (matter teams and ethical
-- walls, the access issue) can decide from the database alone whether the acting user holds a
-- permission such as matters.read.all: a forgotten check in the application then still leaks nothing.
--
-- Built-in roles are defined in code (BuiltInRole); this table mirrors them and holds no firm data
-- (a tenant-less table in docs/security.md). BuiltInRolePermissionsMirrorTests fails when the code and
-- this table disagree: a change to a built-in role needs a migration that changes these rows.
CREATE TABLE lexvault.built_in_role_permissions (
    role       text NOT NULL CHECK (role ~ '^[a-z][a-z0-9_]{0,62}$'),
    permission text NOT NULL CHECK (permission ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    PRIMARY KEY (role, permission)
);
GRANT SELECT ON lexvault.built_in_role_permissions TO ${appRole};

-- A firm's own roles, made from scratch or as a copy of a built-in one (built-ins are copied, never
-- edited). Keys start with "custom_", so a custom role can never be mistaken for a built-in one in
-- role_assignments.role.
CREATE TABLE lexvault.custom_roles (
    tenant_id   uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    key         text        NOT NULL CHECK (key ~ '^custom_[a-z0-9_]{1,55}$'),
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
    description text        NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
    copied_from text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, key)
);
SELECT lexvault.enable_tenant_rls('lexvault.custom_roles');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.custom_roles TO ${appRole};

CREATE TABLE lexvault.custom_role_permissions (
    tenant_id  uuid NOT NULL,
    role       text NOT NULL,
    permission text NOT NULL CHECK (permission ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    PRIMARY KEY (tenant_id, role, permission),
    FOREIGN KEY (tenant_id, role) REFERENCES lexvault.custom_roles (tenant_id, key) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.custom_role_permissions');
GRANT SELECT, INSERT, DELETE ON lexvault.custom_role_permissions TO ${appRole};

-- Whether the acting user (lexvault.user_id of this transaction) holds a permission in the bound
-- firm through any of their roles, built-in or custom. Runs with the caller's rights: row-level
-- security keeps it inside the bound firm. For policies, wrap it as (SELECT lexvault.acting_user_holds(...))
-- so PostgreSQL evaluates it once per statement, not once per row.
CREATE FUNCTION lexvault.acting_user_holds(p_permission text) RETURNS boolean
    LANGUAGE sql STABLE SET search_path = lexvault, pg_temp
    AS $$
        SELECT EXISTS (
            SELECT 1 FROM lexvault.role_assignments a
             WHERE a.tenant_id = lexvault.current_tenant_id()
               AND a.user_id = lexvault.current_user_id()
               AND (EXISTS (SELECT 1 FROM lexvault.built_in_role_permissions b
                             WHERE b.role = a.role AND b.permission = p_permission)
                    OR EXISTS (SELECT 1 FROM lexvault.custom_role_permissions c
                                WHERE c.tenant_id = a.tenant_id AND c.role = a.role AND c.permission = p_permission)))
    $$;
GRANT EXECUTE ON FUNCTION lexvault.acting_user_holds(text) TO ${appRole};

INSERT INTO lexvault.built_in_role_permissions (role, permission) VALUES
    ('administrator', 'firm.settings.read'),
    ('administrator', 'firm.settings.manage'),
    ('administrator', 'firm.sso.manage'),
    ('administrator', 'users.read'),
    ('administrator', 'users.invite'),
    ('administrator', 'users.manage'),
    ('administrator', 'users.unlock'),
    ('administrator', 'users.mfa.reset'),
    ('administrator', 'users.sessions.revoke'),
    ('administrator', 'roles.read'),
    ('administrator', 'roles.manage'),
    ('administrator', 'roles.assign'),
    ('administrator', 'walls.read'),
    ('administrator', 'walls.manage'),
    ('administrator', 'clients.read'),
    ('administrator', 'clients.create'),
    ('administrator', 'clients.update'),
    ('administrator', 'clients.delete'),
    ('administrator', 'matters.read'),
    ('administrator', 'matters.read.all'),
    ('administrator', 'matters.create'),
    ('administrator', 'matters.update'),
    ('administrator', 'matters.close'),
    ('administrator', 'matters.delete'),
    ('administrator', 'conflicts.check'),
    ('administrator', 'teams.read'),
    ('administrator', 'teams.manage'),
    ('administrator', 'documents.read'),
    ('administrator', 'documents.upload'),
    ('administrator', 'documents.download'),
    ('administrator', 'documents.delete'),
    ('administrator', 'documents.classify'),
    ('administrator', 'documents.share'),
    ('administrator', 'search.use'),
    ('administrator', 'assistant.use'),
    ('administrator', 'assistant.configure'),
    ('administrator', 'audit.read'),
    ('administrator', 'audit.export'),
    ('administrator', 'api_keys.create'),
    ('administrator', 'api_keys.manage'),
    ('administrator', 'exports.create'),
    ('administrator', 'exports.firm'),
    ('administrator', 'privacy_requests.read'),
    ('administrator', 'privacy_requests.manage'),
    ('administrator', 'retention.manage'),
    ('administrator', 'legal_holds.manage'),
    ('administrator', 'keys.manage'),
    ('administrator', 'backups.read'),
    ('administrator', 'webhooks.manage'),
    ('administrator', 'integrations.manage'),
    ('administrator', 'reports.read'),
    ('attorney', 'firm.settings.read'),
    ('attorney', 'users.read'),
    ('attorney', 'roles.read'),
    ('attorney', 'clients.read'),
    ('attorney', 'clients.create'),
    ('attorney', 'clients.update'),
    ('attorney', 'matters.read'),
    ('attorney', 'matters.create'),
    ('attorney', 'matters.update'),
    ('attorney', 'matters.close'),
    ('attorney', 'conflicts.check'),
    ('attorney', 'teams.read'),
    ('attorney', 'teams.manage'),
    ('attorney', 'documents.read'),
    ('attorney', 'documents.upload'),
    ('attorney', 'documents.download'),
    ('attorney', 'documents.delete'),
    ('attorney', 'documents.classify'),
    ('attorney', 'documents.share'),
    ('attorney', 'search.use'),
    ('attorney', 'assistant.use'),
    ('attorney', 'api_keys.create'),
    ('attorney', 'exports.create'),
    ('attorney', 'reports.read'),
    ('paralegal', 'users.read'),
    ('paralegal', 'clients.read'),
    ('paralegal', 'matters.read'),
    ('paralegal', 'conflicts.check'),
    ('paralegal', 'teams.read'),
    ('paralegal', 'documents.read'),
    ('paralegal', 'documents.upload'),
    ('paralegal', 'documents.download'),
    ('paralegal', 'documents.classify'),
    ('paralegal', 'search.use'),
    ('paralegal', 'assistant.use'),
    ('paralegal', 'api_keys.create'),
    ('staff', 'users.read'),
    ('staff', 'clients.read'),
    ('staff', 'matters.read'),
    ('staff', 'teams.read'),
    ('staff', 'documents.read'),
    ('staff', 'search.use'),
    ('intake_coordinator', 'users.read'),
    ('intake_coordinator', 'clients.read'),
    ('intake_coordinator', 'clients.create'),
    ('intake_coordinator', 'clients.update'),
    ('intake_coordinator', 'matters.read'),
    ('intake_coordinator', 'matters.create'),
    ('intake_coordinator', 'conflicts.check'),
    ('intake_coordinator', 'teams.read'),
    ('auditor', 'audit.read'),
    ('auditor', 'audit.export');
