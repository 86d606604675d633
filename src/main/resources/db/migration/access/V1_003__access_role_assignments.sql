-- Which built-in roles each user holds in their firm. The access module's permission catalogue and
-- custom roles build on this table.
CREATE TABLE lexvault.role_assignments (
    tenant_id   uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL,
    role        text        NOT NULL CHECK (role ~ '^[a-z][a-z0-9_]{0,62}$'),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, user_id, role),
    FOREIGN KEY (tenant_id, user_id) REFERENCES lexvault.users (tenant_id, id) ON DELETE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.role_assignments');
GRANT SELECT, INSERT, DELETE ON lexvault.role_assignments TO ${appRole};
