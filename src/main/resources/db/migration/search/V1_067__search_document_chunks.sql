-- Search (docs/security.md, "Search"): per document version, its indexing status and what the
-- search results show of it (search_versions), and its chunks of text (document_chunks), each chunk's
-- text encrypted with the firm's field key (Tink AEAD bound to firm, document, version and chunk
-- number). The Lucene index is derived from these rows and the blobs; these rows are the wall: every
-- hit the index returns is read again from here, as the person searching, before it is shown.
--
-- Both tables carry the matter and its client (kept in step with the matter by ON UPDATE CASCADE),
-- so forced row-level security and the matter wall hide another firm's and a walled matter's rows
-- from the runtime role itself. Deleting a document (or a version row) deletes its status and chunks
-- in the same statement (ON DELETE CASCADE from document_versions).

CREATE TABLE lexvault.search_versions (
    tenant_id      uuid        NOT NULL,
    document_id    uuid        NOT NULL,
    version        integer     NOT NULL CHECK (version >= 1),
    matter_id      uuid        NOT NULL,
    client_id      uuid        NOT NULL,
    title          text        NOT NULL,
    media_type     text        NOT NULL,
    classification text        NOT NULL CHECK (classification IN ('PUBLIC', 'CONFIDENTIAL', 'RESTRICTED')),
    stored_at      timestamptz NOT NULL,
    -- queued is the absence of a row: the version is stored and its event not handled yet.
    state          text        NOT NULL CHECK (state IN ('extracting', 'indexed', 'failed', 'no_text')),
    chunk_count    integer     CHECK (chunk_count IS NULL OR chunk_count >= 0),
    -- Why a version failed or has no text, in words a person can read; never text of the document.
    reason         text        CHECK (reason IS NULL OR char_length(reason) <= 300),
    language       text        CHECK (language IS NULL OR char_length(language) <= 8),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, document_id, version),
    UNIQUE (tenant_id, document_id, version, matter_id, client_id),
    FOREIGN KEY (tenant_id, document_id, version)
        REFERENCES lexvault.document_versions (tenant_id, document_id, version) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, matter_id, client_id) REFERENCES lexvault.matters (tenant_id, id, client_id)
        ON UPDATE CASCADE
);
CREATE INDEX search_versions_by_state ON lexvault.search_versions (tenant_id, state);
-- Every query first reads the matters the searcher may see that have indexed text (DISTINCT matter and
-- client, the wall's policies applied): an index-only scan with these columns.
CREATE INDEX search_versions_by_matter ON lexvault.search_versions (tenant_id, matter_id, client_id);
SELECT lexvault.enable_tenant_rls('lexvault.search_versions');
SELECT lexvault.enable_matter_wall('lexvault.search_versions', 'matter_id', 'client_id');
-- Read by people (walled); written only by the indexer, through the functions below.
GRANT SELECT ON lexvault.search_versions TO ${appRole};

CREATE TABLE lexvault.document_chunks (
    tenant_id       uuid    NOT NULL,
    id              uuid    NOT NULL,
    document_id     uuid    NOT NULL,
    version         integer NOT NULL,
    number          integer NOT NULL CHECK (number >= 0),
    matter_id       uuid    NOT NULL,
    client_id       uuid    NOT NULL,
    part            text    NOT NULL CHECK (char_length(part) BETWEEN 1 AND 300),
    heading_path    text    NOT NULL CHECK (char_length(heading_path) <= 2000),
    page            integer CHECK (page IS NULL OR page >= 1),
    start_offset    integer NOT NULL CHECK (start_offset >= 0),
    end_offset      integer NOT NULL CHECK (end_offset >= start_offset),
    language        text    CHECK (language IS NULL OR char_length(language) <= 8),
    -- AES-256-GCM under the firm's field keyset; associated data names firm, document, version and
    -- chunk number, so a ciphertext moved to another row or firm does not decrypt.
    text_ciphertext bytea   NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, document_id, version, number),
    FOREIGN KEY (tenant_id, document_id, version, matter_id, client_id)
        REFERENCES lexvault.search_versions (tenant_id, document_id, version, matter_id, client_id)
        ON DELETE CASCADE ON UPDATE CASCADE
);
SELECT lexvault.enable_tenant_rls('lexvault.document_chunks');
SELECT lexvault.enable_matter_wall('lexvault.document_chunks', 'matter_id', 'client_id');
-- The indexer inserts (the wall has no INSERT policy; the foreign key ties a chunk to its version's
-- matter and client); people read, walled; deletion only through the functions below or by cascade.
GRANT SELECT, INSERT ON lexvault.document_chunks TO ${appRole};

-- The indexer's narrow paths (docs/security.md, "Named paths"). It acts for the firm bound to the
-- transaction and as nobody, so the matter wall hides these rows from it like from any job; each
-- function reaches the BOUND firm's rows only, takes no firm argument and returns no text.

-- Starts (or restarts) indexing a version: its status row with the version's matter, client and labels
-- as the documents tables hold them now, state extracting, and its old chunks gone. False when the
-- version no longer exists (deleted before its event was handled).
CREATE FUNCTION lexvault.search_prepare_version(p_document uuid, p_version integer)
    RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    v_tenant uuid := lexvault.current_tenant_id();
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'search_prepare_version needs a firm bound to the transaction'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM lexvault.document_chunks
     WHERE tenant_id = v_tenant AND document_id = p_document AND version = p_version;
    INSERT INTO lexvault.search_versions AS s
           (tenant_id, document_id, version, matter_id, client_id, title, media_type, classification,
            stored_at, state)
    SELECT v.tenant_id, v.document_id, v.version, v.matter_id, v.client_id, d.title, v.media_type,
           d.classification, v.uploaded_at, 'extracting'
      FROM lexvault.document_versions v
      JOIN lexvault.documents d ON d.tenant_id = v.tenant_id AND d.id = v.document_id
     WHERE v.tenant_id = v_tenant AND v.document_id = p_document AND v.version = p_version
    ON CONFLICT (tenant_id, document_id, version) DO UPDATE
       SET title = excluded.title, classification = excluded.classification, state = 'extracting',
           chunk_count = NULL, reason = NULL, language = NULL, updated_at = now();
    RETURN FOUND;
END
$$;

-- Records how indexing a version ended.
CREATE FUNCTION lexvault.search_record_outcome(
        p_document uuid, p_version integer, p_state text, p_chunks integer, p_reason text, p_language text)
    RETURNS boolean
    LANGUAGE sql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ UPDATE lexvault.search_versions
             SET state = p_state, chunk_count = p_chunks, reason = p_reason, language = p_language,
                 updated_at = now()
           WHERE tenant_id = lexvault.current_tenant_id() AND document_id = p_document AND version = p_version
          RETURNING true $$;

-- Forgets a document's versions older than p_below (a new version replaces the old one in search),
-- their chunks with them. Returns how many versions were forgotten.
CREATE FUNCTION lexvault.search_forget_versions(p_document uuid, p_below integer)
    RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ WITH gone AS (
              DELETE FROM lexvault.search_versions
               WHERE tenant_id = lexvault.current_tenant_id() AND document_id = p_document AND version < p_below
              RETURNING 1)
          SELECT count(*)::integer FROM gone $$;

-- Takes a document's classification label over from the documents table after it changed.
CREATE FUNCTION lexvault.search_relabel(p_document uuid)
    RETURNS integer
    LANGUAGE sql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ WITH changed AS (
              UPDATE lexvault.search_versions s SET classification = d.classification, updated_at = now()
                FROM lexvault.documents d
               WHERE s.tenant_id = lexvault.current_tenant_id() AND s.document_id = p_document
                 AND d.tenant_id = s.tenant_id AND d.id = s.document_id
              RETURNING 1)
          SELECT count(*)::integer FROM changed $$;

REVOKE ALL ON FUNCTION lexvault.search_prepare_version(uuid, integer),
    lexvault.search_record_outcome(uuid, integer, text, integer, text, text),
    lexvault.search_forget_versions(uuid, integer), lexvault.search_relabel(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.search_prepare_version(uuid, integer),
    lexvault.search_record_outcome(uuid, integer, text, integer, text, text),
    lexvault.search_forget_versions(uuid, integer), lexvault.search_relabel(uuid) TO ${appRole};
