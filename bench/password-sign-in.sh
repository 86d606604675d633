#!/usr/bin/env bash
# Issue 14, row 6 (docs/benchmarks.md): password sign-ins per second against the Argon2id hash alone
# (m=19456 KiB, t=2, p=1), in one JVM, rounds interleaved, at 1 and 2 clients: the hash in a loop,
# and the whole sign-in over real HTTP (form, CSRF, throttle bucket, attempt bookkeeping, session).
# Needs a JDK 21+ and the local PostgreSQL on 127.0.0.1:5432 with trust authentication (as the tests
# do); it creates its own uniquely named database and roles and drops them when it ends.
# Usage: bench/password-sign-in.sh [seconds per round (10)] [rounds (3)] [client counts (1,2)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source bench/java-classpath.sh
exec "$java" -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$classpath" io.lexvault.identity.signin.PasswordSignInBenchmark "$@"
