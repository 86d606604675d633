#!/usr/bin/env bash
# Assistant issue (16), prompt-injection detection (docs/benchmarks.md, "Assistant — injection
# detection"). `train` fits the embedding classifier on the TRAIN split of deepset/prompt-injections
# only and writes src/main/resources/assistant/injection-classifier-v1.json; `evaluate` (the default)
# measures the shipped detector (rules OR classifier) on the TEST split, CyberSecEval's injections, the
# repository's benign legal questions and multilingual injections, and the latency of inspect().
# Needs a JDK 21+; no database, no network.
# Usage: bench/injection-classifier.sh [train|evaluate] [dataset dir (../shared/datasets/prompt-injection)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="${2:-../shared/datasets/prompt-injection}"
[ -d "$dataset" ] || dataset="/work/shared/datasets/prompt-injection"
source bench/java-classpath.sh
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$java" -version 2>&1 | head -1)"
exec "$java" -Xmx1g --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
    io.lexvault.assistant.guard.InjectionClassifierBenchmark "${1:-evaluate}" "$dataset"
