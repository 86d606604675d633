#!/usr/bin/env bash
# Documents issue, Measure (docs/benchmarks.md): upload (multipart and raw body, interleaved) and download throughput of one file through
# the API of a running `lexvault serve` (real HTTP on 127.0.0.1, API key, multipart streamed, per-firm
# Tink StreamingAead encryption, filesystem blob store, SHA-256 computed on upload and verified on
# download) against `openssl dgst -sha256` of the same file, in interleaved rounds; then the server's
# heap (from its GC log) during 10, 100 and 300 MB transfers through a second server with a small
# fixed heap. Needs a JDK 21+, openssl and the local PostgreSQL on 127.0.0.1:5432 with trust
# authentication (as the tests do); each server gets its own database and roles, dropped at the end.
# Usage: bench/document-throughput.sh [MB (100)] [rounds (5)] [warm-up rounds (8)] [server heap (512m)]
#        [small heap (96m)] [heap-check sizes in MB (10,100,300)]
# BENCH_SERVER_OPTS adds JVM options to the throughput server (e.g. -XX:StartFlightRecording=filename=target/bench/docs.jfr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mb="${1:-100}"
rounds="${2:-5}"
source bench/java-classpath.sh
file="target/bench/document-$mb.txt"
if [ ! -f "$file" ] || [ "$(stat -c %s "$file")" -ne $((mb * 1024 * 1024)) ]; then
    # Text (the allow-list takes text/plain): numbered lines, no two alike.
    seq 1 100000000 | sed 's/$/. The parties agree that this line of text stands for a page of a long contract./' \
        | head -c $((mb * 1024 * 1024)) > "$file" || true
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $("$java" -version 2>&1 | head -1), $(openssl version)"
exec "$java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.lexvault.documents.DocumentThroughputBenchmark \
    "$file" "$rounds" "${3:-8}" "${4:-512m}" "${5:-96m}" "${6:-10,100,300}"
