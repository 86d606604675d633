-- The search module indexes every document version after its upload commits, in a job that acts for
-- the firm but as nobody (no acting user): the matter wall hides every document row from it, as it
-- should from any job. These two functions are its narrow path (docs/security.md, "Named paths"):
-- for the BOUND firm only, the metadata and blob key of one version, and the list of current versions
-- to rebuild the index from. Nothing is returned to a person: the indexer reads the blob, stores the
-- chunks under the same matter and client (so the wall holds on them too) and records a status.

CREATE FUNCTION lexvault.document_version_for_indexing(p_document uuid, p_version integer)
    RETURNS TABLE (matter_id uuid, client_id uuid, title text, classification text, media_type text,
                   file_name text, blob_key text, uploaded_at timestamptz, current_version integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT v.matter_id, v.client_id, d.title, d.classification, v.media_type, v.file_name, v.blob_key,
                 v.uploaded_at, d.current_version
            FROM lexvault.document_versions v
            JOIN lexvault.documents d ON d.tenant_id = v.tenant_id AND d.id = v.document_id
           WHERE v.tenant_id = lexvault.current_tenant_id() AND v.document_id = p_document
             AND v.version = p_version $$;
REVOKE ALL ON FUNCTION lexvault.document_version_for_indexing(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.document_version_for_indexing(uuid, integer) TO ${appRole};

CREATE FUNCTION lexvault.current_document_versions_in_bound_firm()
    RETURNS TABLE (document_id uuid, version integer)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT d.id, d.current_version FROM lexvault.documents d
           WHERE d.tenant_id = lexvault.current_tenant_id() ORDER BY d.created_at, d.id $$;
REVOKE ALL ON FUNCTION lexvault.current_document_versions_in_bound_firm() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.current_document_versions_in_bound_firm() TO ${appRole};
