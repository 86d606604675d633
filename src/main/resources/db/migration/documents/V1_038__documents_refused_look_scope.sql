-- A refused look at a document is recorded (document.access_denied) with the document's matter and
-- client, so that the audit views hide it from the people a wall around either screens (before, it
-- named neither, and a screened reader saw other people's refused looks at walled documents). Like
-- document_exists_in_bound_firm (V1_033): for the BOUND firm only, two ids, written to the audit log
-- and never returned to the caller (who gets 404 either way). No row when there is no such document.
CREATE FUNCTION lexvault.document_scope_in_bound_firm(p_document uuid)
    RETURNS TABLE (matter_id uuid, client_id uuid)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$ SELECT d.matter_id, d.client_id FROM lexvault.documents d
           WHERE d.tenant_id = lexvault.current_tenant_id() AND d.id = p_document $$;
REVOKE ALL ON FUNCTION lexvault.document_scope_in_bound_firm(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.document_scope_in_bound_firm(uuid) TO ${appRole};

-- It answers everything the existence check did (a row, or none): one definer function less.
DROP FUNCTION lexvault.document_exists_in_bound_firm(uuid);
