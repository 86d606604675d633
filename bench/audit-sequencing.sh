#!/usr/bin/env bash
# Compares two ways of giving audit events their place in a firm's Merkle log, on this machine's
# PostgreSQL (127.0.0.1:5432, trust auth as on the dev machines), with pgbench. Every transaction is
# one audited write action (an insert into a firm table) for ONE firm, the worst case for contention:
#   plain       - the action alone, no audit
#   event-only  - action + its event row in the same transaction; a separate sequencer process gives
#                 events their leaf index afterwards (Trillian's way)
#   in-tx       - action + event + the next leaf index taken from the firm's counter row in the same
#                 transaction (UPDATE ... RETURNING), which serialises the firm's writers
# Usage: bench/audit-sequencing.sh [seconds per run]   (runs 2 and 16 clients)
set -euo pipefail
seconds="${1:-15}"
host=127.0.0.1
db="lexvault_bench_audit_$$"
work="$(mktemp -d)"
sequencer_pid=""
cleanup() {
    [ -n "$sequencer_pid" ] && kill "$sequencer_pid" 2>/dev/null || true
    psql -h $host -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

psql -h $host -U postgres -qc "CREATE DATABASE $db"
psql -h $host -U postgres -d $db -q <<'SQL'
CREATE TABLE actions (tenant_id uuid NOT NULL, id uuid NOT NULL DEFAULT gen_random_uuid(), body text NOT NULL,
    PRIMARY KEY (tenant_id, id));
CREATE TABLE events (tenant_id uuid NOT NULL, id uuid NOT NULL DEFAULT gen_random_uuid(),
    occurred_at timestamptz NOT NULL DEFAULT now(), action text NOT NULL, details jsonb NOT NULL,
    PRIMARY KEY (tenant_id, id));
CREATE TABLE leaves (tenant_id uuid NOT NULL, leaf_index bigint NOT NULL, event_id uuid NOT NULL,
    leaf_hash bytea NOT NULL, PRIMARY KEY (tenant_id, leaf_index), UNIQUE (tenant_id, event_id));
CREATE TABLE heads (tenant_id uuid PRIMARY KEY, size bigint NOT NULL);
-- What the sequencer has still to place: a queue, so its work is proportional to the new events.
CREATE TABLE unsequenced (tenant_id uuid NOT NULL, event_id uuid NOT NULL, queued bigserial,
    PRIMARY KEY (tenant_id, event_id));
INSERT INTO heads VALUES ('00000000-0000-0000-0000-000000000001', 0);
SQL

firm="'00000000-0000-0000-0000-000000000001'"
cat > "$work/plain.sql" <<SQL
BEGIN;
INSERT INTO actions (tenant_id, body) VALUES ($firm, repeat('x', 200));
COMMIT;
SQL
cat > "$work/event-only.sql" <<SQL
BEGIN;
INSERT INTO actions (tenant_id, body) VALUES ($firm, repeat('x', 200));
WITH e AS (INSERT INTO events (tenant_id, action, details) VALUES ($firm, 'matter.changed', '{"field":"title"}')
           RETURNING id)
INSERT INTO unsequenced (tenant_id, event_id) SELECT $firm, id FROM e;
COMMIT;
SQL
cat > "$work/in-tx.sql" <<SQL
BEGIN;
INSERT INTO actions (tenant_id, body) VALUES ($firm, repeat('x', 200));
WITH e AS (INSERT INTO events (tenant_id, action, details) VALUES ($firm, 'matter.changed', '{"field":"title"}')
           RETURNING id, details),
     h AS (UPDATE heads SET size = size + 1 WHERE tenant_id = $firm RETURNING size - 1 AS idx)
INSERT INTO leaves SELECT $firm, h.idx, e.id, sha256(convert_to(e.details::text, 'UTF8')) FROM e, h;
COMMIT;
SQL
# The sequencer: every 100 ms, take the firm's queued events (committed ones only: a queue row is
# visible once its action has committed) and give them the next indices, one transaction per batch.
cat > "$work/sequence.sql" <<SQL
BEGIN;
SELECT pg_advisory_xact_lock(42);
CREATE TEMP TABLE todo ON COMMIT DROP AS
    WITH taken AS (DELETE FROM unsequenced WHERE tenant_id = $firm RETURNING event_id, queued)
    SELECT taken.event_id, e.details, row_number() OVER (ORDER BY taken.queued) AS n
      FROM taken JOIN events e ON e.tenant_id = $firm AND e.id = taken.event_id;
WITH h AS (UPDATE heads SET size = size + (SELECT count(*) FROM todo) WHERE tenant_id = $firm
           RETURNING size - (SELECT count(*) FROM todo) AS base)
INSERT INTO leaves SELECT $firm, h.base + todo.n - 1, todo.event_id, sha256(convert_to(todo.details::text, 'UTF8'))
  FROM todo, h;
COMMIT;
SQL

run() { # script clients
    pgbench -h $host -U postgres -n -M prepared -c "$2" -j "$2" -T "$seconds" -f "$work/$1.sql" $db 2>/dev/null \
        | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}
for clients in 2 16; do
    plain=$(run plain $clients)
    in_tx=$(run in-tx $clients)
    ( while true; do psql -h $host -U postgres -d $db -qf "$work/sequence.sql" >/dev/null; sleep 0.1; done ) &
    sequencer_pid=$!
    event_only=$(run event-only $clients)
    kill "$sequencer_pid"; wait "$sequencer_pid" 2>/dev/null || true; sequencer_pid=""
    sleep 1
    psql -h $host -U postgres -d $db -qf "$work/sequence.sql" >/dev/null
    printf '%2d clients: plain %8.0f tx/s | event + sequencer %8.0f tx/s (%3.0f%%) | in-transaction index %8.0f tx/s (%3.0f%%)\n' \
        "$clients" "$plain" "$event_only" "$(echo "100*$event_only/$plain" | bc -l)" "$in_tx" "$(echo "100*$in_tx/$plain" | bc -l)"
done
gaps=$(psql -h $host -U postgres -d $db -tAc "SELECT count(*) - (max(leaf_index) + 1) FROM leaves")
unsequenced=$(psql -h $host -U postgres -d $db -tAc "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM leaves l WHERE l.tenant_id = e.tenant_id AND l.event_id = e.id)")
echo "leaf index gaps: $gaps, events left unsequenced: $unsequenced"
