-- A third purpose for a firm's keysets: keyed hashes (HMAC-SHA256, io.lexvault.crypto.KeyedHashes), the
-- fingerprint of a search's text in the audit log (docs/security.md, "Search"). Wrapped under the root
-- key like the others, destroyed with them (crypto-shredding), never made again after that.
ALTER TABLE lexvault.tenant_keysets DROP CONSTRAINT tenant_keysets_purpose_check;
ALTER TABLE lexvault.tenant_keysets
    ADD CONSTRAINT tenant_keysets_purpose_check CHECK (purpose IN ('fields', 'documents', 'hashes'));
ALTER TABLE lexvault.tenant_keyset_destructions DROP CONSTRAINT tenant_keyset_destructions_purpose_check;
ALTER TABLE lexvault.tenant_keyset_destructions
    ADD CONSTRAINT tenant_keyset_destructions_purpose_check CHECK (purpose IN ('fields', 'documents', 'hashes'));

-- As in V1_030, with the new purpose marked destroyed too.
CREATE OR REPLACE FUNCTION lexvault.destroy_tenant_keysets() RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    v_tenant  uuid := lexvault.current_tenant_id();
    v_deleted integer;
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'destroy_tenant_keysets needs a firm bound to the transaction'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO lexvault.tenant_keyset_destructions (tenant_id, purpose)
        VALUES (v_tenant, 'fields'), (v_tenant, 'documents'), (v_tenant, 'hashes')
        ON CONFLICT DO NOTHING;
    DELETE FROM lexvault.tenant_keysets WHERE tenant_id = v_tenant;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;
