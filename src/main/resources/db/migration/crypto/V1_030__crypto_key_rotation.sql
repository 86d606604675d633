-- Key rotation and crypto-shredding of a firm's keysets (docs/security.md).
--
-- Rotation adds a new primary key to a firm's keyset and stores the keyset wrapped again: the
-- runtime role may update the wrapped keyset (and when it was rotated) of the bound firm only (the
-- table's row-level security, V1_005), nothing else of the row.
ALTER TABLE lexvault.tenant_keysets ADD COLUMN rotated_at timestamptz;
GRANT UPDATE (encrypted_keyset, rotated_at) ON lexvault.tenant_keysets TO ${appRole};

-- Crypto-shredding: which purposes of a firm have had their keys destroyed. A destroyed purpose
-- never gets a new keyset (the trigger below), so data encrypted under the destroyed keys can never
-- be decrypted, and nothing new is quietly encrypted for a firm whose data was shredded.
CREATE TABLE lexvault.tenant_keyset_destructions (
    tenant_id    uuid        NOT NULL REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    purpose      text        NOT NULL CHECK (purpose IN ('fields', 'documents')),
    destroyed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, purpose)
);
SELECT lexvault.enable_tenant_rls('lexvault.tenant_keyset_destructions');
GRANT SELECT ON lexvault.tenant_keyset_destructions TO ${appRole};

CREATE FUNCTION lexvault.refuse_destroyed_keyset() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM lexvault.tenant_keyset_destructions d
                WHERE d.tenant_id = NEW.tenant_id AND d.purpose = NEW.purpose) THEN
        RAISE EXCEPTION 'the % keys of this firm were destroyed; no new keyset is made', NEW.purpose
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION lexvault.refuse_destroyed_keyset() FROM PUBLIC;
CREATE TRIGGER tenant_keysets_not_after_destruction BEFORE INSERT OR UPDATE ON lexvault.tenant_keysets
    FOR EACH ROW EXECUTE FUNCTION lexvault.refuse_destroyed_keyset();

-- The one way to delete keysets: every keyset of the firm bound to the transaction (row-level
-- security applies to the owner too, the table forces it), each purpose marked destroyed in the
-- same statement. The runtime role has no DELETE on tenant_keysets; this function takes no firm
-- argument, so it cannot reach another firm's keys. Returns how many keysets were deleted.
CREATE FUNCTION lexvault.destroy_tenant_keysets() RETURNS integer
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
        VALUES (v_tenant, 'fields'), (v_tenant, 'documents')
        ON CONFLICT DO NOTHING;
    DELETE FROM lexvault.tenant_keysets WHERE tenant_id = v_tenant;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;
REVOKE ALL ON FUNCTION lexvault.destroy_tenant_keysets() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.destroy_tenant_keysets() TO ${appRole};
