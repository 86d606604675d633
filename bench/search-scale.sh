#!/usr/bin/env bash
# Search issue (15), scale (docs/benchmarks.md, "Search: one firm at a million chunks"): one firm of a
# million chunks recombined from ACORD clauses and the demo's texts over 20,000 matters, in a real
# LexVault context on its own PostgreSQL database (the local server, 127.0.0.1:5432, trust auth; made
# and dropped by the run); queries through DocumentSearch as an attorney on the team of 5,000 matters,
# the PostgreSQL re-check of the page included. Vectors are synthesised from 10,000 real embeddings.
# The index is built once and kept under var/scale-bench/ (git-ignored; delete it when done).
# Usage: bench/search-scale.sh [acord dir] [chunks (1000000)] [matters (20000)] [visible (5000)] [templates (10000)] [rounds (5)]
#        bench/search-scale.sh ingest [acord dir] [versions a point (40)]   (ingestion curve with embeddings)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/java-classpath.sh
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$java" -version 2>&1 | head -1); $(date -u +%FT%TZ); load $(cat /proc/loadavg)"
opts=(-Xmx${BENCH_HEAP:-2g} -XX:+UseG1GC --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-})
if [ "${1:-}" = ingest ]; then
    dataset="${2:-../shared/datasets/retrieval/acord}"; [ -d "$dataset" ] || dataset=/work/shared/datasets/retrieval/acord
    exec "$java" "${opts[@]}" -cp "$classpath" io.lexvault.search.SearchScaleBenchmark ingest "$dataset" "${3:-40}"
fi
dataset="${1:-../shared/datasets/retrieval/acord}"; [ -d "$dataset" ] || dataset=/work/shared/datasets/retrieval/acord
exec "$java" "${opts[@]}" -cp "$classpath" io.lexvault.search.SearchScaleBenchmark \
    "$dataset" "${2:-1000000}" "${3:-20000}" "${4:-5000}" "${5:-10000}" "${6:-5}"
