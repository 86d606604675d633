#!/usr/bin/env bash
# What the matter wall in PostgreSQL (the RESTRICTIVE policies of V1_023, wall 3 of docs/security.md)
# adds to the matter list the API runs (GET /api/v1/matters?page=0&size=50: MatterRepository's list
# and count statements), on this machine's PostgreSQL (127.0.0.1:5432, trust auth as on the dev
# machines).
#
# It creates its own owner and runtime roles and database, applies the project's real migrations
# (src/main/resources/db/migration, every file in version order, one transaction each, as the owner
# role with ${appRole}/${ownerRole} replaced by the quoted role names: what DatabaseProvisioner's
# Flyway run does), seeds one measured firm (10,000 matters over 500 clients, 200 users, 20 groups,
# teams, 50 walls, roles) and four smaller firms, and copies the database into a second one whose
# wall policies (matter_wall_*, client_wall, team_wall) are dropped, the tenant policy left alone:
#   with     - the policies as migrated
#   without  - tenant policy only
# Both run the identical statements, as the runtime role, in a transaction with the tenant context
# set, with the viewer's arrays (team matters, screened matters and clients, matters.read.all) as
# parameters, as the application passes them; the viewer lookups MatterAccess runs before the list
# are the same in both variants and are not measured.
# Reports EXPLAIN (ANALYZE, BUFFERS) medians and pgbench runs of the request's two statements for two
# users: an attorney on teams (directly and through groups) screened by two walls, and an
# administrator (matters.read.all) screened by five walls.
# Usage: bench/matter-walls.sh [seconds per pgbench run] [clients]
#   BENCH_PLANS=1 prints the plans; BENCH_ROUNDS=n alternates the variants n times (3), with
#   BENCH_EXPLAINS=n EXPLAIN runs of each statement per round (5) and seconds/n of pgbench per round;
#   BENCH_PROTOCOLS="prepared extended" (both by default): pgbench's -M; "prepared" is what pgjdbc
#   does from a statement's fifth use on a connection (server-side, generic plans possible),
#   "extended" what it does before (planned for the actual parameters every time);
#   BENCH_UNTIL=1_025 applies the migrations up to that version only (to measure before a change);
#   BENCH_BEFORE=1_095 also builds a third database with the migrations up to that version (same seed,
#   same data) and alternates it as the variant "before" with the other two in the same rounds, so a
#   change is measured before and after side by side, each against the same "without".
set -euo pipefail
seconds="${1:-15}"
clients="${2:-2}"
explains="${BENCH_EXPLAINS:-5}"
rounds="${BENCH_ROUNDS:-3}"
protocols="${BENCH_PROTOCOLS:-prepared extended}"
host=127.0.0.1
here="$(cd "$(dirname "$0")/.." && pwd)"
db="lexvault_bench_walls_$$"
db_without="${db}_without"
db_before="${db}_before"
variants="with without"
[ -n "${BENCH_BEFORE:-}" ] && variants="before with without"
owner="lexvault_bench_owner_$$"
app="lexvault_bench_app_$$"
work="$(mktemp -d)"
cleanup() {
    psql -h $host -U postgres -qX -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
        -c "DROP DATABASE IF EXISTS $db_without WITH (FORCE)" \
        -c "DROP DATABASE IF EXISTS $db_before WITH (FORCE)" \
        -c "DROP ROLE IF EXISTS $app" -c "DROP ROLE IF EXISTS $owner" >/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
admin() { psql -h $host -U postgres -qX -v ON_ERROR_STOP=1 "$@"; }

admin -c "CREATE ROLE $owner NOLOGIN" -c "CREATE ROLE $app LOGIN NOSUPERUSER NOBYPASSRLS"
build() { # database, last migration version (empty: all)
local db="$1" until="$2"
# Roles, database and schema as DatabaseProvisioner creates them.
admin -c "CREATE DATABASE $db OWNER $owner ENCODING 'UTF8' TEMPLATE template0"
admin -d $db -c "REVOKE ALL ON DATABASE $db FROM PUBLIC" -c "GRANT CONNECT ON DATABASE $db TO $app" \
    -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC" -c "CREATE SCHEMA lexvault AUTHORIZATION $owner" \
    -c "REVOKE ALL ON SCHEMA lexvault FROM PUBLIC" -c "GRANT USAGE ON SCHEMA lexvault TO $app"

# The real migrations, in version order (Flyway orders by version across the module folders).
find "$here/src/main/resources/db/migration" -name 'V*__*.sql' \
    | awk -F/ '{ v = $NF; sub(/__.*/, "", v); sub(/^V/, "", v); print v "\t" $0 }' | sort -V \
    | awk -F'\t' -v until="$until" 'until == "" || $1 <= until { print $2 }' > "$work/migrations"
while read -r migration; do
    { echo "SET ROLE $owner; SET search_path = lexvault;"
      sed -e "s/\${appRole}/\"$app\"/g" -e "s/\${ownerRole}/\"$owner\"/g" "$migration"; } \
        | admin -d $db -1 -f - >/dev/null || { echo "migration failed: $migration" >&2; exit 1; }
done < "$work/migrations"
echo "Applied $(wc -l < "$work/migrations") migrations, last $(basename "$(tail -1 "$work/migrations")")"

# Seed (as the superuser, which row-level security does not apply to). Firm 1 is measured.
# The matter visibility triggers (V1_050) recompute per change inside the firm's context; the seed
# has none, so it runs with triggers off and the rows are computed once at the end, as the migration's
# own backfill does.
admin -d $db >/dev/null <<'SQL'
SET search_path = lexvault;
SET session_replication_role = replica;
SELECT setseed(0.2611);
CREATE FUNCTION pg_temp.id(f int, kind text, i int) RETURNS uuid LANGUAGE sql IMMUTABLE
    AS $$ SELECT md5(f || ':' || kind || ':' || i)::uuid $$;
CREATE TEMP TABLE firm AS
SELECT f, pg_temp.id(f, 'firm', 0) AS t,
       CASE WHEN f = 1 THEN 200 ELSE 50 END AS users,
       CASE WHEN f = 1 THEN 500 ELSE 100 END AS clients,
       CASE WHEN f = 1 THEN 10000 ELSE 2000 END AS matters,
       CASE WHEN f = 1 THEN 20 ELSE 5 END AS groups,
       CASE WHEN f = 1 THEN 50 ELSE 10 END AS walls
  FROM generate_series(1, 5) f;

INSERT INTO tenants (id, name, slug) SELECT t, 'Bench firm ' || f, 'bench-firm-' || f FROM firm;
INSERT INTO users (tenant_id, id, email, display_name)
SELECT t, pg_temp.id(f, 'user', i), 'user' || i || '@firm' || f || '.example', 'User ' || i
  FROM firm, generate_series(1, users) i;
-- Users 1-5 administrators (matters.read.all), every tenth a paralegal, the rest attorneys.
INSERT INTO role_assignments (tenant_id, user_id, role)
SELECT t, pg_temp.id(f, 'user', i),
       CASE WHEN i <= 5 THEN 'administrator' WHEN i % 10 = 0 THEN 'paralegal' ELSE 'attorney' END
  FROM firm, generate_series(1, users) i;
INSERT INTO clients (tenant_id, id, name)
SELECT t, pg_temp.id(f, 'client', c), 'Client ' || c FROM firm, generate_series(1, clients) c;
INSERT INTO matters (tenant_id, id, client_id, number, title)
SELECT t, pg_temp.id(f, 'matter', i), pg_temp.id(f, 'client', 1 + (i * 7919) % clients),
       'M-' || lpad(i::text, 5, '0'), 'Matter ' || i || ' ' || repeat('x', 30)
  FROM firm, generate_series(1, matters) i;
INSERT INTO user_groups (tenant_id, id, name)
SELECT t, pg_temp.id(f, 'group', g), 'Group ' || g FROM firm, generate_series(1, groups) g;
-- Every user in one group, every fifth in a second one.
INSERT INTO user_group_members (tenant_id, group_id, user_id)
SELECT DISTINCT t, pg_temp.id(f, 'group', g), pg_temp.id(f, 'user', i)
  FROM firm, generate_series(1, users) i,
       LATERAL (VALUES (1 + i % groups), (CASE WHEN i % 5 = 0 THEN 1 + (i / 5 + 7) % groups END)) v(g)
 WHERE g IS NOT NULL;
-- Teams: each user directly on about 50 matters, each group on about 100.
INSERT INTO matter_team_members (tenant_id, matter_id, client_id, user_id)
SELECT DISTINCT m.tenant_id, m.id, m.client_id, pg_temp.id(f, 'user', i)
  FROM firm, generate_series(1, users) i, generate_series(1, 50) k,
       LATERAL (SELECT 1 + floor(random() * matters)::int + 0 * k AS n) r, matters m
 WHERE m.tenant_id = t AND m.id = pg_temp.id(f, 'matter', r.n);
INSERT INTO matter_team_members (tenant_id, matter_id, client_id, group_id)
SELECT DISTINCT m.tenant_id, m.id, m.client_id, pg_temp.id(f, 'group', g)
  FROM firm, generate_series(1, groups) g, generate_series(1, 100) k,
       LATERAL (SELECT 1 + floor(random() * matters)::int + 0 * k AS n) r, matters m
 WHERE m.tenant_id = t AND m.id = pg_temp.id(f, 'matter', r.n);
-- Walls: 70% around one matter, 30% around a client; each screens three users, every fifth a group too.
INSERT INTO ethical_walls (tenant_id, id, matter_id, client_id, reason, created_by)
SELECT t, pg_temp.id(f, 'wall', w),
       CASE WHEN w <= walls * 7 / 10 THEN pg_temp.id(f, 'matter', 1 + floor(random() * matters)::int) END,
       CASE WHEN w > walls * 7 / 10 THEN pg_temp.id(f, 'client', 1 + floor(random() * clients)::int) END,
       'Conflict ' || w, pg_temp.id(f, 'user', 1)
  FROM firm, generate_series(1, walls) w;
INSERT INTO wall_screened (tenant_id, wall_id, user_id)
SELECT DISTINCT t, pg_temp.id(f, 'wall', w), pg_temp.id(f, 'user', 6 + floor(random() * (users - 5))::int)
  FROM firm, generate_series(1, walls) w, generate_series(1, 3) k WHERE k > 0;
INSERT INTO wall_screened (tenant_id, wall_id, group_id)
SELECT t, pg_temp.id(f, 'wall', w), pg_temp.id(f, 'group', 1 + w % groups)
  FROM firm, generate_series(1, walls) w WHERE w % 5 = 0;
-- The measured users of firm 1: the administrator (user 1) is screened by three matter walls and two
-- client walls; the attorney (user 12) by a wall around one of their own team matters and a client wall.
INSERT INTO wall_screened (tenant_id, wall_id, user_id)
SELECT pg_temp.id(1, 'firm', 0), pg_temp.id(1, 'wall', w), pg_temp.id(1, 'user', 1)
  FROM unnest(ARRAY[1, 2, 3, 36, 37]) w
ON CONFLICT DO NOTHING;
UPDATE ethical_walls SET matter_id = (SELECT min(matter_id::text)::uuid FROM matter_team_members
                                       WHERE tenant_id = pg_temp.id(1, 'firm', 0) AND user_id = pg_temp.id(1, 'user', 12))
 WHERE tenant_id = pg_temp.id(1, 'firm', 0) AND id = pg_temp.id(1, 'wall', 4);
INSERT INTO wall_screened (tenant_id, wall_id, user_id)
SELECT pg_temp.id(1, 'firm', 0), pg_temp.id(1, 'wall', w), pg_temp.id(1, 'user', 12)
  FROM unnest(ARRAY[4, 38]) w
ON CONFLICT DO NOTHING;
SET session_replication_role = origin;
SQL
if [ "$(admin -d $db -Atc "SELECT to_regproc('lexvault.refresh_matter_visibility_of_every_firm') IS NOT NULL")" = t ]; then
    admin -d $db -c "SET ROLE $owner; SELECT lexvault.refresh_matter_visibility_of_every_firm()" >/dev/null
    admin -d $db -At <<SQL
BEGIN;
SET ROLE $owner;
SELECT set_config('lexvault.tenant_id', md5('1:firm:0')::uuid::text, true),
       set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true) \\g /dev/null
SELECT 'Firm 1 matter_visibility: ' || count(*) || ' rows, '
    || count(*) FILTER (WHERE (v.reads_all, v.team_matters, v.screened_matters, v.screened_clients)
                              IS DISTINCT FROM (c.reads_all, c.team_matters, c.screened_matters, c.screened_clients))
    || ' differing from the rule'
  FROM lexvault.matter_visibility v, LATERAL lexvault.matter_visibility_computed(v.tenant_id, v.user_id) c;
COMMIT;
SQL
fi
admin -d $db -c "ANALYZE" >/dev/null
}
build "$db" "${BENCH_UNTIL:-}"
if [ -n "${BENCH_BEFORE:-}" ]; then
    echo "Variant \"before\": the migrations up to V$BENCH_BEFORE, same seed"
    build "$db_before" "$BENCH_BEFORE"
fi

firm=$(admin -d $db -Atc "SELECT md5('1:firm:0')::uuid")
user_id() { admin -d $db -Atc "SELECT md5('1:user:$1')::uuid"; }
admin -d $db -At <<SQL
SET search_path = lexvault;
SELECT 'Firm 1: ' || (SELECT count(*) FROM matters WHERE tenant_id = '$firm') || ' matters, '
    || (SELECT count(*) FROM clients WHERE tenant_id = '$firm') || ' clients, '
    || (SELECT count(*) FROM users WHERE tenant_id = '$firm') || ' users, '
    || (SELECT count(*) FROM user_groups WHERE tenant_id = '$firm') || ' groups, '
    || (SELECT count(*) FROM matter_team_members WHERE tenant_id = '$firm') || ' team rows, '
    || (SELECT count(*) FROM ethical_walls WHERE tenant_id = '$firm') || ' walls ('
    || (SELECT count(*) FROM ethical_walls WHERE tenant_id = '$firm' AND client_id IS NOT NULL) || ' client-wide), '
    || (SELECT count(*) FROM wall_screened WHERE tenant_id = '$firm') || ' screenings; all firms: '
    || (SELECT count(*) FROM matters) || ' matters';
SQL

# The second database: the same data, the wall policies dropped (the tenant policy stays).
admin -c "CREATE DATABASE $db_without TEMPLATE $db OWNER $owner"
admin -d $db_without -c "REVOKE ALL ON DATABASE $db_without FROM PUBLIC" \
    -c "GRANT CONNECT ON DATABASE $db_without TO $app" >/dev/null
admin -d $db_without <<'SQL'
DROP POLICY matter_wall_select ON lexvault.matters;
DROP POLICY matter_wall_update ON lexvault.matters;
DROP POLICY matter_wall_delete ON lexvault.matters;
DROP POLICY client_wall ON lexvault.clients;
DROP POLICY team_wall ON lexvault.matter_team_members;
SQL

context() { # tenant, user: what TenantContext sets at the start of each transaction
    echo "SELECT set_config('lexvault.tenant_id', '$1', true), set_config('lexvault.user_id', '$2', true),"\
         "set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true);"
}
# MatterRepository.visibleMatters and countVisibleMatters, with the application's parameters.
columns="SELECT m.id, m.client_id, c.name AS client_name, m.number, m.title, m.created_at
  FROM lexvault.matters m
  JOIN lexvault.clients c ON c.tenant_id = m.tenant_id AND c.id = m.client_id"
visible() { # tenant, hasUser, screenedMatters, screenedClients, readsAll, teamMatters
    echo " WHERE m.tenant_id = $1
   AND $2
   AND NOT (m.id = ANY ($3))
   AND NOT (m.client_id = ANY ($4))
   AND ($5 OR m.id = ANY ($6))"
}

db_of() { case $1 in with) echo "$db" ;; without) echo "$db_without" ;; before) echo "$db_before" ;; esac; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The machine may be busy with other work: the variants alternate, in $rounds rounds, and each EXPLAIN
# session first runs both statements once (the session's first call plans the lookups; a pooled
# connection has done that long before).
echo "PostgreSQL $(admin -Atc 'SHOW server_version'), $(nproc) cores; EXPLAIN (ANALYZE, BUFFERS) medians of" \
     "$((rounds * explains)) warm runs; pgbench $clients clients, $rounds x $((seconds / rounds))s per variant and protocol"
for who in attorney:12 administrator:1; do
    name=${who%%:*}
    user=$(user_id "${who##*:}")
    # The viewer, as MatterAccess computes it (same rule, read as the runtime role in its context).
    viewer=$(psql -h $host -U $app -d $db -qXAt -F '|' <<SQL | tail -1
BEGIN;
$(context "$firm" "$user")
SELECT lexvault.acting_user_team_matters(), lexvault.acting_user_screened_matters(),
       lexvault.acting_user_screened_clients(), lexvault.acting_user_holds('matters.read.all');
COMMIT;
SQL
)
    IFS='|' read -r team screened_m screened_c reads_all <<< "$viewer"
    reads_all=$([ "$reads_all" = t ] && echo true || echo false)
    list_lit="$columns$(visible "'$firm'" true "'$screened_m'::uuid[]" "'$screened_c'::uuid[]" "$reads_all" "'$team'::uuid[]") ORDER BY m.number, m.id LIMIT 50 OFFSET 0"
    count_lit="SELECT count(*) FROM lexvault.matters m$(visible "'$firm'" true "'$screened_m'::uuid[]" "'$screened_c'::uuid[]" "$reads_all" "'$team'::uuid[]")"
    n_team=$(awk -F, '{ print ($0 == "{}") ? 0 : NF }' <<< "$team")
    n_sm=$(awk -F, '{ print ($0 == "{}") ? 0 : NF }' <<< "$screened_m")
    n_sc=$(awk -F, '{ print ($0 == "{}") ? 0 : NF }' <<< "$screened_c")
    echo
    echo "== $name: matters.read.all $reads_all, on $n_team teams, screened from $n_sm matters and $n_sc clients"

    # EXPLAIN (ANALYZE, BUFFERS), alternating the variants.
    : > "$work/explain.tsv"
    for ((round = 1; round <= rounds; round++)); do
        for variant in $variants; do
            target=$(db_of $variant)
            {
                echo "BEGIN;"; context "$firm" "$user"
                echo "\\echo @visible"; echo "$count_lit;"
                echo "\\echo @warm"; echo "EXPLAIN (ANALYZE, BUFFERS) $list_lit;"; echo "EXPLAIN (ANALYZE, BUFFERS) $count_lit;"
                for ((i = 0; i < explains; i++)); do
                    echo "\\echo @list"; echo "EXPLAIN (ANALYZE, BUFFERS) $list_lit;"
                    echo "\\echo @count"; echo "EXPLAIN (ANALYZE, BUFFERS) $count_lit;"
                done
                echo "COMMIT;"
            } > "$work/explain.sql"
            psql -h $host -U $app -d $target -qX -v ON_ERROR_STOP=1 -f "$work/explain.sql" > "$work/explain.out"
            awk -v v=$variant '/^@/ { s = substr($1, 2) } s == "visible" && /^ *[0-9]+$/ { print v, "visible", $1, 0 }
                /Planning Time/ { p = $3 } /Execution Time/ && s != "warm" { print v, s, $3, p }' "$work/explain.out" >> "$work/explain.tsv"
            if [ -n "${BENCH_PLANS:-}" ] && [ $round = $rounds ]; then
                for statement in list count; do
                    echo "   plan, $variant, $statement (last run):"
                    awk -v s="@$statement" '/^@/ { keep = ($1 == s); if (keep) buf = ""; next } keep { buf = buf $0 "\n" }
                        END { printf "%s", buf }' "$work/explain.out" \
                        | grep -v 'QUERY PLAN\|^-*$\|^(.* rows)$' | cut -c1-160 | sed 's/^/    /'
                done
            fi
        done
    done
    echo "visible matters: $(awk '$2 == "visible" { print $3; exit }' "$work/explain.tsv")"
    for statement in list count; do
        for variant in $variants; do
            exec_ms=$(awk -v v=$variant -v s=$statement '$1 == v && $2 == s { print $3 }' "$work/explain.tsv" | median)
            plan_ms=$(awk -v v=$variant -v s=$statement '$1 == v && $2 == s { print $4 }' "$work/explain.tsv" | median)
            printf '%-8s %-5s EXPLAIN ANALYZE  execution %7.3f ms  planning %6.3f ms  (median of %d)\n' \
                $variant $statement "$exec_ms" "$plan_ms" "$(awk -v v=$variant -v s=$statement '$1 == v && $2 == s' "$work/explain.tsv" | wc -l)"
            eval "exec_$variant=$exec_ms"
        done
        for variant in ${variants% without}; do
            eval "exec_variant=\$exec_$variant"
            awk -v w="$exec_variant" -v o="$exec_without" -v s=$statement -v v=$variant \
                'BEGIN { printf "         %-5s execution %s/without %.2f (%+.0f%%; target at most +20%%)\n", s, v, w / o, (w / o - 1) * 100 }'
        done
    done

    # pgbench: the request's two statements in one transaction, as the API runs them, alternating.
    cat > "$work/request.sql" <<'SQL'
BEGIN;
SELECT set_config('lexvault.tenant_id', :tenant, true), set_config('lexvault.user_id', :user, true), set_config('lexvault.context_started', (extract(epoch FROM now()) * 1000000)::bigint::text, true);
SQL
    { echo "$columns$(visible :tenant :hasUser :screenedMatters :screenedClients :readsAll :teamMatters) ORDER BY m.number, m.id LIMIT :limit OFFSET :offset;" | tr '\n' ' '; echo
      echo "SELECT count(*) FROM lexvault.matters m$(visible :tenant :hasUser :screenedMatters :screenedClients :readsAll :teamMatters);" | tr '\n' ' '; echo
      echo "COMMIT;"; } >> "$work/request.sql"
    for protocol in $protocols; do
    : > "$work/pgbench.tsv"
    for ((round = 1; round <= rounds; round++)); do
        for variant in $variants; do
            target=$(db_of $variant)
            pgbench -h $host -U $app -n -M $protocol -c "$clients" -j "$clients" -T $((seconds / rounds)) -r \
                -D tenant="$firm" -D user="$user" -D hasUser=true -D readsAll="$reads_all" -D limit=50 -D offset=0 \
                -D teamMatters="$team" -D screenedMatters="$screened_m" -D screenedClients="$screened_c" \
                -f "$work/request.sql" "$target" > "$work/pgbench.out"
            awk -v v=$variant '/actually processed/ { n = $NF } /^duration/ { d = $2 }
                /SELECT m.id/ { list = $1 } /SELECT count/ { count = $1 }
                END { print v, n, d, list, count }' "$work/pgbench.out" >> "$work/pgbench.tsv"
        done
    done
    for variant in $variants; do
        awk -v v=$variant -v c="$clients" '$1 == v { n += $2; d += $3; list += $2 * $4; count += $2 * $5; rounds = rounds " " int($2 / $3) }
            END { printf "%-8s pgbench %-8s %5.0f tx/s  %6.3f ms per request (list %.3f ms, count %.3f ms); tx/s per round:%s\n",
                  v, p, n / d, c * d * 1000 / n, list / n, count / n, rounds }' p=$protocol "$work/pgbench.tsv"
    done
    for variant in ${variants% without}; do
        awk -v c="$clients" -v p=$protocol -v v=$variant '{ n[$1] += $2; d[$1] += $3 }
            END { w = c * d[v] / n[v]; o = c * d["without"] / n["without"];
                  printf "         %-8s request %s/without %.2f (%+.0f%%)\n", p, v, w / o, (w / o - 1) * 100 }' "$work/pgbench.tsv"
    done
    done
done
