-- Documents of a matter and their versions (docs/security.md, "Documents"). The content itself is
-- never in the database: each version's ciphertext is a blob (io.lexvault.storage.BlobStore) under
-- blob_key, encrypted with the firm's document keyset and bound to firm, document and version.
--
-- Both tables carry the matter and its client, so the matter wall holds in PostgreSQL itself: a
-- document of a matter the acting user may not see (another firm's, walled, off-team) is no row for
-- them (enable_tenant_rls + enable_matter_wall).

CREATE TABLE lexvault.documents (
    tenant_id       uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    id              uuid        NOT NULL,
    matter_id       uuid        NOT NULL,
    client_id       uuid        NOT NULL,
    title           text        NOT NULL CHECK (char_length(btrim(title)) BETWEEN 1 AND 200),
    description     text        CHECK (description IS NULL OR char_length(description) <= 2000),
    classification  text        NOT NULL DEFAULT 'CONFIDENTIAL'
                                CHECK (classification IN ('PUBLIC', 'CONFIDENTIAL', 'RESTRICTED')),
    current_version integer     NOT NULL CHECK (current_version >= 1),
    created_by      uuid,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    -- Lets version rows carry the document's matter and client, checked.
    UNIQUE (tenant_id, id, matter_id, client_id),
    FOREIGN KEY (tenant_id, matter_id, client_id) REFERENCES lexvault.matters (tenant_id, id, client_id)
        ON UPDATE CASCADE
);
-- A matter's documents, sorted by title or by last change.
CREATE INDEX documents_by_matter_title ON lexvault.documents (tenant_id, matter_id, lower(title), id);
CREATE INDEX documents_by_matter_updated ON lexvault.documents (tenant_id, matter_id, updated_at DESC, id);
SELECT lexvault.enable_tenant_rls('lexvault.documents');
SELECT lexvault.enable_matter_wall('lexvault.documents', 'matter_id', 'client_id');
GRANT SELECT, INSERT, UPDATE, DELETE ON lexvault.documents TO ${appRole};

CREATE TABLE lexvault.document_versions (
    tenant_id    uuid        NOT NULL,
    document_id  uuid        NOT NULL,
    version      integer     NOT NULL CHECK (version >= 1),
    matter_id    uuid        NOT NULL,
    client_id    uuid        NOT NULL,
    size_bytes   bigint      NOT NULL CHECK (size_bytes >= 0),
    -- SHA-256 of the plaintext, checked on every download before its last bytes leave.
    sha256       bytea       NOT NULL CHECK (octet_length(sha256) = 32),
    media_type   text        NOT NULL CHECK (char_length(media_type) BETWEEN 3 AND 200),
    file_name    text        NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 255),
    blob_key     text        NOT NULL CHECK (char_length(blob_key) BETWEEN 1 AND 512),
    uploaded_by  uuid,
    uploaded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, document_id, version),
    UNIQUE (tenant_id, blob_key),
    FOREIGN KEY (tenant_id, document_id, matter_id, client_id)
        REFERENCES lexvault.documents (tenant_id, id, matter_id, client_id) ON DELETE CASCADE ON UPDATE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.document_versions');
SELECT lexvault.enable_matter_wall('lexvault.document_versions', 'matter_id', 'client_id');
GRANT SELECT, INSERT, DELETE ON lexvault.document_versions TO ${appRole};

-- A refused look at a document is recorded (document.access_denied) with whether it exists in the
-- caller's firm, like matter_exists_in_bound_firm (V1_027): for the BOUND firm only, one boolean,
-- written to the audit log and never returned to the caller (who gets 404 either way).
CREATE FUNCTION lexvault.document_exists_in_bound_firm(p_document uuid) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM lexvault.documents d
                          WHERE d.tenant_id = lexvault.current_tenant_id() AND d.id = p_document) $$;
REVOKE ALL ON FUNCTION lexvault.document_exists_in_bound_firm(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.document_exists_in_bound_firm(uuid) TO ${appRole};

-- The orphan sweeper runs as nobody (no acting user), so the matter wall hides every version row from
-- it; it must still tell a blob that has a version row from one left by a failed upload. This returns
-- the blob keys of the given documents' versions in the BOUND firm only: keys the sweeper listed in
-- the store itself, no other column, never another firm's.
CREATE FUNCTION lexvault.stored_document_blob_keys(p_documents uuid[]) RETURNS SETOF text
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT v.blob_key FROM lexvault.document_versions v
           WHERE v.tenant_id = lexvault.current_tenant_id() AND v.document_id = ANY (p_documents) $$;
REVOKE ALL ON FUNCTION lexvault.stored_document_blob_keys(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.stored_document_blob_keys(uuid[]) TO ${appRole};
