#!/usr/bin/env bash
# Issue 14, row 7 (docs/benchmarks.md): the footprint of `./lexvault demo` as a user sees it. Each
# round launches `./lexvault demo` (the jar must already be built: the launcher would rebuild it when
# the sources changed, and that build is not what is measured, so the script builds it first), and
# times, from the launch, Spring's "Started" line and the demo banner ("Demo password ..."), which the
# demo prints only once the firm is seeded and the server answers. Then the resident set size (VmRSS
# of the JVM, from /proc) after 10 s idle, and again after a short wrk load on the sign-in page and the
# readiness probe. The data directory is kept between rounds (as a user's ./var is), so round 1 seeds
# the firm and the next rounds start an existing demo, which is the "warm" case of the target.
# Usage: bench/demo-footprint.sh [rounds (3)] [load seconds (15)] [port (18080)]
# Database: the local PostgreSQL on 127.0.0.1:5432 (trust) under a database and roles of the script's
# own (dropped at the end); DEMO_DB=embedded uses the embedded PostgreSQL under the data directory
# instead (as on a machine without a PostgreSQL). LEXVAULT_JAVA_OPTS passes JVM options through the
# launcher, e.g. LEXVAULT_JAVA_OPTS='-XX:TieredStopAtLevel=1' to compare; LEXVAULT_DEMO_PLAIN=1 runs the
# demo without the launcher's footprint options and AOT cache (the "before" of ADR 0012). Round 1 after
# a build includes the launcher's one-off training run that records the AOT cache.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds="${1:-3}"
load_seconds="${2:-15}"
port="${3:-18080}"
run="demo-footprint-$$"
data="$PWD/target/bench/$run"
mkdir -p "$data"
export LEXVAULT_DATA_DIR="$data"
# The launcher records the demo's AOT cache only for a demo started from a terminal, unless asked.
export LEXVAULT_DEMO_AOT="${LEXVAULT_DEMO_AOT:-1}"
if [ "${DEMO_DB:-local}" = "embedded" ]; then
    # A login the local server refuses makes the demo fall back to its embedded server.
    export LEXVAULT_DB_USER="no_such_login_$$"
else
    export LEXVAULT_DB_URL="jdbc:postgresql://127.0.0.1:5432/bench_demo_$$"
    export LEXVAULT_DB_USER=postgres
    export LEXVAULT_DB_ROLE_PREFIX="bench_demo_$$"
fi
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
# Build now (if needed), so no round includes a build.
if [ ! -f target/lexvault.jar ] || [ -n "$(find src/main pom.xml -newer target/lexvault.jar -print -quit)" ]; then
    ./mvnw -B -q -DskipTests package >&2
fi

pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    fi
    if [ "${DEMO_DB:-local}" != "embedded" ]; then
        psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS bench_demo_$$ WITH (FORCE)" \
            -c "DROP ROLE IF EXISTS bench_demo_$$_app" -c "DROP ROLE IF EXISTS bench_demo_$$_owner" \
            >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
}
trap cleanup EXIT

# Resident set size, and its anonymous part (heap, metaspace, code, stacks: what the process costs the
# machine alone; the rest is file pages such as the jar and the AOT cache, shared with the page cache).
rss_mb() { awk '/^VmRSS/ {rss = $2} /^RssAnon/ {anon = $2} END {printf "%.0f/%.0f", rss / 1024, anon / 1024}' "/proc/$1/status"; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "database: ${DEMO_DB:-local}; LEXVAULT_JAVA_OPTS=${LEXVAULT_JAVA_OPTS:-}"
echo "RSS columns: total/anonymous MB"
printf '%-6s %-10s %-10s %-12s %-12s %-14s %-10s\n' round started_s banner_s rss_idle rss_load load_req/s load_avg
for round in $(seq 1 "$rounds"); do
    log="$data/round-$round.log"
    start=$(date +%s%N)
    ./lexvault demo --port "$port" >"$log" 2>&1 &
    pid=$!
    started="" banner=""
    while [ -z "$banner" ]; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "the demo stopped before its banner; its output:" >&2
            tail -40 "$log" >&2
            exit 1
        fi
        if [ -z "$started" ] && grep -q 'Started LexVault' "$log"; then
            started=$(ms_since "$start")
        fi
        if grep -q '^Demo password' "$log"; then
            banner=$(ms_since "$start")
            [ -n "$started" ] || started=$banner
        fi
        sleep 0.05
    done
    curl -fsS -o /dev/null "http://127.0.0.1:$port/login"
    sleep 10
    idle=$(rss_mb "$pid")
    rate=$(wrk -t2 -c16 -d"${load_seconds}s" "http://127.0.0.1:$port/login" | awk '/Requests\/sec/ {print $2}')
    wrk -t1 -c4 -d5s "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null
    loaded=$(rss_mb "$pid")
    printf '%-6s %-10s %-10s %-12s %-12s %-14s %-10s\n' "$round" "$(awk "BEGIN {printf \"%.1f\", $started / 1000}")" \
        "$(awk "BEGIN {printf \"%.1f\", $banner / 1000}")" "$idle" "$loaded" "$rate" "$(cut -d' ' -f1 /proc/loadavg)"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
done
