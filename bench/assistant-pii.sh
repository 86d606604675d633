#!/usr/bin/env bash
# Assistant issue (16), pseudonymisation (docs/benchmarks.md "Assistant — pseudonymisation"): recall and
# precision of PatternPseudonymiser per identifier type on ../shared/datasets/pii (pl-pii-bench v1.0.0 and
# presidio-research's synthetic set) per train/dev/test split, and the time to pseudonymise a 20-passage
# prompt. Needs a JDK 21+; no database.
# Usage: bench/assistant-pii.sh [dataset dir (../shared/datasets/pii)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dataset="${1:-../shared/datasets/pii}"
[ -d "$dataset" ] || dataset="/work/shared/datasets/pii"
source bench/java-classpath.sh
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$java" -version 2>&1 | head -1)"
exec "$java" ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.lexvault.assistant.pseudonyms.PseudonymisationEvaluation "$dataset"
