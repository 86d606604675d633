-- What an event is about, for ethical walls (docs/security.md §1): the matter and the client it
-- concerns, in columns of their own, so that the audit views hide an event from the people a wall
-- screens by two indexed comparisons, and never by guessing at `details` keys (a key nobody thought of,
-- such as a client wall's client_id, is a leak).
--
--   client_id        the client the event concerns: the client itself, or the client of its matter.
--   scope_matter_id  the matter it concerns. For every event recorded from now on it equals matter_id
--                    (the ledger writes both). It is a column of its own because matter_id is part of
--                    each event's Merkle leaf (docs/audit-format.md §1): the back-fill below finds the
--                    matter of older events that did not record one (a refused look at a document, a
--                    view of a matter's timeline) and must not change their
--                    leaves, or every checkpoint signed so far would stop verifying.
--
-- Neither column is part of the leaf: they are a read-side index over what the leaf already says (or
-- what its ids lead to), like the audit_leaves join. The leaf format stays version 1.
ALTER TABLE lexvault.audit_events
    ADD COLUMN client_id uuid,
    ADD COLUMN scope_matter_id uuid;

-- Back-fill, inside this migration's transaction. The events are append-only (the trigger refuses
-- UPDATE to everyone); it is lifted for this one statement, as row-level security is (forced on the
-- owner too, and no firm is bound here), and both are restored before the migration commits.
ALTER TABLE lexvault.audit_events DISABLE TRIGGER audit_events_append_only;
ALTER TABLE lexvault.audit_events NO FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.matters NO FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.clients NO FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.documents NO FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.matter_parties NO FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.conflict_reports NO FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.ethical_walls NO FORCE ROW LEVEL SECURITY;

-- Every id an older event can name that belongs to a matter or a client, with that matter and client:
-- the objects that still exist, and (for those deleted since: documents, parties, walls) what the log's
-- own events about them recorded. The two work tables are ordinary tables in the schema, dropped below
-- before the migration commits: a TEMPORARY table needs the TEMP privilege on a database, which the
-- owner role does not have on a database a DBA made for it (PreMadeDatabaseIntegrationTests).
CREATE UNLOGGED TABLE lexvault.v1_036_object_scopes AS
SELECT tenant_id, id AS object_id, id AS matter_id, client_id FROM lexvault.matters
UNION ALL
SELECT tenant_id, id, NULL::uuid, id FROM lexvault.clients
UNION ALL
SELECT tenant_id, id, matter_id, client_id FROM lexvault.documents
UNION ALL
SELECT tenant_id, id, matter_id, client_id FROM lexvault.matter_parties
UNION ALL
SELECT tenant_id, id, matter_id, client_id FROM lexvault.conflict_reports
UNION ALL
SELECT w.tenant_id, w.id, w.matter_id, coalesce(w.client_id, m.client_id)
  FROM lexvault.ethical_walls w
  LEFT JOIN lexvault.matters m ON m.tenant_id = w.tenant_id AND m.id = w.matter_id
UNION ALL
SELECT DISTINCT ON (e.tenant_id, e.target_id) e.tenant_id, e.target_id, e.matter_id, m.client_id
  FROM lexvault.audit_events e
  JOIN lexvault.matters m ON m.tenant_id = e.tenant_id AND m.id = e.matter_id
 WHERE e.target_id IS NOT NULL AND e.target_type IN ('document', 'party', 'conflict_report', 'wall')
UNION ALL
SELECT DISTINCT ON (e.tenant_id, e.target_id) e.tenant_id, e.target_id, NULL::uuid, (e.details ->> 'client_id')::uuid
  FROM lexvault.audit_events e
 WHERE e.target_type = 'wall' AND e.matter_id IS NULL
   AND e.details ->> 'client_id' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
CREATE INDEX ON lexvault.v1_036_object_scopes (tenant_id, object_id);

-- Each event's scope is that of the first id it names that is in the list: its matter, its target,
-- the matter, client or object in its details (walls, the filters of a view or an export). Ids of
-- anything else (people, roles, groups) are in no list. (A 403, access.permission_denied, records the
-- route's pattern, never the ids in the path: it names nothing a wall protects.)
CREATE UNLOGGED TABLE lexvault.v1_036_event_scopes AS
SELECT e.tenant_id, e.id, s.matter_id, s.client_id
  FROM lexvault.audit_events e
 CROSS JOIN LATERAL (
        SELECT o.matter_id, o.client_id
          FROM unnest(ARRAY[e.matter_id::text, e.target_id::text, e.details ->> 'matter_id', e.details ->> 'client_id',
                            e.details ->> 'matter', e.details ->> 'target'])
               WITH ORDINALITY AS named (id, position)
          JOIN lexvault.v1_036_object_scopes o
            ON o.tenant_id = e.tenant_id
           AND o.object_id = CASE WHEN named.id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                                  THEN named.id::uuid END
         ORDER BY named.position
         LIMIT 1) s;
UPDATE lexvault.audit_events e
   SET scope_matter_id = s.matter_id, client_id = s.client_id
  FROM lexvault.v1_036_event_scopes s
 WHERE e.tenant_id = s.tenant_id AND e.id = s.id;
DROP TABLE lexvault.v1_036_event_scopes, lexvault.v1_036_object_scopes;

-- An event's own matter_id is its scope even if the matter is gone (a deleted firm's events).
UPDATE lexvault.audit_events SET scope_matter_id = matter_id
 WHERE matter_id IS NOT NULL AND scope_matter_id IS DISTINCT FROM matter_id;

ALTER TABLE lexvault.ethical_walls FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.conflict_reports FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.matter_parties FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.documents FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.clients FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.matters FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.audit_events FORCE ROW LEVEL SECURITY;
ALTER TABLE lexvault.audit_events ENABLE TRIGGER audit_events_append_only;

-- From now on every event names its matter's client too, and its leaf's matter is its scope's. NOT
-- VALID: events of a firm deleted before this migration may name a matter whose client nobody can
-- tell any more; the rule holds for everything written from here on.
ALTER TABLE lexvault.audit_events
    ADD CONSTRAINT audit_events_matter_has_client CHECK (scope_matter_id IS NULL OR client_id IS NOT NULL) NOT VALID,
    ADD CONSTRAINT audit_events_scope_is_leaf_matter CHECK (matter_id IS NULL OR scope_matter_id = matter_id) NOT VALID;

-- A client's events (a timeline, the wall filter's client arm); partial, as most events have none.
CREATE INDEX audit_events_by_client ON lexvault.audit_events (tenant_id, client_id, occurred_at)
    WHERE client_id IS NOT NULL;
CREATE INDEX audit_events_by_scope_matter ON lexvault.audit_events (tenant_id, scope_matter_id, occurred_at)
    WHERE scope_matter_id IS NOT NULL;
-- "What does this object belong to" (AuditScopes: a view or export filtered to one object):
-- only events that name a client can answer, so only they are indexed.
CREATE INDEX audit_events_scoped_by_target ON lexvault.audit_events (tenant_id, target_id)
    WHERE client_id IS NOT NULL AND target_id IS NOT NULL;
