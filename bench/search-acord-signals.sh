#!/usr/bin/env bash
# Side experiment of the search issue (15), docs/benchmarks.md "Search: ACORD": every ranking signal
# (production BM25 with thesaurus weight 0 / 0.4 / 0.7, dense cosine per embedding model, query-term
# coverage) scored once per (query, clause), then weighted fusions compared in memory, ranked by train
# NDCG@10. Embeddings and signals are cached under /tmp/acord. Chooses nothing by itself: the chosen
# configuration is then measured through the production path by bench/search-acord.sh.
# Usage: bench/search-acord-signals.sh [dataset dir] [models (all-minilm-l6-v2-q,e5-small-v2-q)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="${1:-../shared/datasets/retrieval/acord}"
[ -d "$dataset" ] || dataset="/work/shared/datasets/retrieval/acord"
source bench/java-classpath.sh
exec "$java" -Xmx3g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
    io.lexvault.search.index.AcordExperiments "$dataset" "${2:-all-minilm-l6-v2-q,e5-small-v2-q}"
