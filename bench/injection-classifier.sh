#!/usr/bin/env bash
# Assistant issue (16), prompt-injection detection (docs/benchmarks.md, "Assistant — injection
# detection"; ADR 0018). `train` fits the v2 classifier (embedding + hashed n-grams) on TRAIN data only
# (deepset train split, CyberSecEval's train half by SHA-256 of prompt_id, the repository's *-train.tsv
# files, ACORD's train clauses, ../retrieval/acord beside the dataset dir) and writes
# src/main/resources/assistant/injection-classifier-v2.json (or the path given third); embeddings are
# cached in target/bench. `evaluate` (the default) measures the shipped detector (rules OR classifier)
# on the held-out sets, per set, class and language, and the guardrail's latency for 20 passages.
# Needs a JDK 21+; no database, no network.
# Usage: bench/injection-classifier.sh [train|evaluate] [dataset dir (../shared/datasets/prompt-injection)] [weights out]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="${2:-../shared/datasets/prompt-injection}"
[ -d "$dataset" ] || dataset="/work/shared/datasets/prompt-injection"
source bench/java-classpath.sh
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$java" -version 2>&1 | head -1)"
exec "$java" -Xmx1g --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
    io.lexvault.assistant.guard.InjectionClassifierBenchmark "${1:-evaluate}" "$dataset" ${3:+"$3"}
