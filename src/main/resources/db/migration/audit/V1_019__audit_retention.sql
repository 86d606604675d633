-- Audit log retention (audit issue): each firm keeps its events for a number of years (7 unless it
-- chose otherwise, never less than 1). Expiry deletes the data of the oldest events and keeps their
-- leaves (index, event id, leaf hash), so every checkpoint and proof ever handed out still verifies;
-- each expiry is recorded as a range of leaves, and as an event in the firm's own log.

-- A firm's chosen retention; no row means the default of 7 years. The bounds hold even against a
-- compromised application: no firm can keep its log for less than a year.
CREATE TABLE lexvault.audit_retention (
    tenant_id       uuid        PRIMARY KEY REFERENCES lexvault.tenants (id) ON DELETE CASCADE,
    retention_years integer     NOT NULL
        CONSTRAINT audit_retention_between_1_and_100_years CHECK (retention_years BETWEEN 1 AND 100),
    changed_at      timestamptz NOT NULL,
    changed_by      uuid        -- the user; null when an operator set it from the command line
);
SELECT lexvault.enable_tenant_rls('lexvault.audit_retention');
GRANT SELECT, INSERT, UPDATE ON lexvault.audit_retention TO ${appRole};

-- Each expiry: the leaves first_leaf..last_leaf (inclusive) lost their event data. Ranges follow one
-- another from leaf 0 without gap or overlap; event_id is the audit.events_expired event that records
-- the same expiry in the firm's log (written in the same transaction). Only expire_audit_events()
-- writes here; append-only like the rest of the log.
CREATE TABLE lexvault.audit_expired_ranges (
    tenant_id  uuid        NOT NULL,
    first_leaf bigint      NOT NULL CHECK (first_leaf >= 0),
    last_leaf  bigint      NOT NULL,
    cutoff     timestamptz NOT NULL, -- events that happened (and were placed) before this were expired
    expired_at timestamptz NOT NULL,
    expired_by text        NOT NULL CHECK (expired_by IN ('schedule', 'command_line')),
    event_id   uuid        NOT NULL,
    PRIMARY KEY (tenant_id, first_leaf),
    CHECK (last_leaf >= first_leaf)
);
SELECT lexvault.enable_tenant_rls('lexvault.audit_expired_ranges');
GRANT SELECT ON lexvault.audit_expired_ranges TO ${appRole};
CREATE TRIGGER audit_expired_ranges_append_only BEFORE UPDATE OR DELETE ON lexvault.audit_expired_ranges
    FOR EACH ROW EXECUTE FUNCTION lexvault.refuse_audit_change();
CREATE TRIGGER audit_expired_ranges_no_truncate BEFORE TRUNCATE ON lexvault.audit_expired_ranges
    FOR EACH STATEMENT EXECUTE FUNCTION lexvault.refuse_audit_change();

-- The events' append-only trigger now lets exactly one DELETE through: the one expire_audit_events()
-- makes. Two conditions, both needed:
--   * current_user is the table's owner. The runtime role is not the owner and not a member of it, so
--     it can reach this only from inside a SECURITY DEFINER function of the owner;
--   * a transaction-local marker naming the row's firm and this transaction, which only
--     expire_audit_events() sets (and clears again before it returns). The owner's other definer
--     functions therefore cannot delete events either, even if a caller set the marker first.
-- A runtime role that sets the marker itself with set_config is still not the owner: refused.
-- UPDATE and TRUNCATE stay refused for everyone.
CREATE FUNCTION lexvault.refuse_audit_event_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = TG_RELID)
       AND current_setting('lexvault.audit_expiry', true) = OLD.tenant_id::text || '/' || txid_current()::text THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;
REVOKE ALL ON FUNCTION lexvault.refuse_audit_event_change() FROM PUBLIC;
DROP TRIGGER audit_events_append_only ON lexvault.audit_events;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON lexvault.audit_events
    FOR EACH ROW EXECUTE FUNCTION lexvault.refuse_audit_event_change();

-- Expires, for the bound firm only (its tenant context; row-level security applies to the owner too),
-- the data of the oldest leaves whose events are older than the firm's retention: the contiguous run
-- that starts right after the last recorded range, stops at the first leaf that is too young, has no
-- event (tampering must stay visible to the verifier, never be laundered into a range) or is missing,
-- and holds at most p_max_leaves leaves. "Older" is judged on the database's clock, not on a time the
-- caller passes, so not even a compromised application can expire events younger than the firm's
-- retention; both the event's time and the time its leaf was placed must lie before the cutoff, so a
-- verifier can check the range against the leaves that remain. Records the range with p_event_id, the
-- id of the audit.events_expired event the caller writes in the same transaction. Returns the range,
-- or no row when nothing is due.
CREATE FUNCTION lexvault.expire_audit_events(p_event_id uuid, p_expired_by text, p_max_leaves integer)
    RETURNS TABLE (first_leaf bigint, last_leaf bigint, cutoff timestamptz, retention_years integer)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = lexvault, pg_temp
    AS $$
DECLARE
    v_tenant uuid := lexvault.current_tenant_id();
    v_years  integer;
    v_cutoff timestamptz;
    v_first  bigint;
    v_last   bigint;
BEGIN
    IF v_tenant IS NULL THEN
        RAISE EXCEPTION 'expire_audit_events needs a firm bound to the transaction'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_event_id IS NULL OR p_max_leaves IS NULL OR p_max_leaves NOT BETWEEN 1 AND 1000000 THEN
        RAISE EXCEPTION 'expire_audit_events needs an event id and between 1 and 1000000 leaves'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- One expiry per firm at a time (several app nodes run the daily job), so ranges never overlap.
    PERFORM pg_advisory_xact_lock(hashtextextended(v_tenant::text, 9162));

    SELECT coalesce(max(r.last_leaf) + 1, 0) INTO v_first
      FROM lexvault.audit_expired_ranges r WHERE r.tenant_id = v_tenant;
    SELECT coalesce(max(a.retention_years), 7) INTO v_years
      FROM lexvault.audit_retention a WHERE a.tenant_id = v_tenant;
    v_cutoff := now() - make_interval(years => v_years);

    -- The longest prefix from v_first in which every leaf is present (index = v_first + position) and
    -- expirable: a gap or an unexpirable leaf ends it for good.
    SELECT max(prefix.leaf_index) INTO v_last
      FROM (SELECT l.leaf_index,
                   row_number() OVER w AS position,
                   bool_and(e.id IS NOT NULL AND e.occurred_at < v_cutoff AND l.sequenced_at < v_cutoff) OVER w
                       AS all_expirable
              FROM lexvault.audit_leaves l
              LEFT JOIN lexvault.audit_events e ON e.tenant_id = l.tenant_id AND e.id = l.event_id
             WHERE l.tenant_id = v_tenant AND l.leaf_index >= v_first AND l.leaf_index < v_first + p_max_leaves
            WINDOW w AS (ORDER BY l.leaf_index)) prefix
     WHERE prefix.all_expirable AND prefix.leaf_index = v_first + prefix.position - 1;
    IF v_last IS NULL THEN
        RETURN;
    END IF;

    PERFORM set_config('lexvault.audit_expiry', v_tenant::text || '/' || txid_current()::text, true);
    DELETE FROM lexvault.audit_events e
     USING lexvault.audit_leaves l
     WHERE e.tenant_id = v_tenant AND l.tenant_id = v_tenant AND l.event_id = e.id
       AND l.leaf_index BETWEEN v_first AND v_last;
    PERFORM set_config('lexvault.audit_expiry', '', true);

    INSERT INTO lexvault.audit_expired_ranges (tenant_id, first_leaf, last_leaf, cutoff, expired_at, expired_by, event_id)
    VALUES (v_tenant, v_first, v_last, v_cutoff, now(), p_expired_by, p_event_id);
    RETURN QUERY SELECT v_first, v_last, v_cutoff, v_years;
END
$$;
REVOKE ALL ON FUNCTION lexvault.expire_audit_events(uuid, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION lexvault.expire_audit_events(uuid, text, integer) TO ${appRole};
