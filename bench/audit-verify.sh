#!/usr/bin/env bash
# How fast `lexvault audit verify --firm` checks a firm's log of a million events, against a tight
# loop that only hashes the same leaves and Merkle nodes (docs/benchmarks.md). Needs a JDK 21+ and
# the local PostgreSQL on 127.0.0.1:5432 with trust authentication (as the tests do); creates its
# own uniquely named database and roles and drops them when it ends.
# Usage: bench/audit-verify.sh [events (1000000)] [measured rounds (5)] [leaves per stored checkpoint (1000)]
# BENCH_JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=target/bench/verify.jfr).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/java-classpath.sh
exec "$java" -Xmx6g ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.lexvault.audit.AuditVerificationBenchmark "$@"
