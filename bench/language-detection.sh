#!/usr/bin/env bash
# Language detectors for chunks compared on short legal text in the 11 analysed languages
# (src/test/resources/search/legal-sentences.tsv: whole sentences, their first 6 and first 3 words)
# and on ACORD's English queries: right / undetermined / wrong, time per text, load time, heap.
# Each candidate runs in a JVM of its own. The candidates (bench/language-detection/pom.xml) are
# copied from Maven Central to target/bench/language-detection/; the application has only the chosen one.
# Usage: bench/language-detection.sh [candidate ...]   (default: optimaize lingua-low lingua-low-distance
#        lingua-high lingua-high-distance)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
java=""
for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
        java="$candidate"
        break
    fi
done
[ -n "$java" ] || { echo "A JDK 21 or newer is needed (set JAVA_HOME)." >&2; exit 1; }
export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")"
acord="${ACORD:-../shared/datasets/retrieval/acord}"   # ACORD=/path/to/acord to override
jars=target/bench/language-detection/jars
./mvnw -B -q -f bench/language-detection/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$jars" >&2
candidates=("$@")
[ ${#candidates[@]} -gt 0 ] || candidates=(optimaize lingua-low lingua-low-distance lingua-high lingua-high-distance)
echo "machine: $(nproc) cores, shared with other builds; $(date -u +%Y-%m-%dT%H:%MZ)"
for candidate in "${candidates[@]}"; do
    "$java" -Xmx2g -cp "$jars/*" bench/language-detection/LanguageDetectionComparison.java \
        src/test/resources/search/legal-sentences.tsv "$acord/queries.jsonl" \
        "$candidate" 2>&1 | grep -v '^SLF4J'
done
