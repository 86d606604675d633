#!/usr/bin/env bash
# Issue 14, row 5 (docs/benchmarks.md, "Authenticated API read"): requests per second and latency of
# an authenticated API read, GET /api/v1/matters?size=20 with an API key (key lookup, permission,
# tenant context, row-level security, matter wall, JSON), against a bare Spring Boot endpoint doing
# SELECT 1 through HikariCP (bare.BareSelectOneApp, src/bench/java), both started from
# the same class path with the same JVM options, driven by wrk in alternating rounds.
#
# The firm: made by `admin create-firm` (its administrator holds matters.read.all), 10,000 matters
# over 500 clients seeded with SQL, an API key for the administrator made by `admin create-api-key`
# (scopes matters.read and matters.read.all: an API key acts with its scopes only). Its own database and roles on the local PostgreSQL (127.0.0.1:5432, trust
# authentication, as the tests use), dropped at the end.
#
# First, statements and transactions per request: 200 requests with log_statement = 'all' for the
# runtime role (read back from the server log through pg_read_file, so run it as a user PostgreSQL's
# superuser trusts) and pg_stat_database's commit counter; the pooled connections are then closed by
# the server so that the measured rounds run without statement logging.
# Then: warm-up of both (BENCH_WARMUP seconds each, 20), then BENCH_ROUNDS (3) rounds alternating the
# two, wrk -t2 -c16 for BENCH_SECONDS (10) each; medians and the spread of the rounds.
# Usage: bench/api-read.sh           BENCH_JVM_OPTS (default -Xmx512m) for both JVMs;
#        BENCH_CONNECTIONS (16), BENCH_THREADS (2) for wrk.
#        BENCH_BEFORE=main also builds that git revision's main classes (a detached worktree under
#        target/bench/before, compiled offline) and runs it as a third JVM, the variant "before", on the
#        same database, firm and key (its own port and a copy of the data directory), counted and
#        alternated in the same rounds, so a change is measured before and after side by side. The
#        revision must not lack migrations this one has applied (Flyway refuses to start then).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${BENCH_ROUNDS:-3}"
seconds="${BENCH_SECONDS:-10}"
warmup="${BENCH_WARMUP:-20}"
connections="${BENCH_CONNECTIONS:-16}"
threads="${BENCH_THREADS:-2}"
jvm_opts="${BENCH_JVM_OPTS:--Xmx512m}"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
source bench/java-classpath.sh
# The test classes stay off both class paths: their Spring initializer (testsupport) would point any
# application context at the test run's database. The baseline's own classes are copied apart.
dependencies="${classpath#target/test-classes:target/classes:}"
rm -rf target/bench/bare-classes && mkdir -p target/bench/bare-classes
cp -r target/test-classes/bare target/bench/bare-classes/
lexvault_classpath="target/classes:$dependencies"
before_classpath=""
before_revision=""
if [ -n "${BENCH_BEFORE:-}" ]; then
    before_tree="$PWD/target/bench/before"
    git worktree remove --force "$before_tree" >/dev/null 2>&1 || rm -rf "$before_tree"
    git worktree prune
    git worktree add --detach "$before_tree" "$BENCH_BEFORE" >&2
    (cd "$before_tree" && ./mvnw -B -q -o -DskipTests compile >&2)
    before_revision=$(git -C "$before_tree" rev-parse --short HEAD)
    before_classpath="$before_tree/target/classes:$dependencies"
fi
bare_classpath="target/bench/bare-classes:$dependencies"
run="$$"
db="lexvault_bench_api_$run"
prefix="lexvault_bapi$run"
work="$(mktemp -d)"
lexvault_port=$((20000 + run % 20000))
bare_port=$((lexvault_port + 1))
before_port=$((lexvault_port + 2))
pids=()
admin() { psql -h 127.0.0.1 -U postgres -qX -v ON_ERROR_STOP=1 "$@"; }
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    for role in $(admin -Atc "SELECT rolname FROM pg_roles WHERE rolname LIKE '${prefix}%'" 2>/dev/null); do
        admin -c "DROP ROLE IF EXISTS \"$role\"" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
    if [ -n "${BENCH_BEFORE:-}" ]; then git worktree remove --force "$before_tree" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

export LEXVAULT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
export LEXVAULT_DB_USER=postgres
export LEXVAULT_DB_ROLE_PREFIX="$prefix"
export LEXVAULT_DATA_DIR="$work/var"
export LEXVAULT_PORT="$lexvault_port"
export LEXVAULT_PUBLIC_URL="http://localhost:$lexvault_port"
cli() { "$java" -cp "$lexvault_classpath" io.lexvault.LexVaultCli "$@"; }

email="admin-$run@bench.example"
created=$(echo "violet harbour engine quartz" | cli admin create-firm --name "API bench $run" --admin-email "$email" --password-stdin)
slug=$(sed -n 's/.*Created firm "[^"]*" (\([a-z0-9-]*\)).*/\1/p' <<< "$created")
[ -n "$slug" ] || { echo "create-firm said: $created" >&2; exit 1; }
key=$(cli admin create-api-key --firm "$slug" --user "$email" --scopes matters.read,matters.read.all </dev/null \
      | sed -n 's/.*Key (shown only now): \([^ ]*\).*/\1/p')
[ -n "$key" ] || { echo "create-api-key printed no key" >&2; exit 1; }
runtime_role=$(admin -d $db -Atc "SELECT rolname FROM pg_roles WHERE rolname LIKE '${prefix}%' AND rolcanlogin AND NOT rolsuper" | head -1)

# 10,000 matters over 500 clients (as the superuser: no context needed, no trigger on these tables).
admin -d $db >/dev/null <<SQL
SET search_path = lexvault;
INSERT INTO clients (tenant_id, id, name)
SELECT t.id, md5('client' || c)::uuid, 'Client ' || c FROM tenants t, generate_series(1, 500) c WHERE t.slug = '$slug';
INSERT INTO matters (tenant_id, id, client_id, number, title, opened_on)
SELECT t.id, md5('matter' || i)::uuid, md5('client' || (1 + (i * 7919) % 500))::uuid, 'B-' || lpad(i::text, 5, '0'),
       'Matter ' || i || ' ' || repeat('x', 30), date '2026-01-01' + (i % 300)
  FROM tenants t, generate_series(1, 10000) i WHERE t.slug = '$slug';
ANALYZE;
SQL

start_java() { # name, class path, then the command's arguments
    local name=$1 path=$2; shift 2
    if [ "$name" = before ]; then
        # Its own port and data directory (a copy: the same key-hashing secret, no shared index).
        LEXVAULT_PORT=$before_port LEXVAULT_PUBLIC_URL="http://localhost:$before_port" LEXVAULT_DATA_DIR="$work/var-before" \
            "$java" $jvm_opts -cp "$path" "$@" > "$work/$name.log" 2>&1 &
    else
        "$java" $jvm_opts -cp "$path" "$@" > "$work/$name.log" 2>&1 &
    fi
    pids+=($!)
}
await() { # url
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
        sleep 0.5
    done
    echo "no answer from $1" >&2; tail -50 "$work"/*.log >&2; exit 1
}
if [ -n "$before_classpath" ]; then
    cp -r "$work/var" "$work/var-before"
fi
start_java lexvault "$lexvault_classpath" io.lexvault.LexVaultCli serve
if [ -n "$before_classpath" ]; then
    # One after the other: both would migrate the same database at once otherwise.
    await "http://127.0.0.1:$lexvault_port/actuator/health"
    start_java before "$before_classpath" io.lexvault.LexVaultCli serve
fi
start_java bare "$bare_classpath" bare.BareSelectOneApp --server.port=$bare_port \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$db" --spring.datasource.username=postgres
await "http://127.0.0.1:$lexvault_port/actuator/health"
await "http://127.0.0.1:$bare_port/bare"
[ -n "$before_classpath" ] && await "http://127.0.0.1:$before_port/actuator/health"
api_url="http://127.0.0.1:$lexvault_port/api/v1/matters?size=20"
before_url="http://127.0.0.1:$before_port/api/v1/matters?size=20"
bare_url="http://127.0.0.1:$bare_port/bare"
# The before build (main up to 66a3a9d) reads the address's refusal bucket under a row lock on every
# request, and Bucket4j creates the row on that first read; this build only asks whether the row
# exists (it is written when a key is refused). The variants share 127.0.0.1, so the row the before
# build made is deleted before each of this build's runs: what a clean address sees (housekeeping
# deletes a full bucket's row within about 11 minutes).
clean_address() { [ -z "$before_classpath" ] || admin -d $db -qc "DELETE FROM lexvault.rate_limit_buckets WHERE id LIKE 'api-key-refusals:%'" >/dev/null; }
url_of() { case $1 in api) echo "$api_url" ;; before) echo "$before_url" ;; bare) echo "$bare_url" ;; esac; }
keyed=(api)
[ -n "$before_classpath" ] && keyed=(before api)
curl -fsS -H "Authorization: Bearer $key" "$api_url" | head -c 300; echo
for variant in "${keyed[@]}"; do
    # The exact total, asked for where the page would not count that far (docs/api.md).
    total=$(curl -fsS -H "Authorization: Bearer $key" "$(url_of $variant)&exactTotal=true" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
    [ "$total" = 10000 ] || { echo "$variant: the key's user sees $total matters, not 10000" >&2; exit 1; }
done

# Statements and transactions per request, for each variant in turn.
logfile=$(admin -Atc "SELECT coalesce(pg_current_logfile(), '/var/log/postgresql/postgresql-15-main.log')")
counted=200
for variant in "${keyed[@]}"; do
    url=$(url_of $variant)
    if [ $variant = api ]; then clean_address; fi
    for _ in $(seq 1 50); do curl -fsS -o /dev/null -H "Authorization: Bearer $key" "$url"; done
    admin -c "ALTER ROLE \"$runtime_role\" SET log_statement = 'all'" >/dev/null
    admin -d $db -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$runtime_role'" >/dev/null
    sleep 2
    for _ in $(seq 1 20); do curl -sS -o /dev/null -H "Authorization: Bearer $key" "$url"; done
    log_start=$(admin -Atc "SELECT (pg_stat_file('$logfile')).size")
    commits_start=$(admin -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'")
    for _ in $(seq 1 $counted); do curl -fsS -o /dev/null -H "Authorization: Bearer $key" "$url"; done
    sleep 1
    commits_end=$(admin -Atc "SELECT xact_commit FROM pg_stat_database WHERE datname = '$db'")
    log_end=$(admin -Atc "SELECT (pg_stat_file('$logfile')).size")
    admin -Atc "SELECT pg_read_file('$logfile', $log_start, $log_end - $log_start)" > "$work/statements.log"
    admin -c "ALTER ROLE \"$runtime_role\" RESET log_statement" >/dev/null
    admin -d $db -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$runtime_role'" >/dev/null
    grep "$runtime_role@$db" "$work/statements.log" | grep -o 'statement: .*\|execute [^:]*: .*' \
        | sed -e 's/^statement: //' -e 's/^execute [^:]*: //' | cut -c1-90 | sort | uniq -c | sort -rn > "$work/statement-kinds.txt"
    statements=$(grep -c "$runtime_role@$db.*\(statement: \|execute [^:]*: \)" "$work/statements.log" || true)
    label=$variant
    if [ $variant = before ]; then label="before ($BENCH_BEFORE, $before_revision)"; fi
    echo "$label per request (mean of $counted): $(awk -v s="$statements" -v n=$counted 'BEGIN { printf "%.1f", s / n }') statements" \
         "(BEGIN/COMMIT included), $(awk -v a="$commits_start" -v b="$commits_end" -v n=$counted 'BEGIN { printf "%.1f", (b - a) / n }') commits" \
         "(pg_stat_database, the servers' background jobs included)"
    awk -v n=$counted '{ c = $1; $1 = ""; printf "  %6.2f x %s\n", c / n, $0 }' "$work/statement-kinds.txt" | head -25
    sleep 2
done

to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; JVM options: $jvm_opts; wrk -t$threads -c$connections"
for variant in "${keyed[@]}"; do
    if [ $variant = api ]; then clean_address; fi
    wrk -t$threads -c$connections -d${warmup}s -H "Authorization: Bearer $key" "$(url_of $variant)" >/dev/null
done
wrk -t$threads -c$connections -d${warmup}s "$bare_url" >/dev/null
: > "$work/results.tsv"
for round in $(seq 1 "$rounds"); do
    for variant in "${keyed[@]}" bare; do
        if [ $variant = bare ]; then
            out=$(wrk -t$threads -c$connections -d${seconds}s --latency "$bare_url")
        else
            if [ $variant = api ]; then clean_address; fi
            out=$(wrk -t$threads -c$connections -d${seconds}s --latency -H "Authorization: Bearer $key" "$(url_of $variant)")
        fi
        rps=$(awk '/^Requests\/sec/ { print $2 }' <<< "$out")
        p50=$(awk '$1 == "50%" { print $2 }' <<< "$out" | to_ms)
        p99=$(awk '$1 == "99%" { print $2 }' <<< "$out" | to_ms)
        errors=$(grep -o 'Non-2xx or 3xx responses: [0-9]*\|Socket errors: .*' <<< "$out" | tr '\n' ' ' || true)
        echo "$variant $round $rps $p50 $p99" >> "$work/results.tsv"
        printf 'round %d %-6s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  load %s %s\n' \
            "$round" $variant "$rps" "$p50" "$p99" "$(cut -d' ' -f1 /proc/loadavg)" "$errors"
    done
done
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for variant in "${keyed[@]}" bare; do
    for column in 3 4 5; do
        values=$(awk -v v=$variant -v c=$column '$1 == v { print $c }' "$work/results.tsv")
        eval "${variant}_$column=$(median <<< "$values")"
        eval "${variant}_${column}_range='$(sort -n <<< "$values" | head -1)-$(sort -n <<< "$values" | tail -1)'"
    done
done
echo "medians of $rounds rounds (range):"
for variant in "${keyed[@]}" bare; do
    rps="${variant}_3" rps_range="${variant}_3_range" p50="${variant}_4" p99="${variant}_5" p99_range="${variant}_5_range"
    printf '  %-6s %7.0f req/s (%s)  p50 %6.2f ms  p99 %6.2f ms (%s)\n' \
        $variant "${!rps}" "${!rps_range}" "${!p50}" "${!p99}" "${!p99_range}"
done
for variant in "${keyed[@]}"; do
    rps="${variant}_3" p99="${variant}_5"
    awk -v name=$variant -v a="${!rps}" -v b="$bare_3" -v ap="${!p99}" -v bp="$bare_5" 'BEGIN {
        printf "  %s/bare: %.1f%% of the requests per second (target at least 50%%), p99 x%.1f (target at most x3)\n", name, 100 * a / b, ap / bp }'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
