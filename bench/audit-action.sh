#!/usr/bin/env bash
# What the audit write costs real write actions, through their facades in LexVault's application
# context, with and without their audit events, rounds interleaved (docs/benchmarks.md): an
# administrator unlocking an account (the cheapest audited write), an attorney opening a matter, and
# an attorney uploading a 1 KB text file as a new document. Needs a JDK 21+ and the local PostgreSQL on 127.0.0.1:5432 with
# trust authentication (as the tests do); creates its own uniquely named database and roles and
# drops them when it ends.
# Usage: bench/audit-action.sh [seconds per round (10)] [rounds (5)] [client counts (2,16)] [actions (unlock,matter,upload)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/java-classpath.sh
exec "$java" -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.lexvault.audit.AuditedActionBenchmark "$@"
