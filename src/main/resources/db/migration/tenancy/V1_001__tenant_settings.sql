-- Per-firm settings (name -> value). The first tenant-scoped table; later modules follow its pattern.
CREATE TABLE lexvault.tenant_settings (
    tenant_id  uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (name ~ '^[a-z][a-z0-9_.-]{0,99}$'),
    value      text        NOT NULL CHECK (char_length(value) <= 10000),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, name)
);
SELECT lexvault.enable_tenant_rls('lexvault.tenant_settings');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.tenant_settings TO ${appRole};
