-- People who sign in, one row per account, each in exactly one firm.
--
-- An e-mail address names one account across the whole server (unique index below): sign-in starts
-- from the address alone, before any firm is known, so the address must lead to exactly one firm.
CREATE TABLE lexvault.users (
    tenant_id           uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id                  uuid        NOT NULL,
    email               text        NOT NULL CHECK (email = lower(email) AND char_length(email) BETWEEN 3 AND 254),
    display_name        text        NOT NULL CHECK (char_length(btrim(display_name)) BETWEEN 1 AND 200),
    status              text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deactivated')),
    -- Argon2id (or a legacy bcrypt hash until the next sign-in re-hashes it); NULL: no password yet.
    password_hash       text,
    password_changed_at timestamptz,
    email_verified_at   timestamptz,
    failed_sign_ins     integer     NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until        timestamptz,
    last_sign_in_at     timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (id)
);
CREATE UNIQUE INDEX users_email_key ON lexvault.users (email);
SELECT lexvault.enable_tenant_rls('lexvault.users');
GRANT SELECT, INSERT, UPDATE ON lexvault.users TO ${appRole};

-- Sign-in by e-mail has no firm yet. The owner role may read accounts, but only the definer function
-- below uses that, and it returns nothing but where the account lives (named in docs/security.md).
CREATE POLICY owner_sign_in_lookup ON lexvault.users FOR SELECT TO ${ownerRole} USING (true);

CREATE FUNCTION lexvault.find_sign_in(p_email text) RETURNS TABLE (tenant_id uuid, user_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT u.tenant_id, u.id
            FROM lexvault.users u JOIN lexvault.tenants t ON t.id = u.tenant_id
           WHERE u.email = p_email AND t.status = 'active' $$;
REVOKE ALL ON FUNCTION lexvault.find_sign_in(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.find_sign_in(text) TO ${appRole};

-- Server-side sessions (Spring Session JDBC, its PostgreSQL schema). Sessions are looked up by
-- their id before any firm is known, so these tables carry no tenant_id and no row-level security;
-- they are one of the tenant-less paths in docs/security.md. PRINCIPAL_NAME is the user's id.
CREATE TABLE lexvault.spring_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval integer      NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON lexvault.spring_session (session_id);
CREATE INDEX spring_session_ix2 ON lexvault.spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON lexvault.spring_session (principal_name);

CREATE TABLE lexvault.spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES lexvault.spring_session (primary_id) ON DELETE CASCADE
);
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.spring_session, lexvault.spring_session_attributes TO ${appRole};

-- Token buckets for throttling sign-in attempts per source address (Bucket4j's PostgreSQL schema),
-- shared by every app node. Keyed by the limit's name and the address; no firm data.
CREATE TABLE lexvault.rate_limit_buckets (
    id         text   PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_buckets_expiry ON lexvault.rate_limit_buckets (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.rate_limit_buckets TO ${appRole};
