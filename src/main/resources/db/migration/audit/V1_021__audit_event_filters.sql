-- The audit page filters a firm's events by person, object and matter, newest first. Without these a
-- filter on a log of millions of events would read all of them; partial, because most events have
-- no matter (and system events no actor).
CREATE INDEX audit_events_by_actor ON lexvault.audit_events (tenant_id, actor_id, occurred_at) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_events_by_target ON lexvault.audit_events (tenant_id, target_id, occurred_at) WHERE target_id IS NOT NULL;
CREATE INDEX audit_events_by_matter ON lexvault.audit_events (tenant_id, matter_id, occurred_at) WHERE matter_id IS NOT NULL;
