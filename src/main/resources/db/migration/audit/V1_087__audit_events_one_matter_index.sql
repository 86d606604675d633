-- One index per matter event, not two (issue 14, ADR 0022). Since V1_036 every event that names a
-- matter has scope_matter_id = matter_id (the ledger writes both; V1_036 back-filled older events and
-- its CHECK holds for new ones), so audit_events_by_matter indexed a subset of the rows
-- audit_events_by_scope_matter indexes, under the same key. Every query filters by scope_matter_id
-- (the audit page, the timelines, AuditScopes); nothing read this index, and every matter event's
-- transaction paid for an insert into it.
DROP INDEX lexvault.audit_events_by_matter;
