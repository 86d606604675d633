-- Crypto-shredding against a keyset made at the same moment (found by the test suite once keysets
-- began to be made on the indexing thread: the injection scan's keyed hash of a passage header).
--
-- V1_030's trigger refuses a keyset for a destroyed purpose, and destroy_tenant_keysets() deletes the
-- firm's keysets; but under READ COMMITTED neither saw the other's uncommitted work: a keyset inserted
-- while the destruction ran was checked before the destruction committed and deleted by nobody, since
-- the DELETE's snapshot did not hold it. The firm's data stayed shredded (the destroyed keys are gone),
-- but a NEW key existed for a destroyed purpose, contrary to "never made again", and the root key
-- rotation stopped at that row (its UPDATE is refused by the same trigger).
--
-- Now both take one advisory lock per firm: a keyset written (INSERT or UPDATE) holds it shared until
-- its transaction ends, a destruction holds it exclusive. Whichever comes second waits, and then sees
-- the first's committed work: the destruction deletes the new keyset, or the trigger refuses the keyset
-- for the destroyed purpose. Tested by CryptoShreddingIntegrationTests (both orders, two connections).

CREATE OR REPLACE FUNCTION lexvault.refuse_destroyed_keyset() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtextextended('lexvault.tenant_keysets:' || NEW.tenant_id, 0));
    IF EXISTS (SELECT 1 FROM lexvault.tenant_keyset_destructions d
                WHERE d.tenant_id = NEW.tenant_id AND d.purpose = NEW.purpose) THEN
        RAISE EXCEPTION 'the % keys of this firm were destroyed; no new keyset is made', NEW.purpose
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION lexvault.refuse_destroyed_keyset() FROM PUBLIC;

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
    -- Waits for every keyset being written for the firm to commit or roll back; the DELETE below then
    -- sees it (each statement here takes a new snapshot).
    PERFORM pg_advisory_xact_lock(hashtextextended('lexvault.tenant_keysets:' || v_tenant, 0));
    INSERT INTO lexvault.tenant_keyset_destructions (tenant_id, purpose)
        VALUES (v_tenant, 'fields'), (v_tenant, 'documents'), (v_tenant, 'hashes')
        ON CONFLICT DO NOTHING;
    DELETE FROM lexvault.tenant_keysets WHERE tenant_id = v_tenant;
    GET DIAGNOSTICS v_deleted = ROW_COUNT;
    RETURN v_deleted;
END
$$;
REVOKE ALL ON FUNCTION lexvault.destroy_tenant_keysets() FROM PUBLIC;
