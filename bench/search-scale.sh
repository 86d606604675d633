#!/usr/bin/env bash
# Search issue (15), scale (docs/benchmarks.md, "Search: one firm at a million chunks"): one firm's
# Lucene index of a million chunks recombined from ACORD clauses over 20,000 matters, hybrid queries
# restricted to 5,000 visible matters; p50/p95, indexing rate, index size per chunk, heap. Vectors are
# synthesised (perturbed real embeddings of 2,000 clauses); the PostgreSQL re-check is not included.
# Needs a JDK 21+ and ~3 GB of heap; no database.
# Usage: bench/search-scale.sh [dataset dir] [chunks (1000000)] [matters (20000)] [visible (5000)] [real vectors (2000)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="${1:-../shared/datasets/retrieval/acord}"
[ -d "$dataset" ] || dataset="/work/shared/datasets/retrieval/acord"
source bench/java-classpath.sh
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$java" -version 2>&1 | head -1)"
exec "$java" -Xmx3g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.lexvault.search.index.ScaleBenchmark \
    "$dataset" "${2:-1000000}" "${3:-20000}" "${4:-5000}" "${5:-2000}"
