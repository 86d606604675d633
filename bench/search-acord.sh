#!/usr/bin/env bash
# Search issue (15), ACORD clause retrieval (docs/benchmarks.md): the 3,931 clauses of the Atticus
# Clause Retrieval Dataset indexed through LuceneSearchIndex (production analyzers, embedding model and
# fusion), every query ranked over the whole corpus, NDCG@5/@10 (gain 2^grade - 1) on train, valid and
# test next to plain BM25 (EnglishAnalyzer); the fusion weight is chosen on train only. Also measures
# embedding and indexing throughput. Needs a JDK 21+; no database.
# Usage: bench/search-acord.sh [dataset dir (../shared/datasets/retrieval/acord)] [models (all-minilm-l6-v2-q[,e5-small-v2-q])]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="${1:-../shared/datasets/retrieval/acord}"
[ -d "$dataset" ] || dataset="/work/shared/datasets/retrieval/acord"
source bench/java-classpath.sh
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$java" -version 2>&1 | head -1)"
exec "$java" -Xmx2g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.lexvault.search.index.AcordBenchmark \
    "$dataset" "${2:-all-minilm-l6-v2-q}"
