#!/usr/bin/env bash
# Measures what the tenant context costs per transaction on a point lookup, on this machine's
# PostgreSQL (127.0.0.1:5432, trust auth as on the dev machines), with pgbench:
#   baseline   - BEGIN + lookup on a table without row-level security (2 round trips)
#   same-trip  - BEGIN + set_config + lookup in one message, RLS forced (2 round trips)
#   own-trip   - BEGIN + set_config, then the lookup (3 round trips; LexVault today)
# Usage: bench/rls-round-trip.sh [seconds per run] [clients]
set -euo pipefail
seconds="${1:-15}"
clients="${2:-2}"
host=127.0.0.1
db="lexvault_bench_$$"
role="lexvault_bench_app_$$"
work="$(mktemp -d)"
trap 'psql -h $host -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "DROP ROLE IF EXISTS $role" >/dev/null; rm -rf "$work"' EXIT

psql -h $host -U postgres -qc "CREATE ROLE $role LOGIN NOSUPERUSER NOBYPASSRLS" -c "CREATE DATABASE $db"
psql -h $host -U postgres -d $db -q <<SQL
CREATE FUNCTION current_tenant_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE
    AS \$\$ SELECT CASE WHEN current_setting('lexvault.context_started', true)
                           = (extract(epoch FROM now()) * 1000000)::bigint::text
                      THEN nullif(current_setting('lexvault.tenant_id', true), '')::uuid END \$\$;
CREATE TABLE settings_rls (tenant_id uuid NOT NULL, name text NOT NULL, value text NOT NULL,
    PRIMARY KEY (tenant_id, name));
INSERT INTO settings_rls SELECT md5(t::text)::uuid, 'setting.' || s, repeat('x', 40)
    FROM generate_series(1, 1000) t, generate_series(1, 20) s;
CREATE TABLE settings_plain AS TABLE settings_rls;
ALTER TABLE settings_plain ADD PRIMARY KEY (tenant_id, name);
ALTER TABLE settings_rls ENABLE ROW LEVEL SECURITY;
ALTER TABLE settings_rls FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON settings_rls
    USING (tenant_id = (SELECT current_tenant_id())) WITH CHECK (tenant_id = (SELECT current_tenant_id()));
GRANT SELECT ON settings_rls, settings_plain TO $role;
GRANT EXECUTE ON FUNCTION current_tenant_id() TO $role;
ANALYZE;
SQL

cat > "$work/baseline.sql" <<'SQL'
\set t random(1, 1000)
\set s random(1, 20)
BEGIN \; SELECT value FROM settings_plain WHERE tenant_id = md5(:t::text)::uuid AND name = 'setting.' || :s;
COMMIT;
SQL
cat > "$work/same-trip.sql" <<'SQL'
\set t random(1, 1000)
\set s random(1, 20)
BEGIN \; SELECT set_config('lexvault.tenant_id', md5(:t::text)::uuid::text, true), set_config('lexvault.user_id', '', true), set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true) \; SELECT value FROM settings_rls WHERE tenant_id = md5(:t::text)::uuid AND name = 'setting.' || :s;
COMMIT;
SQL
cat > "$work/own-trip.sql" <<'SQL'
\set t random(1, 1000)
\set s random(1, 20)
BEGIN \; SELECT set_config('lexvault.tenant_id', md5(:t::text)::uuid::text, true), set_config('lexvault.user_id', '', true), set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true);
SELECT value FROM settings_rls WHERE tenant_id = md5(:t::text)::uuid AND name = 'setting.' || :s;
COMMIT;
SQL

echo "PostgreSQL $(psql -h $host -U postgres -Atc 'SHOW server_version'), $(nproc) cores, $clients clients, ${seconds}s per run, simple protocol (one message per line)"
for variant in baseline same-trip own-trip; do
    pgbench -h $host -U "$role" -n -M simple -c "$clients" -j "$clients" -T "$seconds" -f "$work/$variant.sql" "$db" \
        | awk -v v="$variant" '/latency average/ {lat=$4} /^tps/ {tps=$3} END {printf "%-10s %8.0f tx/s  %6.3f ms per transaction\n", v, tps, lat}'
done
